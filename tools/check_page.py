"""Execute one or more chapter pages the way the build does, fast, without Sphinx.

    .venv/bin/python tools/check_page.py chapters/en/06-xor.md [chapters/zh/06-xor.md ...]

For each page: runs every code cell in a fresh kernel (cells tagged
``raises-exception`` may raise), and reports a cell error (a failed claim check
among them), anything written to stderr, glue names used in the prose that no
cell glued, and each glued value as the prose would format it. It is the quick
loop while writing; ``make book`` (Sphinx with -W) remains the full check.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import jupytext
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parent.parent
ROLE = re.compile(r"\{glue:(?:text|figure|md|any)\}`([^`:]+)(?::([^`]*))?`|```\{glue:figure\}\s+(\S+)")


def check(path: Path) -> list[str]:
    nb = jupytext.read(path)
    problems: list[str] = []
    client = NotebookClient(nb, timeout=1200, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except CellExecutionError as exc:  # pragma: no cover - allow_errors keeps going
        problems.append(str(exc))
    glued = {}
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        tags = cell.metadata.get("tags", [])
        for out in cell.get("outputs", []):
            if out.output_type == "error" and "raises-exception" not in tags:
                problems.append(f"cell {i}: {out.ename}: {out.evalue}")
            if out.output_type == "stream" and out.name == "stderr":
                problems.append(f"cell {i}: stderr: {out.text.strip()[:300]}")
            if out.output_type == "display_data":
                name = out.metadata.get("scrapbook", {}).get("name")
                if name:
                    glued[name] = out.data.get("application/papermill.record/text/plain",
                                               out.data.get("text/plain", "<figure>"))
    text = path.read_text(encoding="utf-8")
    for m in ROLE.finditer(text):
        name = m.group(1) or m.group(3)
        if name not in glued:
            problems.append(f"prose uses glue name {name!r} that no cell glued")
    print(f"== {path}: {len(glued)} glued values")
    for name, value in glued.items():
        print(f"   {name} = {value[:120]}")
    return problems


def main(paths: list[str]) -> int:
    failed = 0
    for p in paths:
        problems = check(Path(p).resolve())
        for line in problems:
            print(f"   PROBLEM: {line}")
        failed += bool(problems)
    print("OK" if not failed else f"{failed} page(s) with problems")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
