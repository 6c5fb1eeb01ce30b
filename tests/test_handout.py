"""Paper handouts (``ircourse handout``): a chapter to read and a homework to answer, as A4 PDFs.

The PDFs are printed by Debian's Chromium and read back with poppler's ``pdfinfo`` and ``pdftotext``
(Debian's poppler-utils): what is expected comes from the notebooks themselves.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from ircourse import cli, handout, publish

from .conftest import ROOT

pytestmark = [pytest.mark.browser]

CHAPTER = ROOT / "notebooks" / "03_war_across_5500_years.ipynb"
HOMEWORK = ROOT / "exercises" / "03_war_across_5500_years.ipynb"
POPPLER = shutil.which("pdftotext") and shutil.which("pdfinfo")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pages_of(pdf: Path) -> list[str]:
    """The text of each page of a PDF (pdftotext, page by page)."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))
    return [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout for n in range(1, count + 1)]


def reader_headings(nb) -> list[str]:
    return [publish.markdown_to_plain_text(text) for cell in publish.reader_cells(nb) if cell.cell_type == "markdown"
            for _, text in publish.markdown_headings(cell.source)]


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, Path]:
    if not POPPLER:
        pytest.skip("needs poppler-utils (pdftotext, pdfinfo)")
    out = tmp_path_factory.mktemp("handouts")
    assert cli.main(["handout", "03", "--out", str(out), "--quiet"]) == 0
    assert cli.main(["handout", "03", "--homework", "--hints", "--out", str(out / "hints"), "--quiet"]) == 0
    report = handout.build_handouts([HOMEWORK], out)
    assert report.pages[out / "03_war_across_5500_years.homework.pdf"] >= 3
    return {"chapter": out / "03_war_across_5500_years.pdf", "homework": out / "03_war_across_5500_years.homework.pdf",
            "hints": out / "hints" / "03_war_across_5500_years.homework.pdf"}


def test_a_chapter_handout_has_its_headings_its_charts_whole_and_no_code(printed):
    pdf = printed["chapter"]
    pages = pages_of(pdf)
    total = len(pages)
    assert handout.pdf_page_count(pdf.read_bytes()) == total and 5 <= total <= 30
    # Every page is numbered "n / total" in its footer, and holds more than the footer.
    for number, text in enumerate(pages, start=1):
        assert f"{number} / {total}" in text and len(text.strip()) > 200, number
    nb = nbformat.read(CHAPTER, as_version=4)
    text = squash("".join(pages))
    position = 0
    for heading in reader_headings(nb):  # every heading, in order
        found = text.find(squash(heading), position)
        assert found >= 0, f"heading {heading!r} is missing or out of order"
        position = found
    # Code hidden (but above printouts); notebook-only and live-only cells left out.
    hidden = [c.source.strip().splitlines()[0] for c in nb.cells if c.cell_type == "code" and c.source.strip()
              and not publish.shows_code(c) and len(c.source.strip().splitlines()[0]) > 15]
    assert hidden and not [line for line in hidden if squash(line) in text]
    for cell in nb.cells:
        if cell.cell_type == "markdown" and {"notebook-only", "live-only"} & set(cell.metadata.get("tags", [])):
            assert squash(publish.markdown_to_plain_text(cell.source))[:60] not in text, cell.id
    # A chart is never cut by a page break: its title and its source line are on the same page.
    charts = 0
    for cell in publish.reader_cells(nb):
        for output in cell.get("outputs", []):
            figure = (output.get("data") or {}).get(publish.PLOTLY_MIMETYPE)
            if not figure:
                continue
            layout = figure["layout"]
            title = squash(publish.markdown_to_plain_text(re.split(r"<br\s*/?>", layout["title"]["text"])[0]))
            source = next(a["text"] for a in layout["annotations"] if a.get("name") == "source")
            source = squash(publish.markdown_to_plain_text(re.split(r"<br\s*/?>", source)[0]))
            on = [n for n, page in enumerate(pages) if title in squash(page)]
            assert on and any(source in squash(pages[n]) for n in on), f"chart {title!r} is cut or missing"
            charts += 1
    assert charts >= 2
    raw = pdf.read_bytes()
    assert b"/Lang (en)" in raw and b"/StructTreeRoot" in raw  # tagged, in the notebook's language


