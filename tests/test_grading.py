"""The grader: one gradebook row per submission whatever it holds, submissions never modified."""

from __future__ import annotations

import copy
import csv
import hashlib
import json
import os
import shutil

import nbformat
import pytest

from ircourse import cli, exercises, grading

from .conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "submissions"
HOMEWORK = "06_bipolar_world_and_nato"
CELL_TIMEOUT = 15  # seconds; the endless loop costs this much (kept small, with room for a loaded CI machine)

#: file -> (status, points per question hw6_q1..hw6_q7, words the message must contain)
EXPECTED = {
    "blank.ipynb": ("partial", [0, 0, 0, 0, 0, 0, 0], []),
    "broken_json.ipynb": ("error", [0, 0, 0, 0, 0, 0, 0], ["not valid JSON", "line"]),
    "deleted_cells.ipynb": ("partial", [1, 1, 0, 1, 0, 1, 1], ["hw6_q3: the answer cell was not found",
                                                               "hw6_q5: the answer cell was not found"]),
    "duplicated_cells.ipynb": ("ok", [1, 1, 1, 1, 1, 1, 1], ["hw6_q1: 2 answer cells", "hw6_q6: 2 answer cells"]),
    "edited_cells.ipynb": ("partial", [1, 0, 1, 1, 1, 0, 1], []),
    "good.ipynb": ("ok", [1, 1, 1, 1, 1, 1, 1], []),
    "huge_print.ipynb": ("ok", [1, 1, 1, 1, 1, 1, 1], []),
    "infinite_loop.ipynb": ("partial", [1, 1, 0, 1, 1, 1, 1], [f"hw6_q3: your answer cell ran longer than {CELL_TIMEOUT} s"]),
    "kernel_killed.ipynb": ("partial", [1, 1, 1, 0, 0, 0, 0], ["Python stopped", "hw6_q4"]),
    "partial.ipynb": ("partial", [0, 1, 0, 1, 0, 1, 0], []),
    "reordered_cells.ipynb": ("ok", [1, 1, 1, 1, 1, 1, 1], []),
    "sys_exit.ipynb": ("partial", [1, 0, 1, 1, 1, 1, 1], ["hw6_q2", "SystemExit: I give up"]),
    "tampered.ipynb": ("ok", [1, 1, 1, 1, 1, 1, 1], ["hw6_q1", "irc.check", "teacher will look"]),
    "writes_file.ipynb": ("ok", [1, 1, 1, 1, 1, 1, 1], []),
    "wrong_homework.ipynb": ("error", [0, 0, 0, 0, 0, 0, 0], ["this is homework 03_war_across_5500_years", HOMEWORK]),
}


def fingerprint(folder):
    """Path -> sha256 of every file under ``folder`` (so new, changed and deleted files all show)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.parts
    }


def leftover_processes():
    """Processes started by a grading run that are still alive (they carry IRCOURSE_GRADER_RUN)."""
    psutil = pytest.importorskip("psutil")
    found = []
    for process in psutil.process_iter():
        try:
            if "IRCOURSE_GRADER_RUN" in process.environ():
                found.append(process.cmdline())
        except (psutil.AccessDenied, psutil.NoSuchProcess, psutil.ZombieProcess):
            continue
    return found


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Grade the fixture folder once with the command line, from a scratch working directory."""
    work = tmp_path_factory.mktemp("teacher")
    before = fingerprint(FIXTURES)
    cwd = os.getcwd()
    os.chdir(work)
    try:
        status = cli.main(["grade", str(FIXTURES), "--out", "gradebook.csv", "--timeout", str(CELL_TIMEOUT),
                           "--quiet"])
    finally:
        os.chdir(cwd)
    with open(work / "gradebook.csv", encoding="utf-8", newline="") as handle:
        rows = {row["file"]: row for row in csv.DictReader(handle)}
    return {"status": status, "rows": rows, "work": work, "before": before, "after": fingerprint(FIXTURES)}


# --------------------------------------------------------------------------------------------------
# The fixture class
# --------------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_one_row_per_submission(graded):
    assert graded["status"] == 0
    assert sorted(graded["rows"]) == sorted(p.name for p in FIXTURES.glob("*.ipynb"))
    assert sorted(graded["rows"]) == sorted(EXPECTED), "update EXPECTED when adding a fixture"


