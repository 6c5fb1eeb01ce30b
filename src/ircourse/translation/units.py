"""The translatable units of a notebook, and putting translations back in their place.

A *unit* is the smallest piece a translator sees as one PO entry. Its ``msgctxt`` is
``<notebook stem>#<cell id>``, so the same English text in two cells can be translated differently, and
its ``msgid`` is the English text.

Markdown cells (segmented with markdown-it-py, CommonMark + tables)
    * a paragraph, a heading (without its ``#`` marks), a list item (without its ``*``/``1.`` marker;
      a nested list is a unit per item), a table row, an HTML block: one unit each. One changed
      sentence therefore marks one paragraph fuzzy, not the whole cell;
    * blank lines, table separator rows and fenced code blocks are kept as they are; inside a fenced
      ``python`` block the comments are units, as in code cells.
Code cells (the code itself is never translated: it stays identical in every language)
    * comments: a run of full-line comments at the same indentation is one unit (one line per comment
      line); a comment after code is one unit on its line. Tool markers are not units (``# noqa``,
      ``# type:``, ``# SOLUTION``, ``# BEGIN SOLUTION``...);
    * string literals shown to the reader, and only these: every string argument of ``print(...)``,
      the first argument of ``Markdown(...)`` and ``HTML(...)``, and keyword arguments named
      :data:`DISPLAY_KEYWORDS` (``title=``, ``xaxis_title=``, ``annotation_text=``, ``summary=``..., and ``text=`` of
      ``add_annotation``) in any call, such as ``irc.figures.x(..., title="...")`` or
      ``px.line(..., title="...")``, and ``note=`` of ``irc.claims.box(...)``; and the values (not
      the keys) of a ``labels={...}`` dict (:data:`LABEL_DICT_KEYWORDS`). Other literals (dataset
      names, column names, ``.rename(...)``, query strings) are data the code depends on and are
      never units.
      The ``msgid`` is the text between the quotes as written (``\\n`` stays ``\\n``); f-string
      fields (``{share:.0%}``) must come back unchanged in the translation, in any order (Uzbek and
      Russian word order differ from English), each as often as in the English; otherwise the English
      is kept and the unit is reported as invalid. A quote character of the literal inside a
      translation is escaped automatically.
Raw cells and outputs are not translated (outputs come from running the translated notebook).
Units without a letter (``---``, ``| 1 |``) are skipped, and so is the *language line* of a chapter (the
cell tagged :data:`LANGUAGE_LINE`, generated for each language by :mod:`ircourse.translation`).
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections import Counter
from dataclasses import dataclass, field

from markdown_it import MarkdownIt

#: Keyword arguments whose string value is displayed to the reader (in any call).
DISPLAY_KEYWORDS = frozenset({
    "title", "title_text", "xaxis_title", "yaxis_title", "legend_title", "legend_title_text",
    "annotation_text", "hover_name_text", "caption", "description", "label",
    "note",  # irc.claims.box(claim_id, note=...): the chapter's own finding, printed in the box
    "summary",  # describe(fig, summary=...): the chart's text alternative, read out by screen readers
})
#: Keyword arguments whose value is a dict of displayed labels (``px.bar(..., labels={"col": "Label"})``):
#: the values are units, the keys (column names) are data.
LABEL_DICT_KEYWORDS = frozenset({"labels"})
#: Calls whose positional string arguments are displayed.
DISPLAY_CALLS = frozenset({"print"})
#: Calls whose first positional argument is displayed markup.
MARKUP_CALLS = frozenset({"Markdown", "HTML"})
#: Comments that are instructions to tools, never translated.
TOOL_COMMENT = re.compile(r"^\s*(noqa|type:|pragma|fmt:|isort:|SOLUTION\b|BEGIN SOLUTION|END SOLUTION|%%|!)")
#: Tag of a chapter's language line (links to the chapter in the other languages): generated, never a unit.
LANGUAGE_LINE = "language-line"
_LETTER = re.compile(r"[^\W\d_]")
_PYTHON_FENCES = {"python", "py", "python3", "ipython", "ipython3", "pycon"}

_MD = MarkdownIt("commonmark").enable("table")


@dataclass
class Unit:
    """One translatable piece of a cell.

    Attributes
    ----------
    context : str
        ``<notebook stem>#<cell id>``: the PO ``msgctxt``.
    text : str
        The English text: the PO ``msgid``.
    kind : str
        ``markdown``, ``comment``, ``string`` or ``f-string``.
    cell : int
        Index of the cell in the notebook.
    """

    context: str
    text: str
    kind: str
    cell: int
    # where the unit sits in the cell source (private to this module)
    _lines: tuple[int, int] | None = field(default=None, repr=False)
    _prefixes: list[str] = field(default_factory=list, repr=False)
    _suffixes: list[str] = field(default_factory=list, repr=False)
    _span: tuple[int, int] | None = field(default=None, repr=False)
    _quote: str = field(default="", repr=False)
    _inline: bool = field(default=False, repr=False)
    # implicit concatenation ("a " "b"): the source text, what joins its parts, the widest part
    _original: str = field(default="", repr=False)
    _joiner: str = field(default="", repr=False)
    _width: int = field(default=0, repr=False)

    @property
    def note(self) -> str:
        """The extracted comment shown to translators (what the unit is and what to keep)."""
        return {
            "markdown": "Markdown: keep links' targets, `code`, **bold** marks and HTML tags.",
            "comment": "Python comment in a code cell (one line per line of the English).",
            "string": "Python string shown to the reader: keep \\n and other backslash sequences.",
            "f-string": "Python f-string shown to the reader: keep every {...} field exactly as it is.",
        }[self.kind]


def cell_context(stem: str, cell: dict, index: int) -> str:
    """Return the ``msgctxt`` of the units of a cell: ``<stem>#<cell id>`` (``cell-<index>`` without an id)."""
    return f"{stem}#{cell.get('id') or f'cell-{index}'}"


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _has_letters(text: str) -> bool:
    return bool(_LETTER.search(text))


