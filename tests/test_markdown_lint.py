"""Markdown that JupyterLab would render wrongly: a ``$`` that starts maths nobody meant.

JupyterLab (and Voila) hand every pair of ``$`` in a paragraph to MathJax: "$1.34 trillion ... $182.3
billion" becomes a line of italic maths that overflows the cell. :func:`math_spans` finds the pairs
exactly as JupyterLab does (its ``removeMath``: code spans and fenced code are skipped, ``\\$`` is not
a delimiter, a blank line ends an open span). The rule, for every markdown cell of every chapter and
every homework notebook (student and solution):

* every unescaped ``$`` delimits intended mathematics: a span whose first and last characters are not
  spaces and whose closing ``$`` is not followed by a digit (Pandoc's rule for TeX maths), and that
  does not start with a digit (a ``$`` before a digit is an amount of money);
* anything else is written ``\\$``: JupyterLab, Voila, the site and the slides show it as "$".
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "exercises").rglob("*.ipynb"))

# JupyterLab's splitter (packages/rendermime/src/latex.ts): delimiters, escaped dollars, braces, line
# breaks and placeholders, each kept as its own block.
_MATHSPLIT = re.compile(r"(\$\$?|\\(?:begin|end)\{[a-z]*\*?\}|\\[{}$]|[{}]|(?:\n\s*)+|@@\d+@@|\\\\(?:\(|\)|\[|\]))",
                        re.IGNORECASE)
_FENCED = re.compile(r"^(`{3,}|~{3,})[^\n]*\n.*?^\1[`~]*$", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(^|[^\\])(`+)([^\n]*?[^`\n])\2(?!`)", re.MULTILINE)


def _hide_code(text: str) -> str:
    """Replace every ``$`` inside fenced code and code spans by a placeholder character."""
    text = _FENCED.sub(lambda m: m.group(0).replace("$", "\x00"), text)
    return _CODE_SPAN.sub(lambda m: m.group(0).replace("$", "\x00"), text)


def math_spans(text: str) -> tuple[list[tuple[str, str, int]], list[int]]:
    """Return the maths JupyterLab finds in a markdown text, and the unescaped ``$`` left outside it.

    Returns
    -------
    (spans, lone)
        ``spans``: ``(delimiter, content, offset)`` of each span; ``lone``: offsets of unescaped ``$``
        that delimit nothing.
    """
    blocks = _MATHSPLIT.split(_hide_code(text.replace("\r\n", "\n")))
    offsets, at = [], 0
    for block in blocks:
        offsets.append(at)
        at += len(block)
    spans, dollars = [], []
    start = end = None
    for i in range(1, len(blocks), 2):
        block = blocks[i]
        if block in ("$", "$$"):
            dollars.append(i)
        if start is not None:
            if block == end:
                spans.append((end, "".join(blocks[start + 1:i]), offsets[start], start, i))
                start = end = None
            elif re.search(r"\n.*\n", block):
                start = end = None
        elif block in ("$", "$$"):
            start, end = i, block
    used = {s[3] for s in spans} | {s[4] for s in spans}
    lone = [offsets[i] for i in dollars if i not in used]
    return [(d, c, o) for d, c, o, _, _ in spans], lone


def unintended_dollars(text: str) -> list[str]:
    """Return a description of every ``$`` of a markdown text that is not intended mathematics."""
    problems = []
    spans, lone = math_spans(text)
    for delimiter, content, offset in spans:
        closing = offset + len(delimiter) + len(content) + len(delimiter)
        after = text[closing:closing + 1]
        pandoc = bool(content) and not content[0].isspace() and not content[-1].isspace() and not after.isdigit()
        if not pandoc or content[:1].isdigit():
            snippet = text[offset:closing][:90].replace("\n", " ")
            problems.append(f"read as maths by JupyterLab: {snippet!r} (write \\$ for a dollar sign)")
    for offset in lone:
        if text[offset + 1:offset + 2].isdigit():
            problems.append(f"a dollar amount: {text[offset:offset + 30]!r} (write \\$)")
    return problems


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.relative_to(ROOT).as_posix() for p in NOTEBOOKS])
def test_no_dollar_sign_is_read_as_maths(notebook: Path):
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    problems = []
    for index, cell in enumerate(cells):
        if cell["cell_type"] != "markdown":
            continue
        for problem in unintended_dollars("".join(cell["source"])):
            problems.append(f"cell {cell.get('id', index)}: {problem}")
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------- the rule itself

def test_money_in_one_paragraph_is_caught_and_escaped_money_is_not():
    money = ("* AidData counts **$1.34 trillion** in projects.\n"
             "* Boston University counts about **$182.3 billion** in loans.")
    assert len(unintended_dollars(money)) == 1
    assert unintended_dollars(money.replace("$", "\\$")) == []
    assert unintended_dollars("Between $5 and $10 a day.")
    assert unintended_dollars("One loan: $10 billion.")  # a lone amount: fine in JupyterLab, not in the site


def test_intended_maths_and_code_pass():
    assert unintended_dollars("If a civilization has $k$ of the $n$ states, it has $k(k-1)/2$ pairs.") == []
    assert unintended_dollars("Display: $$\\sum_i s_i^2$$") == []
    assert unintended_dollars("Code: `df['usd'].sum() / 1e9` and `'$' + x` and `$5`") == []
    assert unintended_dollars("```python\nprint('$1 and $2')\n```") == []


def test_a_blank_line_ends_an_open_span():
    spans, lone = math_spans("costs $5\n\nand $6")
    assert spans == [] and len(lone) == 2
    spans, lone = math_spans("costs $5\nand $6")
    assert len(spans) == 1 and lone == []
