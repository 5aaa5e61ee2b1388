"""The build's guards really fail: a tiny book with one bad cell must not build.

This builds two throw-away books with the project's own configuration and the
project's build command (tools/jb_build.py, Sphinx in parallel processes): in one a
cell draws Chinese with a font that lacks it (matplotlib's missing-glyph warning
goes to stderr), in the other a cell raises. Each book has more pages than Sphinx
needs before it reads in parallel, the bad one among them, and both builds must fail.
"""
import os
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


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(CELLS))
def test_bad_cell_fails_the_build(tmp_path, case):
    book = tmp_path / "book"
    book.mkdir()
    config = (ROOT / "_config.yml").read_text(encoding="utf-8")
    (book / "_config.yml").write_text(config, encoding="utf-8")
    shutil.copy(ROOT / "references.bib", book / "references.bib")
    good = [f"page{i}" for i in range(6)]  # Sphinx forks only when more than five pages need reading
    toc = "format: jb-book\nroot: index\nchapters:\n" + "".join(f"- file: {name}\n" for name in good + ["bad"])
    (book / "_toc.yml").write_text(toc, encoding="utf-8")
    (book / "index.md").write_text("# Guard book\n", encoding="utf-8")
    for name in good:
        (book / f"{name}.md").write_text(HEADER.replace("# Guard", f"# {name}") + "print(1)\n```\n",
                                         encoding="utf-8")
    (book / "bad.md").write_text(HEADER + CELLS[case] + "```\n", encoding="utf-8")
    shutil.copytree(ROOT / "_ext", book / "_ext")
    shutil.copytree(ROOT / "_vendor", book / "_vendor")
    (book / "glossary.md").write_text("| 中文 | English |\n| --- | --- |\n", encoding="utf-8")
    run = subprocess.run([str(ROOT / ".venv/bin/python"), str(ROOT / "tools/jb_build.py"), str(book),
                          "-W", "-n", "--keep-going"],
                         capture_output=True, text=True, cwd=book, timeout=300, env={**os.environ, "BOOK_JOBS": "2"})
    assert run.returncode != 0, f"{case}: the build passed but should have failed\n{run.stdout[-2000:]}"
    expected = "stderr was found in the cell outputs" if case == "missing_glyph" else "Executing notebook failed"
    assert expected in run.stdout + run.stderr
    assert "Sphinx with 2 parallel job(s)" in run.stdout
    # Sphinx really read in parallel: it reports chunks of pages ("page0 .. page3"), not one page at a time
    assert any("reading sources" in line and " .. " in line for line in run.stdout.splitlines()), run.stdout[-3000:]
    if case == "missing_glyph":  # and the stderr really was matplotlib's glyph warning
        executed = (book / "_build" / "jupyter_execute" / "bad.ipynb").read_text(encoding="utf-8")
        assert "missing from font" in executed