@pytest.mark.slow
def test_gradebook_columns(graded):
    header = list(next(iter(graded["rows"].values())))
    questions = [f"hw6_q{n}" for n in range(1, 8)]
    assert header == ["file", *questions, "total", "status", "message"]


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_expected_grades(graded, name):
    status, points, words = EXPECTED[name]
    row = graded["rows"][name]
    assert [int(row[f"hw6_q{n}"]) for n in range(1, 8)] == points, row["message"]
    assert int(row["total"]) == sum(points)
    assert row["status"] == status, row["message"]
    for word in words:
        assert word in row["message"], row["message"]
    assert "Traceback" not in row["message"] and "\n" not in row["message"]


@pytest.mark.slow
def test_submissions_are_never_modified(graded):
    assert graded["after"] == graded["before"]


@pytest.mark.slow
def test_files_written_by_students_do_not_escape(graded):
    names = {p.name for p in graded["work"].rglob("*")}
    assert "hacked.txt" not in names and "results" not in names
    assert not (ROOT / "hacked.txt").exists() and not (FIXTURES / "hacked.txt").exists()


@pytest.mark.slow
def test_feedback_file_per_submission(graded):
    folder = graded["work"] / "gradebook_feedback"
    files = sorted(p.name for p in folder.glob("*.txt"))
    assert files == sorted(name.replace(".ipynb", ".txt") for name in EXPECTED)
    partial = (folder / "partial.txt").read_text(encoding="utf-8")
    assert "Score: 3 of 7" in partial
    assert "✅ hw6_q2: correct" in partial
    assert '❌ hw6_q5: not yet - expected at least 2 trace(s) of type "scatter"' in partial
    assert "Pact's end" in partial  # the hint as the student would see it, not a Python repr
    loop = (folder / "infinite_loop.txt").read_text(encoding="utf-8")
    assert "endless loop" in loop
    assert "not valid JSON" in (folder / "broken_json.txt").read_text(encoding="utf-8")


@pytest.mark.slow
def test_no_process_left_behind(graded):
    assert leftover_processes() == []


# --------------------------------------------------------------------------------------------------
# Merging and reading, without running anything
# --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def homeworks():
    return grading.load_homeworks()


@pytest.fixture()
def good():
    return json.loads((FIXTURES / "good.ipynb").read_text(encoding="utf-8"))


def test_merge_uses_only_answer_sources(homeworks, good):
    hw = homeworks[HOMEWORK]
    tampered = copy.deepcopy(good)
    for cell in tampered["cells"]:
        role, _ = exercises.cell_role(cell)
        if role == "check":
            cell["source"] = "print('✅ all correct')"
        elif role is None and cell["cell_type"] == "code":
            cell["source"] = "raise SystemExit"
    snapshot = copy.deepcopy(tampered)
    merged, notes, found = grading.merge(hw, tampered)
    assert tampered == snapshot, "the submission must not be modified"
    assert found == len(hw.questions) and notes == []
    pristine = {c.id: c for c in hw.notebook.cells}
    submitted = {c["id"]: c for c in good["cells"]}
    for cell in merged.cells:
        role, _ = exercises.cell_role(cell)
        if role == "answer":
            assert cell.source == "".join(submitted[cell.id]["source"]) and cell.outputs == []
        else:
            assert cell.source == pristine[cell.id].source
            if role == "check":
                assert cell.outputs == pristine[cell.id].outputs


def test_merge_falls_back_to_the_tag_when_the_id_changed(homeworks, good):
    for cell in good["cells"]:
        if exercises.cell_role(cell)[0] == "answer":
            cell["id"] = "new-" + cell["id"]
    merged, notes, found = grading.merge(homeworks[HOMEWORK], good)
    assert found == 7 and notes == []
    answers = [c for c in merged.cells if exercises.cell_role(c)[0] == "answer"]
    assert "nato.shape[0]" in answers[2].source


def test_merge_handles_odd_cells(homeworks, good):
    good["cells"] = [None, 5, "text", {"cell_type": "code"}] + good["cells"]
    good["cells"][-3]["metadata"] = {"tags": "answer:hw6_q7"}  # tags not a list
    q1 = next(c for c in good["cells"] if isinstance(c, dict) and exercises.cell_role(c) == ("answer", "hw6_q1"))
    q1["cell_type"] = "markdown"
    merged, notes, _ = grading.merge(homeworks[HOMEWORK], good)
    assert any("hw6_q1: the answer cell is no longer a code cell" in n for n in notes)
    assert isinstance(nbformat.writes(merged), str)