def test_a_homework_handout_has_every_question_and_an_empty_box_per_answer(printed):
    nb = nbformat.read(HOMEWORK, as_version=4)
    answers = [t.split(":", 1)[1] for c in nb.cells for t in c.metadata.get("tags", []) if t.startswith("answer:")]
    assert len(answers) == 8
    text = "".join(pages_of(printed["homework"]))
    for qid in answers:
        assert text.count(f"Your answer to {qid}") == 1, qid
        assert f"{qid} " in text or f"{qid}\n" in text  # the question's own text names it
    for heading in reader_headings(nb):
        assert squash(heading) in squash(text), heading
    assert "Name:" in text and "Student id:" in text
    code = {line.strip() for c in nb.cells if c.cell_type == "code" for line in c.source.splitlines()
            if len(line.strip()) > 12 and not line.strip().startswith("#")}
    assert len(code) > 10 and not [line for line in code if squash(line) in squash(text)]
    # Hints only when asked for: the question file's hint, and the notebook's own hints opened.
    import json

    hint = json.loads((publish.PACKAGE / "homework" / "public" / f"{HOMEWORK.stem}.json").read_text(
        encoding="utf-8"))["questions"]["hw3_q1"]["hint"]
    with_hints = squash("".join(pages_of(printed["hints"])))
    assert squash(hint) in with_hints and squash(hint) not in squash(text)
    details = [re.sub(r"<[^>]+>", "", m) for c in nb.cells if c.cell_type == "markdown"
               for m in re.findall(r"</summary>(.*?)</details>", c.source, re.DOTALL)]
    assert details and squash(details[0])[:40] in with_hints and squash(details[0])[:40] not in squash(text)


def test_a_handout_in_uzbek(tmp_path):
    if not POPPLER:
        pytest.skip("needs poppler-utils")
    assert handout.main(["03", "--lang", "uz", "--out", str(tmp_path), "--quiet"]) == 0
    pdf = tmp_path / "uz" / "03_war_across_5500_years.pdf"
    text = squash("".join(pages_of(pdf)))
    uzbek = nbformat.read(ROOT / "notebooks" / "uz" / "03_war_across_5500_years.ipynb", as_version=4)
    for heading in reader_headings(uzbek):
        assert squash(heading) in text, heading
    english = reader_headings(nbformat.read(CHAPTER, as_version=4))
    assert squash(english[1]) not in text
    assert b"/Lang (uz)" in pdf.read_bytes()


def test_the_command_line_says_what_is_wrong(capsys, tmp_path):
    with pytest.raises(SystemExit) as usage:
        handout.main([])
    assert usage.value.code == 2
    assert handout.main(["99", "--out", str(tmp_path)]) == 1
    assert "no chapter '99'" in capsys.readouterr().err
    assert handout.main(["03", "--homework", "--lang", "ru", "--root", str(tmp_path)]) == 1  # not a course
    assert not list(tmp_path.rglob("*.pdf"))
    assert handout.handout_path(HOMEWORK, Path("out"), "en") == Path("out/03_war_across_5500_years.homework.pdf")
    assert handout.find_notebook("3", ROOT, "homework", "ru") == (ROOT / "exercises" / "ru" / HOMEWORK.name).resolve()


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "uz", "ru"])
def test_every_chapter_and_homework_prints(tmp_path, lang):
    """``ircourse handout --all``: one PDF per notebook of the language's folders, each read back by poppler."""
    if not POPPLER:
        pytest.skip("needs poppler-utils")
    assert handout.main(["--all", "--lang", lang, "--out", str(tmp_path), "--quiet"]) == 0
    folder = tmp_path if lang == "en" else tmp_path / lang
    chapters = sorted((ROOT / "notebooks" / ("" if lang == "en" else lang)).glob("*.ipynb"))
    homework = sorted((ROOT / "exercises" / ("" if lang == "en" else lang)).glob("*.ipynb"))
    expected = {f"{p.stem}.pdf" for p in chapters} | {f"{p.stem}.homework.pdf" for p in homework}
    assert len(chapters) == 11 and len(homework) == 8
    assert {p.name for p in folder.glob("*.pdf")} == expected
    for pdf in folder.glob("*.pdf"):
        pages = pages_of(pdf)
        assert len(pages) >= 3, pdf.name  # a chapter or a homework never fits on fewer than three A4 pages
        assert re.search(rf"\b1\s*/\s*{len(pages)}\b", pages[0]), pdf.name  # the footer numbers the pages
        assert re.search(rf"\b{len(pages)}\s*/\s*{len(pages)}\b", pages[-1]), pdf.name
        assert f"/Lang ({lang})".encode() in pdf.read_bytes(), pdf.name
