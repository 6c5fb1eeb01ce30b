"""The compact reading table: small saved HTML, the same cells as pandas would show."""

import re

import pandas as pd

from ircourse.tables import CompactStyler, reading_table


def _cells(html):
    return re.findall(r"<td[^>]*>(.*?)</td>", html, flags=re.S)


def test_the_table_has_no_whitespace_between_tags_but_keeps_it_inside_cells():
    df = pd.DataFrame({"a": ["two  spaces", "line\nbreak"], "b": ["x &lt; y", " padded "]})
    html = reading_table(df, "t1", "demo").to_html()
    assert re.search(r">\s+<", html.split("</style>")[1]) is None
    assert _cells(html) == ["two  spaces", "x &lt; y", "line\nbreak", " padded "]
    plain = df.style.hide(axis="index").to_html()
    assert _cells(plain) == _cells(html)  # the same cells as pandas' own Styler, in the same order


def test_the_table_is_smaller_than_pandas_own_and_displays_its_compact_html():
    df = pd.DataFrame({"term": [f"term {i}" for i in range(50)], "meaning": ["m"] * 50})
    styler = reading_table(df, "t2", "demo", [{"selector": "td.c0", "props": "font-weight: bold"}])
    assert isinstance(styler, CompactStyler) and styler.data is df
    html = styler._repr_html_()
    assert html == styler.to_html()
    assert len(html) < 0.6 * len(df.style.hide(axis="index").to_html())
    assert 'class="demo tex2jax_ignore"' in html and 'id="T_t2"' in html
    assert "#T_t2 td.c0 {" in html and html.count('class="d r') == 100
    assert "row0" not in html and 'id="T_t2_row' not in html  # no per-cell ids
    assert "<th" in html and "<tbody><tr><td" in html  # header kept, no index column
    assert "<th class=\"rh" not in html
