"""The teacher's review sheet of written answers, the class report and the LMS exports."""

from __future__ import annotations

import csv
import math
import shutil

import pytest

from ircourse import cli
from ircourse.homework import gradebook, grader, report, review

from .conftest import CHROMIUM, CHROMIUM_ARGS, ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "submissions"
CLASS = ["good.ipynb", "partial.ipynb", "blank.ipynb", "edited_cells.ipynb", "broken_json.ipynb"]


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    base = tmp_path_factory.mktemp("class")
    folder = base / "subs"
    folder.mkdir()
    for name in CLASS:
        shutil.copy(FIXTURES / name, folder / name)
    out = base / "teacher" / "gradebook.csv"
    assert cli.main(["grade", str(folder), "--out", str(out), "--quiet"]) == 0
    return out


def rows_of(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --------------------------------------------------------------------------------------------------
# Statistics, computed independently here
# --------------------------------------------------------------------------------------------------


def test_point_biserial_matches_the_pearson_correlation():
    item, rest = [1, 0, 1, 1, 0, 0], [5, 2, 4, 6, 1, 3]
    n = len(item)
    mi, mr = sum(item) / n, sum(rest) / n
    r = sum((a - mi) * (b - mr) for a, b in zip(item, rest)) / math.sqrt(
        sum((a - mi) ** 2 for a in item) * sum((b - mr) ** 2 for b in rest))
    assert report.point_biserial(item, rest) == pytest.approx(r)
    assert report.point_biserial([1, 1, 1], [1, 2, 3]) is None and report.point_biserial([0, 1], [1, 2]) is None


@pytest.mark.slow
def test_statistics_of_the_class(graded_class):
    stats = report.statistics(graded_class)
    rows = {r["file"]: r for r in rows_of(graded_class)}
    graded = [r for r in rows.values() if r["status"] not in ("error", "not attempted")]
    for qid in stats["questions"]:
        scored = [float(r[qid]) for r in graded if r[qid] != ""]
        if scored:
            assert stats["items"][qid]["success"] == pytest.approx(sum(s > 0 for s in scored) / len(scored))
    assert [r["file"] for r in stats["not_attempted"]] == ["blank.ipynb"]
    assert [r["file"] for r in stats["errors"]] == ["broken_json.ipynb"]
    assert stats["wrong"]["hw6_q1"]["40"] == 1  # partial.ipynb answered 40


@pytest.mark.slow
def test_lms_exports(graded_class):
    rows = {r["student"]: r for r in rows_of(graded_class) if r["student"]}
    moodle = rows_of(report.export_lms(graded_class, "moodle"))
    assert list(moodle[0]) == ["ID number", "Homework 06_bipolar_world_and_nato",
                               "Homework 06_bipolar_world_and_nato (feedback)"]
    assert {r["ID number"]: r["Homework 06_bipolar_world_and_nato"] for r in moodle} == {
        s: r["total"] for s, r in rows.items()}
    canvas = rows_of(report.export_lms(graded_class, "canvas"))
    assert list(canvas[0])[:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert canvas[0]["Student"].strip() == "Points Possible" and canvas[0]["Homework 06_bipolar_world_and_nato"] == "9"
    with pytest.raises(gradebook.GradingError, match="unknown LMS"):
        report.export_lms(graded_class, "blackboard")


def test_a_file_that_is_not_a_gradebook_is_refused(tmp_path):
    bad = tmp_path / "other.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(gradebook.GradingError, match="not a gradebook"):
        report.write_report(bad)


# --------------------------------------------------------------------------------------------------
# Review sheet and scores
# --------------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_review_sheet_lists_every_written_answer_with_the_rubric(graded_class):
    sheet, scores = review.write_sheet(graded_class)
    text = sheet.read_text(encoding="utf-8")
    hw = grader.load_homeworks()["06_bipolar_world_and_nato"]
    for criterion in hw.question("hw6_q8").spec["rubric"]:
        assert review.html.escape(criterion) in text
    written = rows_of(gradebook.written_path(graded_class))
    assert {r["file"] for r in written} == {"good.ipynb", "partial.ipynb", "edited_cells.ipynb"}
    assert text.count('class="answer"') == len(written)
    assert "<script>alert" not in text  # student text is escaped
    assert [r["file"] for r in rows_of(scores)] == [r["file"] for r in written]


@pytest.mark.slow
def test_scores_merge_into_the_gradebook(graded_class, tmp_path):
    book = tmp_path / "gradebook.csv"
    for path in (graded_class, gradebook.written_path(graded_class), gradebook.answers_path(graded_class)):
        shutil.copy(path, tmp_path / path.name)
    _, scores = review.write_sheet(book)
    entries = rows_of(scores)
    for entry in entries:
        entry["score"] = "1.5" if entry["file"] == "good.ipynb" else "2"
    with open(scores, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(entries[0]))
        writer.writeheader()
        writer.writerows(entries)
    before = {r["file"]: r for r in rows_of(book)}
    assert cli.main(["review", str(book), "--scores", str(scores)]) == 0
    after = {r["file"]: r for r in rows_of(book)}
    assert after["good.ipynb"]["hw6_q8"] == "1.5"
    assert float(after["good.ipynb"]["total"]) == float(before["good.ipynb"]["total"]) + 1.5
    assert after["blank.ipynb"] == before["blank.ipynb"]
    assert (tmp_path / "gradebook.csv.bak").read_text(encoding="utf-8").count("\n") == len(before) + 1


@pytest.mark.slow
@pytest.mark.parametrize("score, words", [("3", "between 0 and 2"), ("-1", "between 0 and 2"), ("lots", "not a number")])
def test_bad_scores_are_refused_and_nothing_is_written(graded_class, tmp_path, score, words):
    book = tmp_path / "gradebook.csv"
    for path in (graded_class, gradebook.written_path(graded_class)):
        shutil.copy(path, tmp_path / path.name)
    _, scores = review.write_sheet(book)
    entries = rows_of(scores)
    entries[0]["score"] = score
    with open(scores, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(entries[0]))
        writer.writeheader()
        writer.writerows(entries)
    before = book.read_bytes()
    with pytest.raises(gradebook.GradingError, match=words):
        review.merge_scores(book, scores)
    assert book.read_bytes() == before


# --------------------------------------------------------------------------------------------------
# In the browser
# --------------------------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.slow
def test_report_and_review_sheet_in_chromium(graded_class, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    page_path = report.write_report(graded_class)
    sheet, _ = review.write_sheet(graded_class)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
        context.route("**/*", lambda route: route.abort() if not route.request.url.startswith(("file:", "blob:", "data:"))
                      else route.continue_())
        page = context.new_page()
        page.goto(page_path.as_uri())
        page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 3", timeout=30000)
        assert page.evaluate("document.querySelectorAll('.js-plotly-plot').length") == 3
        bars = page.evaluate("Array.from(document.querySelectorAll('.js-plotly-plot'))[1].data[0].y.length")
        assert bars == 8
        page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        page.goto(sheet.as_uri())
        inputs = page.locator("input.score")
        assert inputs.count() == 3
        for n in range(3):
            inputs.nth(n).fill("2")
        with page.expect_download() as download:
            page.click("#save")
        saved = tmp_path / "saved_scores.csv"
        download.value.save_as(saved)
        browser.close()
    book = tmp_path / "gradebook.csv"
    for path in (graded_class, gradebook.written_path(graded_class)):
        shutil.copy(path, tmp_path / path.name)
    review.merge_scores(book, saved)
    assert {r["file"]: r["hw6_q8"] for r in rows_of(book)} == {
        "good.ipynb": "2", "partial.ipynb": "2", "edited_cells.ipynb": "2", "blank.ipynb": "0", "broken_json.ipynb": ""}
