"""The claims register: the "Check the article" boxes and the table of verdicts.

Every checkable claim of the article is one row of the dataset ``claims`` (built from the course fact
sheet by :mod:`ircourse.build.claims`). The chapters draw their boxes from it, so each verdict is
written in one place::

    import ircourse as irc
    irc.claims.box("9.9")          # the box for claim 9.9 (the Warsaw Pact without Poland)
    irc.claims.table(chapter=6)    # the claims discussed in chapter 6, as a table
    irc.claims.scale()             # the five verdicts, their colours and meanings

Everything a box, the table and the scale show follows the session language
(:func:`ircourse.i18n.get_language`): the labels, the box title and the verdict words come from the
string catalogue (keys ``claims.*`` of ``locales/en/claims.json``), and the register's own texts
(:data:`TRANSLATED`: the claim, the verdict note, the facts, the confidence) from ``data.po``
(:func:`ircourse.i18n.data_text`), each field falling back to its English when it has no translation
yet. The article's Uzbek quotation and the sources are shown as written.

The boxes are HTML with inline styles, so they look the same in JupyterLab, Voila and the offline
site. Dollar signs are written as HTML entities inside their own ``<span>``: JupyterLab would
otherwise typeset the text between two ``$`` as mathematics.
"""

from __future__ import annotations

import difflib
import html
import re

import pandas as pd
from IPython.display import HTML

from .data import load
from .i18n import CLAIM_FIELDS, data_text, get_language, is_translated, t
from .theme import OKABE_ITO

#: The five verdicts, in the order the course shows them.
VERDICTS = ("correct", "imprecise", "wrong", "unverifiable", "opinion")

#: Verdict -> (colour of the border and the label, light background of the box, symbol). Okabe-Ito
#: colours (colour-blind safe); the symbol and the word make the verdict readable without colour.
VERDICT_STYLE = {
    "correct": (OKABE_ITO["bluish_green"], "#e6f5f0", "✔"),
    "imprecise": (OKABE_ITO["orange"], "#fdf6e6", "≈"),
    "wrong": (OKABE_ITO["vermilion"], "#fdf0e8", "✘"),
    "unverifiable": (OKABE_ITO["grey"], "#f2f2f2", "?"),
    "opinion": (OKABE_ITO["blue"], "#eaf2f9", "◆"),
}

#: Columns of :func:`table` by default (``full=True`` shows every column of the dataset).
TABLE_COLUMNS = ("claim_id", "chapter", "claim_en", "verdict", "verdict_note")

#: Columns of the register shown in the session language (from data.po), the others as written.
TRANSLATED = CLAIM_FIELDS

#: "Label: text" at the start of a fact line (any alphabet: "Source:", "Manba:", "Источник:").
_LABEL = re.compile(r"^(?P<label>[^\W\d_][^:]{0,40}):\s+(?P<rest>.+)$", flags=re.S)


class ClaimNotFound(KeyError):
    """Raised by :func:`box` for an id that is not in the register."""

    def __str__(self) -> str:  # KeyError would print the message with quotes
        return str(self.args[0])


def register() -> pd.DataFrame:
    """Return the claims register (the dataset ``claims``) in the fact sheet's order."""
    return load("claims")


def escape(text: str) -> str:
    """Return ``text`` escaped for HTML, with every ``$`` in a span of its own (never typeset as maths).

    Parameters
    ----------
    text : str
        Plain text.

    Returns
    -------
    str
        HTML-safe text.
    """
    return html.escape(str(text), quote=True).replace("$", "<span>&#36;</span>")


def _row(claim_id: str) -> pd.Series:
    claims = register()
    ids = claims["claim_id"].tolist()
    if not isinstance(claim_id, str):  # 7.10 as a number would be 7.1: ids are text
        raise ClaimNotFound(t("claims.error.unknown", claim_id=claim_id, hint=t("claims.error.text")))
    key = claim_id.strip()
    if key not in ids:
        close = difflib.get_close_matches(key, ids, n=1)
        hint = t("claims.error.hint", close=close[0]) if close else ""
        raise ClaimNotFound(t("claims.error.unknown", claim_id=claim_id, hint=hint))
    return claims.loc[claims["claim_id"] == key].iloc[0]


def relative_luminance(colour: str) -> float:
    """Return the relative luminance of a ``#rrggbb`` colour (WCAG 2.1, definition of the term).

    >>> relative_luminance("#ffffff"), relative_luminance("#000000")
    (1.0, 0.0)
    """
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def text_colour_on(background: str) -> str:
    """Return black or white, whichever contrasts more with ``background`` (WCAG 2.1 contrast ratio).

    Black on the Okabe-Ito blue (#0072B2) is 4.0:1, under the 4.5:1 that small text needs; white is 5.2:1.
    """
    luminance = relative_luminance(background)
    return "#000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#fff"


