"""Write one live explorer as a standalone HTML page (scripts inline), and optionally screenshot it.

    .venv/bin/python tools/explorer_preview.py backprop.chapters.ch08_vanishing en /tmp/depth-en.html
    .venv/bin/python tools/explorer_preview.py backprop.chapters.ch08_vanishing zh /tmp/depth-zh.html --png 390

MODULE is a chapter module with ``live_explorer(lang)``. With ``--png WIDTH`` (repeatable) it
also opens the page in Debian's Chromium at that width, waits for the first render and writes
OUT with the width and .png appended (e.g. /tmp/depth-zh.html.390.png); console errors are printed.
"""
from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from backprop.book.explorers import standalone_page  # noqa: E402


def screenshot(html_path: Path, width: int, dark: bool = False) -> Path:
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM, CHROMIUM_ARGS

    out = Path(f"{html_path}.{width}{'.dark' if dark else ''}.png")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": width, "height": 900},
                                color_scheme="dark" if dark else "light")
        errors = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(html_path.resolve().as_uri())
        page.wait_for_function("() => [...document.querySelectorAll('[data-bp-explorer]')]"
                               ".every(e => +(e.dataset.renders || 0) >= 1)", timeout=15000)
        page.screenshot(path=str(out), full_page=True)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        browser.close()
    for e in errors:
        print("console error:", e)
    print(f"{out} (page scroll width {scroll} px at {width} px)")
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("module")
    parser.add_argument("lang", choices=["en", "zh"])
    parser.add_argument("out", type=Path)
    parser.add_argument("--png", type=int, action="append", default=[], metavar="WIDTH")
    parser.add_argument("--dark", action="store_true", help="screenshot in dark mode too")
    args = parser.parse_args()
    block = importlib.import_module(args.module).live_explorer(args.lang)
    args.out.write_text(standalone_page(block, title=args.module), encoding="utf-8")
    print(args.out)
    for width in args.png:
        screenshot(args.out, width)
        if args.dark:
            screenshot(args.out, width, dark=True)


if __name__ == "__main__":
    main()
