"""`pip install ./code` alone gives a working package.

The fast test reads the package's source: every third-party module it imports, at the top of a
module or inside a function, is a dependency declared in code/pyproject.toml (module-level
imports in ``dependencies`` itself, the others there or in an optional extra), and every
declared dependency is imported somewhere.

The slow test installs code/ as pip would (a wheel built from a copy of code/, into a fresh
folder, without its dependencies, which come from this venv), then imports every module of
the installed copy, loads each stored convergence map through ``backprop.book.stored`` and
reads the live explorers' scripts (``static/*.js``, ``static/explorers/*.js``) through
``backprop.book.explorers``: the files that only package-data brings along.
"""
import ast
import functools
import importlib.metadata
import os
import shutil
import subprocess
import sys
import textwrap
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT

CODE = ROOT / "code"
PACKAGE = CODE / "backprop"


def third_party_imports():
    """{top-level module name: {(module file, at module level?)}} over the package's source."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        top_level = {id(node) for node in tree.body}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top != "backprop":
                    found.setdefault(top, set()).add((path.relative_to(CODE).as_posix(), id(node) in top_level))
    return found


def declared():
    """(core dependencies, {extra: dependencies}) of code/pyproject.toml, as canonical names."""
    project = tomllib.loads((CODE / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = lambda reqs: {canonicalize_name(Requirement(r).name) for r in reqs}  # noqa: E731
    return names(project["dependencies"]), {k: names(v) for k, v in project.get("optional-dependencies", {}).items()}


@functools.cache
def _packages_distributions():
    return importlib.metadata.packages_distributions()  # reads every installed distribution: once


@functools.cache
def distribution_of(module):
    """The installed distribution that provides ``module`` (sklearn → scikit-learn, yaml → pyyaml)."""
    dists = _packages_distributions().get(module)
    assert dists, f"{module!r} is imported by the package but no installed distribution provides it"
    return canonicalize_name(dists[0])


def test_declared_dependencies_are_what_the_package_imports():
    core, extras = declared()
    optional = set().union(*extras.values())
    imports = third_party_imports()
    missing, not_core = [], []
    for module, places in sorted(imports.items()):
        dist = distribution_of(module)
        if dist not in core | optional:
            missing.append(f"{dist} (import {module} in {sorted(p for p, _ in places)})")
        elif dist not in core and any(at_top for _, at_top in places):
            not_core.append(f"{dist} (imported at module level in {sorted(p for p, top in places if top)})")
    assert not missing, f"code/pyproject.toml does not declare: {missing}"
    assert not not_core, f"an optional dependency is needed just to import a module: {not_core}"
    unused = (core | optional) - {distribution_of(m) for m in imports}
    assert not unused, f"code/pyproject.toml declares what no module imports: {sorted(unused)}"


CHECK_INSTALLED = textwrap.dedent("""\
    import importlib, os, sys
    from pathlib import Path

    target = Path(sys.argv[1]).resolve()
    import backprop
    assert Path(backprop.__file__).resolve().is_relative_to(target), backprop.__file__
    root = target / "backprop"
    modules = sorted(".".join(p.relative_to(target).with_suffix("").parts).removesuffix(".__init__")
                     for p in root.rglob("*.py"))
    for name in modules:
        importlib.import_module(name)

    import numpy as np
    from backprop.data import xor
    from backprop.book import stored
    assert Path(stored.STORE).resolve().is_relative_to(target), stored.STORE
    maps = sorted(Path(stored.STORE).glob("*.npz"))
    assert maps, f"no stored convergence map in {stored.STORE}"
    X, Y = xor()
    for path in maps:
        with np.load(path) as data:
            args = {k[4:]: data[k] for k in data.files if k.startswith("arg_")}
        assert np.array_equal(args["X"], X) and np.array_equal(args["Y"], Y), path.name
        result = stored.convergence_map(path.stem, args["sizes"].tolist(), args["lrs"], args["scales"],
                                        int(args["n_seeds"]), int(args["epochs"]), X, Y, init=str(args["init"]))
        assert result.fraction_solved.size, path.name

    from backprop.book.explorers import known_names, script, script_names, standalone_page
    from backprop.chapters.ch07_explorer import live_explorer
    assert "xor" in known_names()
    for relative in script_names(known_names()):
        assert Path(root / "static" / relative).is_file() and script(relative).strip(), relative
    assert 'register("xor"' in standalone_page(live_explorer("en"))
    print(len(modules), "modules,", len(maps), "stored maps")
    """)


@pytest.mark.slow
def test_pip_install_gives_a_working_package(tmp_path):
    source = tmp_path / "code"  # setuptools builds in the source folder: a copy, not the working tree
    shutil.copytree(CODE, source, ignore=shutil.ignore_patterns("tests", "build", "*.egg-info", "__pycache__"))
    target = tmp_path / "site"
    # The build backend (setuptools) comes from this venv, the dependencies too: no network.
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "--no-index",
                    "--target", str(target), str(source)], check=True, cwd=tmp_path)
    installed = {p.relative_to(target / "backprop").as_posix() for p in (target / "backprop").rglob("*")
                 if p.suffix in (".js", ".npz")}
    expected = {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*") if p.suffix in (".js", ".npz")}
    assert installed == expected, f"package-data differs from the source: {installed ^ expected}"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "BACKPROP_RECOMPUTE")}
    env.update(PYTHONPATH=str(target), MPLBACKEND="Agg")
    run = subprocess.run([sys.executable, "-c", CHECK_INSTALLED, str(target)], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