@pytest.mark.parametrize("content, words", [
    (b"\xff\xfe\x00garbage", "not UTF-8"),
    (b"[1, 2, 3]", "no list of cells"),
    (b'{"cells": "none"}', "no list of cells"),
    (b'{"nbformat": 3, "worksheets": []}', "old format 3"),
    (b"", "not valid JSON"),
    (b"[" * 100_000, "not valid JSON"),
])
def test_unusable_files_become_error_rows(homeworks, tmp_path, content, words):
    path = tmp_path / "sub.ipynb"
    path.write_bytes(content)
    result = grading.grade_notebook(path, homeworks, HOMEWORK)
    assert result.status == "error" and words in result.message
    assert list(result.questions) == homeworks[HOMEWORK].question_ids and result.total == 0


def test_identify_homework(homeworks, good):
    qids = {q.qid: h.name for h in homeworks.values() for q in h.questions}
    assert grading.identify_homework(good, qids) == HOMEWORK
    del good["metadata"]["ircourse"]
    assert grading.identify_homework(good, qids) == HOMEWORK  # from the tags
    bare = {"cells": []}
    assert grading.identify_homework(bare, qids, "06_alice.ipynb") == HOMEWORK  # from the name
    assert grading.identify_homework(bare, qids, "alice.ipynb") is None


def test_find_submissions_skips_checkpoints(tmp_path):
    (tmp_path / "alice").mkdir()
    (tmp_path / "alice" / "hw.ipynb").write_text("{}")
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / ".ipynb_checkpoints" / "hw-checkpoint.ipynb").write_text("{}")
    (tmp_path / "notes.txt").write_text("")
    assert [p.relative_to(tmp_path).as_posix() for p in grading.find_submissions(tmp_path)] == ["alice/hw.ipynb"]


def test_feedback_names_are_flat():
    result = grading.SubmissionResult("alice/06 hw.ipynb", HOMEWORK)
    assert grading.feedback_name(result) == "alice__06 hw.txt"


# --------------------------------------------------------------------------------------------------
# The command line
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [[], ["grade"], ["check"], ["build-exercises"]])
def test_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(command + ["--help"])
    assert exit_.value.code == 0
    assert "usage: ircourse" in capsys.readouterr().out


def test_grade_reports_bad_requests_without_traceback(tmp_path, capsys):
    assert cli.main(["grade", str(tmp_path / "missing")]) == 1
    assert cli.main(["grade", str(tmp_path)]) == 1
    shutil.copy(FIXTURES / "blank.ipynb", tmp_path)
    assert cli.main(["grade", str(tmp_path), "--homework", "99_nothing"]) == 1
    err = capsys.readouterr().err
    assert "is not a folder" in err and "no .ipynb files" in err and "unknown homework" in err
    assert "Traceback" not in err
    with pytest.raises(SystemExit) as exit_:
        cli.main(["grade", str(tmp_path), "--jobs", "0"])
    assert exit_.value.code == 2


def test_check_a_broken_notebook(capsys):
    assert cli.main(["check", str(FIXTURES / "broken_json.ipynb")]) == 1
    out = capsys.readouterr().out
    assert "not valid JSON" in out and "Traceback" not in out


@pytest.mark.slow
def test_student_self_check(capsys):
    before = fingerprint(FIXTURES)
    assert cli.main(["check", str(FIXTURES / "partial.ipynb")]) == 0
    out = capsys.readouterr().out
    assert "Score: 3 of 7" in out
    assert out.count("✅") == 3 and out.count("❌") == 4
    assert fingerprint(FIXTURES) == before


@pytest.mark.slow
def test_total_timeout_kills_the_run_and_keeps_the_row(homeworks):
    result = grading.grade_notebook(FIXTURES / "infinite_loop.ipynb", homeworks, HOMEWORK, cell_timeout=300,
                                    total_timeout=8)
    assert result.status == "error" and "stopped after 8 s" in result.message
    assert result.seconds < 30
    assert leftover_processes() == []


def test_build_exercises_check_passes(capsys):
    assert cli.main(["build-exercises", "--check"]) == 0
    assert "up to date" in capsys.readouterr().out