# --------------------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------------------


def _inline_lines(tokens: list, i: int) -> list[str] | None:
    """Return the lines of the inline content that follows block token ``i``, if any."""
    if i + 1 < len(tokens) and tokens[i + 1].type == "inline":
        return tokens[i + 1].content.split("\n")
    return None


def _markdown_units(text: str, context: str, index: int) -> list[Unit]:
    lines = text.split("\n")
    units: list[Unit] = []
    tokens = _MD.parse(text)
    for i, token in enumerate(tokens):
        if not token.map or token.nesting == -1:
            continue
        start, end = token.map
        if token.type in ("paragraph_open", "heading_open"):
            content = _inline_lines(tokens, i)
            if content is None or len(content) != end - start:
                content = [line.strip() for line in lines[start:end]]
            prefixes, suffixes = [], []
            for source_line, content_line in zip(lines[start:end], content):
                at = source_line.find(content_line) if content_line else len(source_line)
                if at < 0:  # not found as written: keep the whole line as text
                    prefixes.append("")
                    suffixes.append("")
                    continue
                prefixes.append(source_line[:at])
                suffixes.append(source_line[at + len(content_line):])
            body = "\n".join(
                line[len(p): len(line) - len(s)] if (p or s) else line
                for line, p, s in zip(lines[start:end], prefixes, suffixes)
            )
            units.append(Unit(context, body, "markdown", index, (start, end), prefixes, suffixes))
        elif token.type in ("tr_open", "html_block"):
            body = "\n".join(lines[start:end])
            units.append(Unit(context, body, "markdown", index, (start, end), [""] * (end - start),
                              [""] * (end - start)))
        elif token.type == "fence" and token.info.strip().split(" ")[0].lower() in _PYTHON_FENCES:
            fence_code = "\n".join(lines[start + 1: end - 1])
            offset = sum(len(line) + 1 for line in lines[: start + 1])
            for unit in _comment_units(fence_code, context, index):
                unit._span = (unit._span[0] + offset, unit._span[1] + offset)
                units.append(unit)
    return [u for u in units if _has_letters(u.text)]


# --------------------------------------------------------------------------------------------------
# Code
# --------------------------------------------------------------------------------------------------


def _line_offsets(code: str) -> list[int]:
    offsets, total = [0], 0
    for line in code.splitlines(keepends=True):
        total += len(line)
        offsets.append(total)
    return offsets