def _badge(verdict: str) -> str:
    colour, _background, symbol = VERDICT_STYLE[verdict]
    return (f'<span style="background:{colour}; color:{text_colour_on(colour)}; font-weight:bold; padding:0 0.45em; '
            f'border-radius:3px; white-space:nowrap">{symbol} {escape(t(f"claims.verdict.{verdict}"))}</span>')


def field(row: pd.Series, column: str) -> str:
    """Return one text field of a register row in the session language (English if not translated)."""
    return data_text(f"claims:{row['claim_id']}:{column}", row[column])


def _lang_attribute(row: pd.Series, column: str) -> str:
    """`` lang="en"`` on a field shown in English in another language's session (screen readers)."""
    english = get_language() != "en" and not is_translated(f"claims:{row['claim_id']}:{column}", row[column])
    return ' lang="en"' if english else ""


def _in_language(html_text: str, lang_attribute: str) -> str:
    """The text in a ``<span lang="en">`` when it is English in another language's session, else as it is."""
    return f"<span{lang_attribute}>{html_text}</span>" if lang_attribute else html_text


def _fact_items(fact: str, lang_attribute: str = "") -> str:
    items = []
    for line in str(fact).split("\n"):
        line = line.strip().removeprefix("•").strip()
        if not line:
            continue
        match = _LABEL.match(line)
        if match and match["label"][0].isupper():
            items.append(f"<li><strong>{escape(match['label'])}:</strong> {escape(match['rest'])}</li>")
        else:
            items.append(f"<li>{escape(line)}</li>")
    return f'<ul{lang_attribute} style="margin:0.2em 0 0.4em 1.2em; padding:0">' + "".join(items) + "</ul>"


def box_html(claim_id: str, note: str | None = None, register_link: str = "claims.ipynb") -> str:
    """Return the HTML of the "Check the article" box of one claim.

    Parameters
    ----------
    claim_id : str
        The register's id, e.g. ``"9.9"`` or ``"R1"``.
    note : str, optional
        What the chapter's own data show about the claim (plain text), printed under the facts.
    register_link : str
        Link to the claims register page, relative to the notebook that shows the box.

    Returns
    -------
    str
        A ``<div>`` with inline styles.

    Raises
    ------
    ClaimNotFound
        If ``claim_id`` is not in the register (the message suggests the closest id).
    """
    row = _row(claim_id)
    verdict = row["verdict"]
    colour, background, _symbol = VERDICT_STYLE[verdict]
    detail = field(row, "verdict_note")
    detail = f" {_in_language(escape(detail), _lang_attribute(row, 'verdict_note'))}" if detail else ""
    translated_claim = not _lang_attribute(row, "claim_en") and get_language() != "en"
    claim_label = t("claims.box.claim_translated") if translated_claim else t("claims.box.claim")
    parts = [
        f'<div class="ircourse-claim tex2jax_ignore" data-claim="{escape(row["claim_id"])}" '
        f'style="border-left:6px solid {colour}; background:{background}; color:#1a1a1a; '
        f'padding:0.6em 1em; margin:0.6em 0; line-height:1.45">',
        f'<p style="margin:0 0 0.4em 0"><strong>{escape(t("claims.box.title"))}</strong> · '
        f'{escape(t("claims.box.claim_no", claim_id=row["claim_id"]))} · {_badge(verdict)}{detail}</p>',
        f'<p style="margin:0.3em 0"><strong>{escape(t("claims.box.article"))}:</strong> '
        f'<em lang="uz">“{escape(row["quote_uz"])}”</em></p>',
        f'<p style="margin:0.3em 0"><strong>{escape(claim_label)}:</strong> '
        f'{_in_language(escape(field(row, "claim_en")), _lang_attribute(row, "claim_en"))}</p>',
        f'<p style="margin:0.3em 0 0 0"><strong>{escape(t("claims.box.facts"))}:</strong></p>',
        _fact_items(field(row, "fact_en"), _lang_attribute(row, "fact_en")),
    ]
    if note:
        parts.append(f'<p style="margin:0.3em 0"><strong>{escape(t("claims.box.course"))}:</strong> '
                     f'{escape(note)}</p>')
    small = []
    if isinstance(row["sources"], str) and row["sources"]:
        small.append(f'<strong>{escape(t("claims.box.sources"))}:</strong> {escape(row["sources"])}')
    if isinstance(row["confidence"], str) and row["confidence"]:
        small.append(f'<strong>{escape(t("claims.box.confidence"))}:</strong> '
                     f'{_in_language(escape(field(row, "confidence")), _lang_attribute(row, "confidence"))}')
    link = f'<a href="{escape(register_link)}">{escape(t("claims.box.register"))}</a>'
    small.append(t("claims.box.footer", register=link, claim_id=escape(row["claim_id"])))
    parts.append('<p style="margin:0.4em 0 0 0; font-size:0.9em">' + "<br>".join(small) + "</p>")
    parts.append("</div>")
    return "\n".join(parts)


