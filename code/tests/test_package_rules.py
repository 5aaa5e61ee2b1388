"""Rules about the package as a whole, read from the source with ``ast``.

* No module uses another module's private names (``_name``): not by import, not as an
  attribute (``other._helper``, ``net._check_Y``). A module's own private names are fine,
  and so is ``backprop._checks``, a private module whose functions are the package's
  shared argument checks (they carry no underscore).
* The tests go through the public API too: no test reaches into a private attribute.
* Imports go one way, down: chapters -> book -> engines -> core -> _checks; symbolic/
  stands beside them and uses only itself and core.
* Every name in ``backprop.__all__`` exists.

Each check prints every offence as ``file:line name`` so that a failure says where to look.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

CODE = Path(__file__).resolve().parents[1]          # code/
PACKAGE = CODE / "backprop"
REPO = CODE.parent
TEST_DIRS = (CODE / "tests", REPO / "tests")

# Names with one leading underscore that are public API of the standard library:
# the methods and attributes of a namedtuple (collections.namedtuple, typing.NamedTuple).
PUBLIC_UNDERSCORE = {"_replace", "_asdict", "_fields", "_field_defaults", "_make"}

# Private names of third-party libraries that are used on purpose, each with the
# upstream behaviour that makes it necessary. Keyed by (path relative to the repo, name).
THIRD_PARTY_PRIVATE: dict[tuple[str, str], str] = {}

# The layers of the package, bottom first, and what each may import.
CORE = {"activations", "losses", "initialization", "mlp", "gradcheck", "data", "digits"}
ENGINES = {"vectorized", "optimizers"}
MAY_IMPORT = {
    "checks": {"checks"},
    "core": {"checks", "core"},
    "engines": {"checks", "core"},
    "root": {"checks", "core", "engines"},
    "book": {"checks", "core", "engines", "book"},
    "chapters": {"checks", "core", "engines", "root", "book", "symbolic", "chapters"},
    "symbolic": {"checks", "core", "symbolic"},
}


def module_name(path: Path, root: Path = CODE) -> str:
    """'backprop.chapters.ch06_xor' for code/backprop/chapters/ch06_xor.py (packages end in their name)."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer(module: str) -> str:
    """The layer of a package module: checks, core, engines, root, book, chapters or symbolic."""
    parts = module.split(".")
    if parts == ["backprop"]:
        return "root"
    if parts[1] == "_checks":
        return "checks"
    if len(parts) == 2 and parts[1] in CORE:
        return "core"
    if len(parts) == 2 and parts[1] in ENGINES:
        return "engines"
    if parts[1] in ("book", "chapters", "symbolic"):
        return parts[1]
    raise AssertionError(f"{module} belongs to no layer: add it to CORE or ENGINES in {Path(__file__).name}")


def _resolve(node: ast.ImportFrom, module: str | None, is_package: bool) -> str | None:
    """The absolute module an ``from … import`` reads from (None for a relative import outside the package)."""
    if node.level == 0:
        return node.module
    if module is None:
        return None
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _own_names(tree: ast.AST) -> set[str]:
    """Names a file defines itself: functions, classes, assigned names and self./cls. attributes."""
    own = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            own.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            own.add(node.id)
        elif isinstance(node, ast.arg):
            own.add(node.arg)
        elif (isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store)
              and isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
            own.add(node.attr)
        elif isinstance(node, ast.alias) and node.asname:
            own.add(node.asname)
    return own


def private_uses(source: str, filename: str, module: str | None = None, is_package: bool = False):
    """[(filename, line, name)] for every use of a private name that ``source`` does not define itself.

    ``module`` is the file's dotted name when it is part of backprop (for relative imports);
    importing from ``backprop._checks`` is allowed, and so are the file's own private names.
    """
    tree = ast.parse(source, filename)
    own = _own_names(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            source_module = _resolve(node, module, is_package) or ""
            if source_module == module:
                continue
            if _is_private(source_module.split(".")[-1]) and source_module != "backprop._checks":
                found.append((filename, node.lineno, source_module))
            if source_module == "backprop._checks":
                continue
            for alias in node.names:
                if _is_private(alias.name) and not (source_module == "backprop" and alias.name == "_checks"):
                    found.append((filename, node.lineno, f"{source_module}.{alias.name}"))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                private = [p for p in alias.name.split(".") if _is_private(p)]
                if private and alias.name != "backprop._checks":
                    found.append((filename, node.lineno, alias.name))
        elif isinstance(node, ast.Attribute):
            if _is_private(node.attr) and node.attr not in own and node.attr not in PUBLIC_UNDERSCORE:
                found.append((filename, node.lineno, node.attr))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id in ("getattr", "setattr", "hasattr", "delattr") and len(node.args) >= 2
              and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)):
            name = node.args[1].value
            if _is_private(name) and name not in own and name not in PUBLIC_UNDERSCORE:
                found.append((filename, node.lineno, name))
    return found