def _comment_units(code: str, context: str, index: int) -> list[Unit]:
    """Comments of ``code`` (character spans into ``code``)."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return []
    offsets = _line_offsets(code)
    code_lines = code.splitlines()
    units: list[Unit] = []
    run: list[tuple[int, int, str]] = []  # (row, col, text) of consecutive full-line comments

    def flush() -> None:
        if not run:
            return
        row0, col0, _ = run[0]
        row1, _, _ = run[-1]
        start = offsets[row0 - 1] + col0
        end = offsets[row1 - 1] + len(code_lines[row1 - 1].rstrip("\r\n"))
        text = "\n".join(t for _, _, t in run)
        unit = Unit(context, text, "comment", index, _span=(start, end), _quote=" " * col0)
        units.append(unit)
        run.clear()

    for tok in tokens:
        if tok.type != tokenize.COMMENT:
            continue
        row, col = tok.start
        body = re.sub(r"^#\s?", "", tok.string)
        if not _has_letters(body) or TOOL_COMMENT.match(body) or tok.string.startswith("#!"):
            flush()
            continue
        full_line = code_lines[row - 1][:col].strip() == ""
        if full_line and run and run[-1][0] == row - 1 and run[-1][1] == col:
            run.append((row, col, body))
            continue
        flush()
        if full_line:
            run.append((row, col, body))
        else:
            start = offsets[row - 1] + col
            units.append(Unit(context, body, "comment", index, _span=(start, start + len(tok.string)),
                              _inline=True))
    flush()
    return units


_LITERAL = re.compile(r"^(?P<prefix>[rRfFuU]{0,2})(?P<q>'''|\"\"\"|'|\")(?P<body>.*)(?P=q)$", re.DOTALL)


def _is_string(node: ast.AST) -> bool:
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str))


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _displayed_literals(tree: ast.AST) -> list[ast.AST]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node)
        if name in DISPLAY_CALLS:
            found += [a for a in node.args if _is_string(a)]
        if name in MARKUP_CALLS and node.args and _is_string(node.args[0]):
            found.append(node.args[0])
        for keyword in node.keywords:
            if keyword.arg in LABEL_DICT_KEYWORDS and isinstance(keyword.value, ast.Dict):
                found += [v for v in keyword.value.values if v is not None and _is_string(v)]
            if keyword.arg and _is_string(keyword.value) and (
                keyword.arg in DISPLAY_KEYWORDS or (keyword.arg == "text" and name == "add_annotation")
            ):
                found.append(keyword.value)
    return found


_PART = re.compile(r"""(?P<prefix>[fFuU]?)(?P<q>'''|\"\"\"|'|")""")
_GAP = re.compile(r"(?:\s|\\\n)*")


def _literal_parts(segment: str) -> list[tuple[str, str, str, str]] | None:
    """Split an implicit concatenation (``f"a {x} " "b"``) into ``(prefix, quote, body, gap after)`` parts.

    None when the segment is not two or more plain or f-string literals separated by spaces, newlines
    or backslash-newlines only (a comment between the parts, a raw or bytes literal: not a unit).
    """
    parts, i = [], 0
    while i < len(segment):
        match = _PART.match(segment, i)
        if not match:
            return None
        quote, j = match.group("q"), match.end()
        while j < len(segment) and not segment.startswith(quote, j):
            j += 2 if segment[j] == "\\" else 1
        if j >= len(segment):
            return None
        body, i = segment[match.end(): j], j + len(quote)
        gap = _GAP.match(segment, i)
        parts.append((match.group("prefix"), quote, body, gap.group(0)))
        i = gap.end()
    return parts if len(parts) > 1 else None


def _group_unit(segment: str, context: str, index: int, span: tuple[int, int]) -> Unit | None:
    """One unit for an implicit concatenation of literals: its text is the parts' texts joined."""
    parts = _literal_parts(segment)
    if parts is None:
        return None
    is_f = any("f" in prefix.lower() for prefix, _, _, _ in parts)
    if is_f:  # one f-string's text: the literal braces of the plain parts are doubled
        body = "".join(b if "f" in p.lower() else b.replace("{", "{{").replace("}", "}}")
                       for p, _, b, _ in parts)
    else:
        body = "".join(b for _, _, b, _ in parts)
    if not _has_letters(re.sub(r"\{[^{}]*\}", "", body)):
        return None
    return Unit(context, body, "f-string" if is_f else "string", index, _span=span,
                _quote=("f" if is_f else "") + parts[0][1], _original=segment, _joiner=parts[0][3],
                _width=max(len(b) for _, _, b, _ in parts))


def _literal_units(code: str, context: str, index: int) -> list[Unit]:
    try:
        tree = ast.parse(code)
    except SyntaxError:  # IPython magics, or a cell that does not parse: no literal units
        return []
    offsets = _line_offsets(code)
    lines = code.splitlines(keepends=True)
    units = []
    for node in _displayed_literals(tree):
        if node.end_lineno is None:
            continue
        # ast offsets are UTF-8 byte columns
        start = offsets[node.lineno - 1] + len(lines[node.lineno - 1].encode()[: node.col_offset].decode())
        end = offsets[node.end_lineno - 1] + len(lines[node.end_lineno - 1].encode()[: node.end_col_offset].decode())
        segment = code[start:end]
        match = _LITERAL.match(segment)
        quote, body = (match.group("q"), match.group("body")) if match else ("", "")
        if (not match or (len(quote) == 1 and re.search(rf"(?<!\\)(\\\\)*{re.escape(quote)}", body))
                or (len(quote) == 3 and quote in body)):
            group = _group_unit(segment, context, index, (start, end))  # implicit concatenation
            if group is not None:
                units.append(group)
            continue
        if not _has_letters(re.sub(r"\{[^{}]*\}", "", body)):
            continue
        kind = "f-string" if "f" in match.group("prefix").lower() else "string"
        units.append(Unit(context, body, kind, index, _span=(start, end), _quote=match.group("prefix") + quote))
    return units


# --------------------------------------------------------------------------------------------------
# Public functions
# --------------------------------------------------------------------------------------------------


def cell_units(cell: dict, stem: str, index: int) -> list[Unit]:
    """Return the units of one cell, in reading order (none for a language line)."""
    if LANGUAGE_LINE in ((cell.get("metadata") or {}).get("tags") or []):
        return []
    context = cell_context(stem, cell, index)
    text = _source(cell)
    if cell.get("cell_type") == "markdown":
        return _markdown_units(text, context, index)
    if cell.get("cell_type") == "code":
        units = _comment_units(text, context, index) + _literal_units(text, context, index)
        return sorted(units, key=lambda u: u._span[0])
    return []


def notebook_units(nb: dict, stem: str) -> list[Unit]:
    """Return every unit of a notebook (a dict or ``nbformat`` node), in reading order.

    Parameters
    ----------
    nb : dict
        The English notebook.
    stem : str
        Its file name without ``.ipynb``: the first part of every ``msgctxt``.
    """
    units = []
    for index, cell in enumerate(nb.get("cells", [])):
        units += cell_units(cell, stem, index)
    return units


def fields_of(literal: str) -> Counter:
    """Return the replacement fields of an f-string literal (as source text), or None if it does not parse."""
    try:
        tree = ast.parse(literal, mode="eval")
    except SyntaxError:
        return None
    values = [ast.unparse(v) for v in ast.walk(tree) if isinstance(v, ast.FormattedValue)]
    return Counter(values)


def _escape(translation: str, quote: str) -> str:
    """Escape an unescaped quote character of the literal inside a translation."""
    q = quote[-1]
    if len(quote.lstrip("rRfFuU")) == 3:
        return translation.replace(q * 3, "\\" + q * 3)
    return re.sub(rf"(?<!\\)((?:\\\\)*){re.escape(q)}", lambda m: m.group(1) + "\\" + q, translation)


def render_unit(unit: Unit, translation: str) -> str | None:
    """Return the source text that replaces ``unit`` for ``translation``, or None if it is not valid.

    For a literal, the translation must give a string of the same kind, with the same f-string fields.
    """
    if unit.kind == "comment":
        lines = translation.split("\n")
        if unit._inline:
            return "# " + " ".join(line.strip() for line in lines)
        return ("\n" + unit._quote).join("# " + line if line else "#" for line in lines)
    if unit.kind in ("string", "f-string"):
        literal = _literal_source(unit, translation)
        english = unit._quote + unit.text + unit._quote.lstrip("rRfFuU")
        try:
            node = ast.parse(f"({literal})", mode="eval").body
        except SyntaxError:
            return None
        if unit.kind == "string" and not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            return None
        if unit.kind == "f-string" and (not isinstance(node, ast.JoinedStr)
                                        or fields_of(f"({literal})") != fields_of(english)):
            return None
        return literal
    raise ValueError(f"render_unit: not a code unit ({unit.kind})")


def _break_points(text: str) -> list[int]:
    """Positions just after a space outside ``{...}`` fields: where a long literal may be split."""
    points, depth, i = [], 0, 0
    while i < len(text):
        char = text[i]
        if char in "{}" and text[i + 1: i + 2] == char:
            i += 2
            continue
        depth += {"{": 1, "}": -1}.get(char, 0)
        if char == " " and depth == 0:
            points.append(i + 1)
        i += 1
    return points


def _wrap(text: str, width: int) -> list[str]:
    """Split ``text`` after spaces (never inside a field) into chunks of about ``width`` characters."""
    chunks, start, last = [], 0, None
    for point in [*_break_points(text), len(text)]:
        if point - start > width and last is not None and last > start:
            chunks.append(text[start:last])
            start = last
        last = point
    chunks.append(text[start:])
    return [c for c in chunks if c]


def _literal_source(unit: Unit, text: str) -> str:
    """The source of the literal(s) that write ``text`` in place of ``unit`` (nothing checked).

    An implicit concatenation keeps its layout: the English as written for the English text, else as
    many parts as the text needs, each on its own line like the English parts.
    """
    quote = unit._quote.lstrip("rRfFuU")
    if unit._original and text == unit.text:
        return unit._original
    if "\n" in text and len(quote) == 1:
        text = text.replace("\n", "\\n")
    if not unit._original or "\n" not in unit._joiner:
        return unit._quote + _escape(text, unit._quote) + quote
    prefix = unit._quote[: -len(quote)]
    parts = []
    for chunk in _wrap(text, unit._width):
        if prefix and "{" not in chunk.replace("{{", "").replace("}}", ""):  # no field: a plain literal
            parts.append(quote + _escape(chunk.replace("{{", "{").replace("}}", "}"), quote) + quote)
        else:
            parts.append(prefix + quote + _escape(chunk, quote) + quote)
    return unit._joiner.join(parts)


def apply_translations(cell: dict, units: list[Unit], translate) -> tuple[str, list[tuple[Unit, str]]]:
    """Return the source of ``cell`` with its units translated, and the units that stayed English.

    Parameters
    ----------
    cell : dict
        The English cell.
    units : list of Unit
        Its units (from :func:`cell_units`).
    translate : callable
        ``translate(unit) -> (text or None, reason)``: the translation to use, or None and the reason
        (``missing``, ``fuzzy``...) why the English stays.

    Returns
    -------
    source : str
        The translated cell source.
    english : list of (Unit, reason)
        Units kept in English, with the reason (``invalid`` when a translation could not be used).
    """
    text = _source(cell)
    line_starts = [0]
    for line in text.split("\n"):
        line_starts.append(line_starts[-1] + len(line) + 1)
    kept: list[tuple[Unit, str]] = []
    edits: list[tuple[int, int, str]] = []
    for unit in units:
        translation, reason = translate(unit)
        if translation is None:
            kept.append((unit, reason))
            continue
        if unit._lines is not None:  # markdown: whole lines, container prefixes kept
            start, end = unit._lines
            edits.append((line_starts[start], line_starts[end] - 1, "\n".join(_markdown_lines(unit, translation))))
            continue
        replacement = render_unit(unit, translation)
        if replacement is None:
            kept.append((unit, "invalid"))
            continue
        edits.append((*unit._span, replacement))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text, kept


def _rewritten_parts(unit: Unit, rewrite, new: str) -> str | None:
    """An implicit concatenation rewritten part by part (its layout kept), if that gives the text ``new``."""
    parts = _literal_parts(unit._original) if unit._original else None
    if parts is None:
        return None
    source, joined = [], []
    for prefix, quote, body, gap in parts:
        is_f = "f" in prefix.lower()
        body = rewrite(body) if is_f else body
        source.append(prefix + quote + body + quote + gap)
        joined.append(body if is_f else body.replace("{", "{{").replace("}", "}}"))
    return "".join(source) if "".join(joined) == new else None


def rewrite_fstrings(cell: dict, stem: str, index: int, rewrite) -> tuple[str, list[tuple[str, str]]]:
    """Return the source of a code cell with the text of each displayed f-string passed through ``rewrite``.

    For maintenance tools that change the English itself (``tools/localize_numbers.py``); nothing is
    checked here, the caller checks that the new code parses.

    Parameters
    ----------
    cell : dict
        An English code cell.
    stem, index
        Its notebook's stem and its index (as for :func:`cell_units`).
    rewrite : callable
        ``rewrite(text) -> text`` on the f-string's text between its quotes (the unit's ``msgid``).

    Returns
    -------
    source : str
        The new cell source.
    changes : list of (old text, new text)
        The f-strings that changed, in reading order.
    """
    text = _source(cell)
    edits, changes = [], []
    for unit in cell_units(cell, stem, index):
        if unit.kind != "f-string":
            continue
        new = rewrite(unit.text)
        if new != unit.text:
            edits.append((*unit._span, _rewritten_parts(unit, rewrite, new) or _literal_source(unit, new)))
            changes.append((unit.text, new))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text, changes


def _markdown_lines(unit: Unit, translation: str) -> list[str]:
    new = translation.split("\n")
    prefixes, suffixes = unit._prefixes, unit._suffixes
    if len(new) == len(prefixes):
        return [p + line + s for p, line, s in zip(prefixes, new, suffixes)]
    first = prefixes[0] if prefixes else ""
    if len(prefixes) > 1:
        rest = prefixes[1]
    elif first.lstrip().startswith(">"):
        rest = first[: first.rfind(">") + 1] + " "
    elif first.lstrip().startswith("#"):
        return [first + " ".join(line.strip() for line in new)]
    else:
        rest = " " * len(first)
    return [first + new[0]] + [rest + line if line else line for line in new[1:]]