def box(claim_id: str, note: str | None = None, register_link: str = "claims.ipynb") -> HTML:
    """Return the "Check the article" box of one claim, ready to display in a notebook.

    Parameters
    ----------
    claim_id : str
        The register's id, e.g. ``"9.9"``.
    note : str, optional
        What the chapter's own data show about the claim (plain text), printed under the facts.
    register_link : str
        Link to the claims register page, relative to the notebook.

    Returns
    -------
    IPython.display.HTML
        Shown as the box when it is the last expression of a cell.

    Raises
    ------
    ClaimNotFound
        If ``claim_id`` is not in the register.
    """
    return HTML(box_html(claim_id, note=note, register_link=register_link))


def _check_chapter(chapter) -> None:
    if chapter is None:
        return
    if isinstance(chapter, bool) or not isinstance(chapter, int) or not 1 <= chapter <= 8:
        raise ValueError(t("claims.error.chapter", chapter=chapter))


def _cell_html(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return escape(value).replace("\n", "<br>")


def table(chapter: int | None = None, full: bool = False) -> "CompactStyler":
    """Return the register (or one chapter's claims), chapter by chapter, as a styled table for reading.

    Parameters
    ----------
    chapter : int, optional
        A course chapter, 1-8; ``None`` for every claim.
    full : bool
        Show every column (the Uzbek quotation, the facts, sources, confidence), not only the id,
        chapter, claim and verdict.

    Returns
    -------
    ircourse.tables.CompactStyler
        A pandas Styler. Displays as an HTML table with each verdict in its colour; ``.data`` is the DataFrame, with
        the column names and the :data:`TRANSLATED` texts in the session language. For analysis,
        use ``irc.load("claims")`` (always English).

    Raises
    ------
    ValueError
        If ``chapter`` is not a whole number from 1 to 8.
    """
    _check_chapter(chapter)
    claims = register().sort_values("chapter", kind="stable")  # by chapter, fact-sheet order within
    if chapter is not None:
        claims = claims[claims["chapter"] == chapter]
    columns = list(claims.columns) if full else list(TABLE_COLUMNS)
    shown = claims[columns].reset_index(drop=True)
    for column in (c for c in TRANSLATED if c in columns):  # the register's texts in the session language
        shown[column] = [field(row, column) if isinstance(row[column], str) else row[column]
                         for _, row in claims.iterrows()]
    shown.columns = [t(f"claims.column.{c}") for c in columns]
    verdict_col = t("claims.column.verdict")

    from .tables import reading_table  # needs jinja2: imported when a table is shown

    verdict_rules = [{"selector": f"td.verdict-{v}",
                      "props": f"background-color: {VERDICT_STYLE[v][1]}; border-left: 4px solid {VERDICT_STYLE[v][0]}"}
                     for v in VERDICTS]
    styler = reading_table(shown, f"claims_{chapter or 'all'}{'_full' if full else ''}", "ircourse-claims",
                           verdict_rules)
    styler = styler.format(_cell_html).format(
        lambda v: f"{VERDICT_STYLE[v][2]} {escape(t(f'claims.verdict.{v}'))}", subset=[verdict_col])
    classes = pd.DataFrame("", index=shown.index, columns=shown.columns)
    classes[verdict_col] = [f"verdict-{v}" for v in shown[verdict_col]]  # one CSS rule per verdict
    return styler.set_td_classes(classes)


def counts(chapter: int | None = None) -> pd.Series:
    """Return the number of claims per verdict, in the order of :data:`VERDICTS` (zeros included).

    Parameters
    ----------
    chapter : int, optional
        A course chapter, 1-8; ``None`` for every claim.
    """
    _check_chapter(chapter)
    claims = register()
    if chapter is not None:
        claims = claims[claims["chapter"] == chapter]
    return claims["verdict"].value_counts().reindex(list(VERDICTS), fill_value=0).rename("claims")


def scale_html() -> str:
    """Return the HTML legend of the verdict scale: each verdict's badge and meaning."""
    rows = "".join(
        f'<tr><td style="text-align:left; padding:0.2em 0.6em; border-left:6px solid {VERDICT_STYLE[v][0]}; '
        f'background:{VERDICT_STYLE[v][1]}">{_badge(v)}</td>'
        f'<td style="text-align:left; padding:0.2em 0.6em">{escape(t(f"claims.meaning.{v}"))}</td></tr>'
        for v in VERDICTS
    )
    head = (f'<tr><th style="text-align:left">{escape(t("claims.column.verdict"))}</th>'
            f'<th style="text-align:left">{escape(t("claims.column.meaning"))}</th></tr>')
    return f'<table class="ircourse-verdicts">{head}{rows}</table>'


def scale() -> HTML:
    """Return the legend of the five verdicts (colour, symbol, word, meaning) for display."""
    return HTML(scale_html())