def package_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def sources_of_tests() -> list[Path]:
    return sorted(p for d in TEST_DIRS for p in d.glob("*.py"))


def _allowed(found):
    return [(f, line, name) for f, line, name in found if (f, name) not in THIRD_PARTY_PRIVATE]


def _report(found) -> str:
    return "\n".join(f"{f}:{line} {name}" for f, line, name in found)


def package_private_uses():
    found = []
    for path in package_files():
        found += private_uses(path.read_text(encoding="utf-8"), str(path.relative_to(REPO)),
                              module_name(path), path.name == "__init__.py")
    return found


def private_uses_in_tests():
    found = []
    for path in sources_of_tests():
        found += private_uses(path.read_text(encoding="utf-8"), str(path.relative_to(REPO)))
    return found


def test_no_module_uses_another_modules_private_names():
    found = _allowed(package_private_uses())
    print(_report(found))
    assert not found, f"{len(found)} use(s) of another module's private names:\n{_report(found)}"


def test_tests_use_the_public_api():
    found = _allowed(private_uses_in_tests())
    print(_report(found))
    assert not found, f"{len(found)} use(s) of private names in the tests:\n{_report(found)}"


def test_the_checker_finds_what_it_should():
    bad = ("from .x import _y\nimport backprop._secret\nbatched._forward(1)\nnet._check_Y(2)\n"
           "getattr(D, '_compare')\n")
    names = [name for _, _, name in private_uses(bad, "m.py", "backprop.m")]
    assert sorted(names) == sorted(["backprop.x._y", "backprop._secret", "_forward", "_check_Y", "_compare"])
    good = ("from ._checks import as_matrix\nfrom . import _checks\n_helper = 1\nclass A:\n"
            "    def __init__(self):\n        self._x = 1\n    def f(self):\n        return self._x, _helper\n"
            "p = P(1, 2)._replace(x=3)\nlen(a.__dict__)\n")
    assert private_uses(good, "m.py", "backprop.m") == []


# ----- imports go one way ----------------------------------------------------------------
def package_imports(path: Path):
    """[(line, imported backprop module)] of one package file, including imports inside functions."""
    module, is_package = module_name(path), path.name == "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    modules = {module_name(p) for p in package_files()}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            source_module = _resolve(node, module, is_package) or ""
            if not source_module.split(".")[0] == "backprop":
                continue
            for alias in node.names:  # "from .. import digits" imports the module backprop.digits
                sub = f"{source_module}.{alias.name}"
                out.append((node.lineno, sub if sub in modules else source_module))
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "backprop"]
    return out


def import_violations():
    found = []
    for path in package_files():
        module = module_name(path)
        here = layer(module)
        for line, target in package_imports(path):
            there = layer(target)
            if target == module:
                continue
            if there not in MAY_IMPORT[here]:
                found.append((str(path.relative_to(REPO)), line, f"{here} imports {there}: {target}"))
            elif here == there == "chapters" and target != "backprop.chapters":
                found.append((str(path.relative_to(REPO)), line, f"a chapter imports another chapter: {target}"))
    return found


def test_imports_go_one_way():
    found = import_violations()
    print(_report(found))
    assert not found, f"{len(found)} import(s) against the layering:\n{_report(found)}"


def test_every_module_has_a_layer():
    for path in package_files():
        layer(module_name(path))


# ----- the package's names -----------------------------------------------------------------
def test_every_exported_name_exists():
    import backprop

    missing = [name for name in backprop.__all__ if not hasattr(backprop, name)]
    assert not missing, f"backprop.__all__ lists names that do not exist: {missing}"
    assert len(set(backprop.__all__)) == len(backprop.__all__), "backprop.__all__ repeats a name"
    assert {"train_many", "initial_parameters"} <= set(backprop.__all__)


@pytest.mark.parametrize("module", ["backprop.vectorized", "backprop.optimizers", "backprop.mlp",
                                    "backprop.initialization", "backprop.losses"])
def test_module_all_names_exist(module):
    import importlib

    mod = importlib.import_module(module)
    missing = [name for name in getattr(mod, "__all__", []) if not hasattr(mod, name)]
    assert not missing, f"{module}.__all__ lists names that do not exist: {missing}"
