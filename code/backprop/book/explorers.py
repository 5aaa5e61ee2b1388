"""The live JavaScript explorers of the HTML book: the block a page shows, and the scripts it needs.

A chapter module's ``live_explorer(lang)`` returns :func:`explorer_block`: a ``<div>`` naming
its explorer, with the labels in the page's language and the settings it starts from. In the
built HTML, ``_ext/explorers.py`` adds the scripts of :func:`scripts` to each page holding such
a block (``static/engine.js``, ``static/ui.js``, ``static/explorers/<name>.js``); the script then
replaces the block's fallback text with controls and plots that compute in the reader's browser.
In Jupyter (Binder) nothing loads them, and the fallback text says where the explorer runs.
"""

from __future__ import annotations

import html
import json
import re
from importlib import resources

from .labels import check_lang

STATIC = resources.files("backprop").joinpath("static")
FALLBACK = {
    "en": "This explorer runs in the HTML version of the book, in your browser (JavaScript). "
          "In a notebook, run the code cells of this page instead.",
    "zh": "这个交互演示运行在本书 HTML 版的浏览器里（JavaScript）。在 notebook 中，请运行本页的代码单元。",
}
NAME = re.compile(r"^[a-z][a-z0-9-]*$")


def known_names() -> list[str]:
    """The explorers the package ships: one ``static/explorers/<name>.js`` each."""
    folder = STATIC.joinpath("explorers")
    return sorted(p.name[:-3] for p in folder.iterdir() if p.name.endswith(".js")) if folder.is_dir() else []


def _check_name(name) -> str:
    if not isinstance(name, str) or not NAME.match(name):
        raise ValueError(f"name must be an explorer's name in lower case, such as 'xor'; got {name!r}")
    if name not in known_names():
        raise ValueError(f"name: no explorer {name!r} in backprop/static/explorers (known: {', '.join(known_names())})")
    return name


class ExplorerBlock:
    """The HTML of one explorer block; Jupyter and MyST-NB show it as HTML (``_repr_html_``)."""

    def __init__(self, name: str, lang: str, html_text: str):
        self.name, self.lang, self.html = name, lang, html_text

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:  # a plain-text output (a terminal) says what it is
        return f"<live explorer {self.name!r} ({self.lang}): shown in the HTML book>"


def explorer_block(name: str, lang: str, text: dict, config: dict | None = None) -> ExplorerBlock:
    """The ``<div>`` of the explorer ``name`` with its labels ``text`` (in ``lang``) and its ``config``."""
    name = _check_name(name)
    lang = check_lang(lang)
    if not isinstance(text, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in text.items()):
        raise ValueError("text must be a dict of label keys to strings in the page's language")
    if config is not None and not isinstance(config, dict):
        raise ValueError(f"config must be a dict (JSON-serializable settings) or None; got {type(config).__name__}")
    attrs = {"text": json.dumps(text, ensure_ascii=False, separators=(",", ":")),
             "config": json.dumps(config or {}, ensure_ascii=False, separators=(",", ":"), allow_nan=False)}
    block = (f'<div class="bp-live" data-bp-explorer="{name}" data-lang="{lang}" '
             f'data-text="{html.escape(attrs["text"])}" data-config="{html.escape(attrs["config"])}">'
             f'<p><em>{html.escape(FALLBACK[lang])}</em></p></div>')
    return ExplorerBlock(name, lang, block)


def names_in(page_html: str) -> list[str]:
    """The explorers a page's HTML holds, in order of appearance, each once."""
    found = re.findall(r'data-bp-explorer="([a-z][a-z0-9-]*)"', page_html)
    return list(dict.fromkeys(found))


def minify(source: str) -> str:
    """The script as served: lines that are only a comment, blank lines and indentation left out.

    Deliberately simple (no tokenizer): a line is dropped only when it starts with ``//`` after
    its indentation, so code, strings and end-of-line comments stay as written. The browser
    tests run the served text, so a script this would break fails them.
    """
    lines = (line.strip() for line in source.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//")) + "\n"


def script_names(names) -> list[str]:
    """The files, relative to ``static/``, that a page with the explorers ``names`` loads, in order."""
    return ["engine.js", "ui.js"] + [f"explorers/{_check_name(n)}.js" for n in names]


def script(relative: str) -> str:
    """The served (minified) text of one of :func:`script_names`."""
    if relative not in {"engine.js", "ui.js"} and not re.fullmatch(r"explorers/[a-z][a-z0-9-]*\.js", relative):
        raise ValueError(f"relative must be engine.js, ui.js or explorers/<name>.js; got {relative!r}")
    return minify(STATIC.joinpath(relative).read_text(encoding="utf-8"))


def standalone_page(*blocks, title: str = "explorer") -> str:
    """A whole HTML page with the given blocks and their scripts inline: for tests and previews."""
    body = "\n".join(b.html if isinstance(b, ExplorerBlock) else str(b) for b in blocks)
    lang = blocks[0].lang if blocks and isinstance(blocks[0], ExplorerBlock) else "en"
    scripts = "\n".join(f"<script>\n{script(s)}</script>" for s in script_names(names_in(body)))
    return (f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)}</title></head>\n"
            f'<body style="font-family:system-ui,sans-serif;margin:0 auto;max-width:48em;padding:0 12px">\n'
            f"{body}\n{scripts}\n</body></html>\n")
