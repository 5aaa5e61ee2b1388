"""Hand a computed value to the page's prose (MyST-NB ``glue``) without MyST-NB.

The book's text never types a number by hand: a cell computes it and calls
``glue("name", value)``, and the prose shows it with ``{glue:text}`name:.4f```.
This writes the same display message that ``myst_nb.glue`` writes (a mimebundle
under the ``application/papermill.record/`` prefix with a ``scrapbook`` tag), so
the chapters also run in a plain Jupyter or Binder kernel where MyST-NB is not
installed.

In JupyterLab (Binder), where MyST-NB does not run, the chapters' glue roles are
rewritten to ``{eval}`` roles that call :func:`glued` (see ``tools/lab_myst.py``):
the kernel keeps every glued value, and :func:`glued` formats it exactly as
MyST-NB's ``{glue:text}`` does in the HTML book.
"""

from __future__ import annotations

from ast import literal_eval

import numpy as np
from IPython.core.formatters import format_display_data
from IPython.display import display as _display

HIDDEN_PREFIX = "application/papermill.record/"
# Glue names of measured wall-clock times start with this: they differ from run to run
# (the Binder test compares every other number of a page with the HTML's, not these).
TIMING_PREFIX = "time_"

# name -> the text/plain form of the value, as MyST-NB stores it, for this kernel's pages
_PLAIN: dict[str, str] = {}


def _name(name) -> str:
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"name must be a non-empty string; got {name!r}")
    return name


def glue(name: str, value, display: bool = False) -> None:
    """Record ``value`` under ``name`` for ``{glue:text}`` / ``{glue:figure}`` roles."""
    name = _name(name)
    if not isinstance(display, bool):
        raise ValueError(f"display must be True or False; got {display!r}")
    if isinstance(value, np.generic):
        value = value.item()  # numpy 2 prints np.float64(0.5), which {glue:text} cannot format
    bundle, metadata = format_display_data(value)
    if "text/plain" in bundle:
        _PLAIN[name] = bundle["text/plain"]
    prefix = "" if display else HIDDEN_PREFIX
    metadata["scrapbook"] = {"name": name, "mime_prefix": prefix}
    _display({prefix + mime: data for mime, data in bundle.items()}, raw=True, metadata=metadata)


class Text(str):
    """A string that shows itself without quotes (the {eval} role shows the repr)."""

    def __repr__(self) -> str:
        return str(self)


def format_plain(plain: str, spec: str = "") -> str:
    """Format a glued value's text/plain form by ``spec`` the way ``{glue:text}`name:spec``` does.

    The text is read back as a Python literal when it is one; the last character
    of the format spec says whether to format it as a string, an integer or a
    float (MyST-NB's rule), e.g. ``format_plain("0.12345", ".2f") == "0.12"``.
    """
    for arg, arg_name in ((plain, "plain"), (spec, "spec")):
        if not isinstance(arg, str):
            raise ValueError(f"{arg_name} must be a string; got {arg!r}")
    try:
        value = literal_eval(plain)
    except (SyntaxError, ValueError):
        value = plain
    if spec == "":
        return str(value)
    kind = spec[-1]
    try:
        if kind == "s":
            value = str(value)
        elif kind in "bcdoxX":
            value = int(value)
        elif kind in "eEfFgGn%":
            value = float(value)
        return format(value, spec)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"spec {spec!r} cannot format the value {plain!r}: {exc}") from exc


class NotGlued(KeyError, ValueError):
    """Nothing was glued under this name in this kernel (a KeyError, and a ValueError naming ``name``)."""


def glued(name: str, spec: str = "") -> Text:
    """The glued value ``name`` as the prose shows it, formatted by ``spec`` (e.g. ".4f")."""
    if _name(name) not in _PLAIN:
        raise NotGlued(f"name: nothing was glued under {name!r} in this kernel yet: run the cells above first")
    return Text(format_plain(_PLAIN[name], spec))
