"""backprop.book.glue: what a page glues, and the text the prose shows for it in JupyterLab."""
import pytest

from backprop.book import glue as G


@pytest.mark.parametrize("value, spec", [
    (0.123456, ".4f"), (0.123456, ".1e"), (3, "d"), (1234567, ","), (0.5, ".0%"), (12.0, ".0f"),
    (-0.6, ".1f"), (2.5e-16, ".1e"), ("text", ""), ("a 'quoted' word", "s"), (7, ""), (1e-300, "g"),
    (0.25, "+.2f"), (17, ",.0f"),
])
def test_text_formats_as_myst_nb_does(value, spec):
    """The oracle is MyST-NB's own formatter, the one the HTML build uses."""
    from IPython.core.formatters import format_display_data
    from myst_nb.core.variables import format_plain_text

    plain = format_display_data(value)[0]["text/plain"]
    assert G.format_plain(plain, spec) == format_plain_text(plain, spec)


def test_glue_remembers_the_value_for_text():
    G.glue("test_value", 0.987654)
    shown = G.glued("test_value", ".2f")
    assert shown == "0.99" and repr(shown) == "0.99"  # the {eval} role shows the repr: no quotes


def test_text_of_a_name_never_glued_says_so():
    with pytest.raises(KeyError, match="run the cells above"):
        G.glued("never_glued_anywhere")
