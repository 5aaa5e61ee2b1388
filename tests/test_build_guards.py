"""The build's guards really fail: a tiny book with one bad cell must not build.

This builds two throw-away books with the project's own configuration: one whose
cell draws Chinese with a font that lacks it (matplotlib's missing-glyph warning
goes to stderr), one whose cell raises. Both builds must fail.
"""
import shutil
import subprocess
import textwrap

import pytest

from conftest import ROOT

HEADER = textwrap.dedent("""\
    ---
    jupytext:
      text_representation:
        extension: .md
        format_name: myst
    kernelspec:
      display_name: Python 3
      language: python
      name: python3
    ---

    # Guard

    ```{code-cell} ipython3
    """)

CELLS = {
    "missing_glyph": textwrap.dedent("""\
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        matplotlib.rcParams["font.family"] = ["DejaVu Sans"]
        fig, ax = plt.subplots()
        ax.set_title("反向传播")
        fig.canvas.draw()
        """),
    "cell_error": "1 / 0\n",
}


@pytest.mark.parametrize("case", sorted(CELLS))
def test_bad_cell_fails_the_build(tmp_path, case):
    book = tmp_path / "book"
    book.mkdir()
    config = (ROOT / "_config.yml").read_text(encoding="utf-8")
    (book / "_config.yml").write_text(config, encoding="utf-8")
    shutil.copy(ROOT / "references.bib", book / "references.bib")
    (book / "_toc.yml").write_text("format: jb-book\nroot: index\n", encoding="utf-8")
    (book / "index.md").write_text(HEADER + CELLS[case] + "```\n", encoding="utf-8")
    shutil.copytree(ROOT / "_ext", book / "_ext")
    shutil.copytree(ROOT / "_vendor", book / "_vendor")
    (book / "glossary.md").write_text("| 中文 | English |\n| --- | --- |\n", encoding="utf-8")
    run = subprocess.run([str(ROOT / ".venv/bin/jupyter-book"), "build", str(book), "-W", "-n", "--keep-going"],
                         capture_output=True, text=True, cwd=book, timeout=300)
    assert run.returncode != 0, f"{case}: the build passed but should have failed\n{run.stdout[-2000:]}"
    expected = "stderr was found in the cell outputs" if case == "missing_glyph" else "Executing notebook failed"
    assert expected in run.stdout + run.stderr
    if case == "missing_glyph":  # and the stderr really was matplotlib's glyph warning
        executed = next((book / "_build" / "jupyter_execute").glob("*.ipynb")).read_text(encoding="utf-8")
        assert "missing from font" in executed
