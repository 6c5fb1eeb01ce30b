"""Readability of the course prose: average words per sentence in each chapter's Markdown cells.

Usage (from the repository root)::

    python benchmarks/readability.py                      # every notebook in notebooks/
    python benchmarks/readability.py notebooks/03_*.ipynb # some notebooks
    python benchmarks/readability.py --long 35            # also list the sentences of 35+ words

The course is read by second-year students whose first language is Uzbek or Russian; the target is an
average under 18 words per sentence in every chapter (``tests/test_readability.py`` enforces it).

What is measured: the **prose** of the Markdown cells, the text a student reads as the course's own
explanation. The rules, applied in this order to each Markdown cell:

1. Ignored entirely: code (fenced blocks; an inline ```code``` span counts as one word), HTML tags
   (the text inside a ``<div>`` box is kept), headings (lines starting with ``#``), table rows
   (lines starting with ``|``), and a paragraph in italics that starts with *Source*, *Sources* or
   *Data* (a citation, not prose).
2. Quotations of the article or of other texts are ignored: a block quotation (``>`` lines) whose text
   starts with a quotation mark (``"``, ``“``, ``«``) or a dash of attribution (``—``); an italic
   quotation inside a sentence (``*"..."*``, the course's way of quoting the Uzbek original) counts as
   one word. Other block quotations (teacher notes, "How to use this notebook") are prose and count.
3. Markdown is reduced to its text: emphasis markers go, a link counts as its text, list markers
   (``*``, ``-``, ``1.``) go.
4. Sentences end at ``.``, ``!`` or ``?`` followed by a space and a capital letter, a digit, a quotation
   mark or a bracket (so "e.g. the" and "1.34" do not end sentences), and not after an initial
   (``P. V. Vladimirov``) or a known abbreviation (``c.``, ``vol.``, ``pp.``, ``No.``...). Every list
   item and every paragraph also ends a sentence (a heading-like line without a full stop is one
   sentence).
5. A word is a run of characters holding at least one letter or digit (``1,306`` and ``US$`` count as
   one word; a lone dash does not).

Output: one line per notebook with its number of sentences, words and average words per sentence,
and the share of sentences of 30 words or more. This is a measure, not a test: it always exits 0.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 18.0

#: Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = {
    "c", "ca", "cf", "e.g", "i.e", "etc", "vol", "vols", "pp", "p", "no", "nos", "ed", "eds", "trans", "st",
    "dr", "mr", "mrs", "ms", "prof", "fig", "ch", "art", "arts", "al", "approx", "vs", "v", "u.s", "u.k",
    "jr", "sr", "col", "gen", "mt", "dept", "univ", "b.c", "a.d", "bce", "ce", "hc", "deb",
}

_FENCE = re.compile(r"```.*?```", flags=re.S)
_INLINE_CODE = re.compile(r"`[^`\n]+`")
_TAG = re.compile(r"<[^>\n]+>")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_ITALIC_QUOTE = re.compile(r"\*+\s*[\"“«][^*]*?[\"”»]\s*\*+")
_LIST_MARKER = re.compile(r"^\s*(?:[*+-]|\d+\.)\s+")
_QUOTE_START = re.compile(r"^[\s*_(]*[\"“«—]")
_CITATION = re.compile(r"^\*(?:Sources?|Data)\b")
_WORD = re.compile(r"\S*[^\W_]\S*")
_END = re.compile(r"(?<=[.!?])[\"”»')\]*]*\s+(?=[\"“«(\[]?[A-Z0-9À-ÖØ-ÞА-ЯЁ])")


def paragraphs(markdown: str) -> list[str]:
    """Return the prose units of a Markdown cell (paragraphs and list items), after rules 1-3.

    Parameters
    ----------
    markdown : str
        The source of one Markdown cell.

    Returns
    -------
    list of str
        Plain-text units; each ends at least one sentence.
    """
    text = _FENCE.sub(" ", markdown)
    text = _INLINE_CODE.sub(" code ", text)
    text = _TAG.sub(" ", text)
    units: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [ln for ln in block.split("\n") if ln.strip()]
        if not lines:
            continue
        if lines[0].lstrip().startswith(">"):
            body = " ".join(ln.lstrip().lstrip(">").strip() for ln in lines)
            if _QUOTE_START.match(body):
                continue  # a quotation (rule 2)
            lines = [ln.lstrip().lstrip(">").strip() for ln in lines]
        current: list[str] = []
        for line in lines:
            stripped = line.strip()
            if stripped.startswith("#") or stripped.startswith("|"):
                continue
            if _LIST_MARKER.match(line):
                if current:
                    units.append(" ".join(current))
                current = [_LIST_MARKER.sub("", line, count=1)]
            else:
                current.append(stripped)
        if current:
            units.append(" ".join(current))
    out = []
    for unit in units:
        unit = unit.strip()
        if not unit or _CITATION.match(unit):
            continue
        unit = _ITALIC_QUOTE.sub(" quotation ", unit)
        unit = _LINK.sub(r"\1", unit)
        unit = unit.replace("**", "").replace("__", "")
        unit = re.sub(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])", "", unit)
        out.append(" ".join(unit.split()))
    return [u for u in out if _WORD.search(u)]


def _split(unit: str) -> list[str]:
    sentences, start = [], 0
    for match in _END.finditer(unit):
        before = unit[start:match.start()].rstrip("\"”»')]*")
        last = before.split()[-1] if before.split() else ""
        token = last.rstrip(".!?").lstrip("(\"“«[").lower()
        if last.endswith(".") and (token in ABBREVIATIONS or re.fullmatch(r"[a-zа-я]", token)):
            continue  # an abbreviation or an initial, not the end of a sentence
        sentences.append(unit[start:match.start()])
        start = match.end()
    sentences.append(unit[start:])
    return [s for s in sentences if _WORD.search(s)]


def sentences(markdown: str) -> list[str]:
    """Return the sentences of a Markdown cell's prose (rules 1-4)."""
    return [s for unit in paragraphs(markdown) for s in _split(unit)]


def words(sentence: str) -> int:
    """Return the number of words in ``sentence`` (rule 5)."""
    return len(_WORD.findall(sentence))


def measure(notebook: Path) -> dict:
    """Return the readability figures of one notebook.

    Returns
    -------
    dict
        ``sentences``, ``words``, ``average`` (words per sentence), ``long_share`` (share of sentences
        of 30 words or more) and ``all`` (the sentences themselves).
    """
    nb = json.loads(Path(notebook).read_text(encoding="utf-8"))
    found = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            found += sentences("".join(cell["source"]))
    counts = [words(s) for s in found]
    total = sum(counts)
    return {
        "sentences": len(found),
        "words": total,
        "average": total / len(found) if found else 0.0,
        "long_share": sum(c >= 30 for c in counts) / len(found) if found else 0.0,
        "all": found,
    }


def main(argv: list[str] | None = None) -> int:
    """Print the readability of each notebook; always exits 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--long", type=int, default=0, help="list the sentences of at least this many words")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    print(f"{'notebook':40s} {'sentences':>9s} {'words':>7s} {'avg':>6s} {'30+':>5s}  target < {TARGET:g}")
    for path in paths:
        m = measure(path)
        verdict = "PASS" if m["average"] < TARGET else "MISS"
        print(f"{path.stem:40s} {m['sentences']:9d} {m['words']:7d} {m['average']:6.1f} "
              f"{m['long_share']:5.0%}  {verdict}")
        if args.long:
            for s in m["all"]:
                if words(s) >= args.long:
                    print(f"    [{words(s)}] {s}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
