"""Hand a computed value to the page's prose (MyST-NB ``glue``) without MyST-NB.

The book's text never types a number by hand: a cell computes it and calls
``glue("name", value)``, and the prose shows it with ``{glue:text}`name:.4f```.
This writes the same display message that ``myst_nb.glue`` writes (a mimebundle
under the ``application/papermill.record/`` prefix with a ``scrapbook`` tag), so
the chapters also run in a plain Jupyter or Binder kernel where MyST-NB is not
installed; there the call simply shows nothing.
"""

from __future__ import annotations

import numpy as np
from IPython.core.formatters import format_display_data
from IPython.display import display as _display

HIDDEN_PREFIX = "application/papermill.record/"


def glue(name: str, value, display: bool = False) -> None:
    """Record ``value`` under ``name`` for ``{glue:text}`` / ``{glue:figure}`` roles."""
    if isinstance(value, np.generic):
        value = value.item()  # numpy 2 prints np.float64(0.5), which {glue:text} cannot format
    bundle, metadata = format_display_data(value)
    prefix = "" if display else HIDDEN_PREFIX
    metadata["scrapbook"] = {"name": name, "mime_prefix": prefix}
    _display({prefix + mime: data for mime, data in bundle.items()}, raw=True, metadata=metadata)
