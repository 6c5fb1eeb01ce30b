"""The grader: one gradebook row per entry whatever it holds, submissions never modified or run as they are."""

from __future__ import annotations

import copy
import csv
import hashlib
import json
import os
import shutil
import time

import pytest

from ircourse import cli
from ircourse.homework import authoring, gradebook, grader, sandbox

from .conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "submissions"
HOMEWORK = "06_bipolar_world_and_nato"
QUESTIONS = [f"hw6_q{n}" for n in range(1, 9)]
CELL_TIMEOUT = 15  # seconds; the endless loop costs this much (kept small, with room for a loaded CI machine)
W = None  # a written answer: recorded for the teacher, no points yet

#: file -> (status, points per question hw6_q1..hw6_q8 (None: empty cell), words the message must contain)
EXPECTED = {
    "blank.ipynb": ("not attempted", [0, 0, 0, 0, 0, 0, 0, 0], []),
    "broken_json.ipynb": ("error", [W] * 8, ["not valid JSON", "line"]),
    "deleted_cells.ipynb": ("partial", [1, 1, 0, 1, 0, 1, 1, W], ["hw6_q3: the answer cell was not found",
                                                                  "hw6_q5: the answer cell was not found"]),
    "duplicated_cells.ipynb": ("ok", [1, 1, 1, 1, 1, 1, 1, W], ["hw6_q1: 2 answer cells", "hw6_q6: 2 answer cells"]),
    "edited_cells.ipynb": ("partial", [1, 0, 1, 1, 1, 0, 1, W], []),
    "good.ipynb": ("ok", [1, 1, 1, 1, 1, 1, 1, W], []),
    "huge_print.ipynb": ("ok", [1, 1, 1, 1, 1, 1, 1, W], []),
    "infinite_loop.ipynb": ("partial", [1, 1, 0, 1, 1, 1, 1, W], ["restarted"]),
    "kernel_killed.ipynb": ("partial", [1, 1, 1, 0, 1, 1, 1, W], ["restarted"]),
    "partial.ipynb": ("partial", [0, 1, 0, 1, 0, 1, 0, W], []),
    "reordered_cells.ipynb": ("ok", [1, 1, 1, 1, 1, 1, 1, W], []),
    "sys_exit.ipynb": ("partial", [1, 0, 1, 1, 1, 1, 1, W], ["hw6_q2", "SystemExit: I give up"]),
    "tampered.ipynb": ("partial", [0, 1, 1, 1, 1, 1, 1, W], []),
    "writes_file.ipynb": ("ok", [1, 1, 1, 1, 1, 1, 1, W], []),
    "wrong_homework.ipynb": ("error", [W] * 8, ["this is homework 03_war_across_5500_years", HOMEWORK]),
}


def fingerprint(folder):
    """Path -> sha256 of every file under ``folder`` (so new, changed and deleted files all show)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.parts
    }


def read_gradebook(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["file"]: row for row in csv.DictReader(handle)}


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
    return {"status": status, "rows": read_gradebook(work / "gradebook.csv"), "work": work, "before": before,
            "after": fingerprint(FIXTURES)}


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
    assert header == ["file", "student", *QUESTIONS, "total", "max", "status", "flags", "message"]


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_expected_grades(graded, name):
    status, points, words = EXPECTED[name]
    row = graded["rows"][name]
    got = [None if row[q] == "" else int(row[q]) for q in QUESTIONS]
    assert got == points, row["message"]
    assert row["status"] == status, row["message"]
    if status == "error":
        assert row["total"] == ""
    else:
        assert int(row["total"]) == sum(p or 0 for p in points) and row["max"] == "9"
    for word in words:
        assert word in row["message"], row["message"]
    assert "Traceback" not in row["message"] and "\n" not in row["message"]


@pytest.mark.slow
def test_student_ids_are_read_from_the_start_cell(graded):
    assert graded["rows"]["good.ipynb"]["student"] == "good"
    assert graded["rows"]["partial.ipynb"]["flags"] == ""
    assert graded["rows"]["broken_json.ipynb"]["student"] == ""


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
    assert "Score: 3 of 9" in partial
    assert "✅ hw6_q2: correct" in partial
    assert '❌ hw6_q5: not yet - expected at least 2 trace(s) of type "scatter"' in partial
    assert "its sign is not" in partial  # the diagnosis of a subtraction done the wrong way round
    assert "📝 hw6_q8: recorded" in partial
    assert "your answer cell ran longer than 15 s" in (folder / "infinite_loop.txt").read_text(encoding="utf-8")
    assert "not valid JSON" in (folder / "broken_json.txt").read_text(encoding="utf-8")
    assert not list(folder.glob("*.partial.txt"))


@pytest.mark.slow
def test_answers_table_for_the_report(graded):
    with open(graded["work"] / "gradebook_answers.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    partial = {r["question"]: r for r in rows if r["file"] == "partial.ipynb"}
    assert partial["hw6_q1"]["answer"] == "40" and partial["hw6_q1"]["status"] == "wrong"
    assert partial["hw6_q3"]["answer"] == "(correct, 31)"
    assert partial["hw6_q8"]["status"] == "recorded"


@pytest.mark.slow
def test_every_run_was_contained(graded, tmp_path):
    """Each submission's processes ended with its sandbox (the PID namespace's init exited)."""
    homeworks = grader.load_homeworks()
    result = grader.grade_notebook(FIXTURES / "good.ipynb", homeworks, HOMEWORK)
    assert result.contained is True and result.status == "ok"


# --------------------------------------------------------------------------------------------------
# Merging and reading, without running anything
# --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def homeworks():
    return grader.load_homeworks()


@pytest.fixture()
def good():
    return json.loads((FIXTURES / "good.ipynb").read_text(encoding="utf-8"))


def test_merge_uses_only_answer_sources(homeworks, good):
    hw = homeworks[HOMEWORK]
    tampered = copy.deepcopy(good)
    for cell in tampered["cells"]:
        role, _ = authoring.cell_role(cell)
        if role in ("check", "question"):
            cell["source"] = "print('✅ all correct')"
        elif role is None and cell["cell_type"] == "code":
            cell["source"] = "raise SystemExit"
    snapshot = copy.deepcopy(tampered)
    sources, notes, found, answered = grader.merge(hw, tampered)
    assert tampered == snapshot, "the submission must not be modified"
    assert found == answered == len(hw.questions) and notes == []
    submitted = {c["id"]: "".join(c["source"]) for c in good["cells"]}
    for q in hw.questions:
        assert sources[q.qid] == submitted[q.answer_cell_id]
    job = grader.build_job(hw, "good", sources, 10)
    pristine = {c.id: c.source for c in hw.notebook.cells}
    for cell in job["cells"]:
        if cell["role"] == "answer":
            assert cell["source"] == sources[cell["qid"]]
        elif cell["role"] == "question":
            assert cell["source"] == pristine[f"{cell['qid']}-question"]
        elif cell["role"] == "start":
            assert cell["source"] == f"hw = irc.homework.start('{HOMEWORK}', student='good')"
    job_text = json.dumps(job)
    assert "SOLUTION" not in job_text and "irc.check" not in job_text and "all correct" not in job_text


def test_merge_falls_back_to_the_tag_when_the_id_changed(homeworks, good):
    for cell in good["cells"]:
        if authoring.cell_role(cell)[0] == "answer":
            cell["id"] = "new-" + cell["id"]
    sources, notes, found, _ = grader.merge(homeworks[HOMEWORK], good)
    assert found == 8 and notes == []
    assert "nato.shape[0]" in sources["hw6_q3"]


def test_merge_handles_odd_cells(homeworks, good):
    good["cells"] = [None, 5, "text", {"cell_type": "code"}] + good["cells"]
    good["cells"][-3]["metadata"] = {"tags": "answer:hw6_q7"}  # tags not a list
    q1 = next(c for c in good["cells"] if isinstance(c, dict) and authoring.cell_role(c) == ("answer", "hw6_q1"))
    q1["cell_type"] = "markdown"
    _, notes, _, _ = grader.merge(homeworks[HOMEWORK], good)
    assert any("hw6_q1: the answer cell is no longer a code cell" in n for n in notes)


def test_merge_is_linear_and_capped(homeworks, good):
    """64,000 pasted copies of an answer cell are read in one pass (capped), not compared pairwise."""
    q1 = next(c for c in good["cells"] if authoring.cell_role(c) == ("answer", "hw6_q1"))
    good["cells"] = good["cells"] + [copy.deepcopy(q1) for _ in range(64_000)]
    start = time.process_time()
    sources, notes, found, _ = grader.merge(homeworks[HOMEWORK], good)
    assert time.process_time() - start < 5  # generous: a quadratic merge took minutes
    assert found == 8 and any("hw6_q1" in n and "answer cells" in n for n in notes)


def test_too_many_cells_is_an_error_row(homeworks, good, tmp_path):
    good["cells"] = good["cells"] * 400
    path = tmp_path / "big.ipynb"
    path.write_text(json.dumps(good), encoding="utf-8")
    result = grader.grade_notebook(path, homeworks, HOMEWORK)
    assert result.status == "error" and "more than" in result.message and result.questions == {}


def test_student_id_is_read_as_a_literal_never_run(homeworks, good):
    hw = homeworks[HOMEWORK]
    start = next(c for c in good["cells"] if authoring.cell_role(c)[0] == "start")
    assert grader.student_id(good, hw) == "good"
    start["source"] = 'hw = irc.homework.start("06", student=__import__("os").getenv("USER"))'
    assert grader.student_id(good, hw) is None
    start["source"] = 'hw = irc.homework.start("06", student="  U2025 -  7 ")'
    assert grader.student_id(good, hw) == "U2025 - 7"
    start["source"] = "this is not python ("
    assert grader.student_id(good, hw) is None


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
    result = grader.grade_notebook(path, homeworks, HOMEWORK)
    assert result.status == "error" and words in result.message
    assert result.questions == {} and result.total == 0
    assert gradebook.row(result, QUESTIONS)[2:11] == [""] * 9  # question cells and total left empty


def test_identify_homework(homeworks, good):
    qids = {q.qid: h.name for h in homeworks.values() for q in h.questions}
    assert grader.identify_homework(good, qids) == HOMEWORK
    del good["metadata"]["ircourse"]
    assert grader.identify_homework(good, qids) == HOMEWORK  # from the tags
    bare = {"cells": []}
    assert grader.identify_homework(bare, qids, "06_alice.ipynb") == HOMEWORK  # from the name
    assert grader.identify_homework(bare, qids, "alice.ipynb") is None


# --------------------------------------------------------------------------------------------------
# Every entry gets its row (issue: symlinks, folders, case, formula names, unique feedback names)
# --------------------------------------------------------------------------------------------------


@pytest.fixture()
def odd_folder(tmp_path):
    folder = tmp_path / "subs"
    (folder / "alice").mkdir(parents=True)
    shutil.copy(FIXTURES / "blank.ipynb", folder / "alice" / "hw.ipynb")
    shutil.copy(FIXTURES / "blank.ipynb", folder / "alice__hw.ipynb")
    shutil.copy(FIXTURES / "blank.ipynb", folder / "LOUD.IPYNB")
    shutil.copy(FIXTURES / "blank.ipynb", folder / "=HYPERLINK(1).ipynb")
    (folder / "x.ipynb").mkdir()
    (folder / "broken.ipynb").symlink_to(folder / "does-not-exist.ipynb")
    (folder / "solution.ipynb").symlink_to(ROOT / "exercises" / "solutions" / f"{HOMEWORK}.ipynb")
    os.mkfifo(folder / "pipe.ipynb")
    (folder / ".ipynb_checkpoints").mkdir()
    (folder / ".ipynb_checkpoints" / "hw-checkpoint.ipynb").write_text("{}")
    (folder / "notes.txt").write_text("")
    return folder


def test_find_submissions_lists_every_notebook_entry(odd_folder):
    entries = {e.name: e.problem for e in grader.find_submissions(odd_folder)}
    assert sorted(entries) == sorted(["alice/hw.ipynb", "alice__hw.ipynb", "LOUD.IPYNB", "=HYPERLINK(1).ipynb",
                                      "x.ipynb", "broken.ipynb", "solution.ipynb", "pipe.ipynb"])
    assert entries["alice/hw.ipynb"] is None and entries["LOUD.IPYNB"] is None
    assert "symbolic link" in entries["broken.ipynb"] and "symbolic link" in entries["solution.ipynb"]
    assert "not a notebook file" in entries["x.ipynb"]


def test_a_fifo_is_a_row_not_a_hang(homeworks, odd_folder):
    result = grader.grade_notebook(odd_folder / "pipe.ipynb", homeworks, HOMEWORK)
    assert result.status == "error" and "not a notebook file" in result.message


@pytest.mark.slow
def test_odd_entries_each_get_a_row_and_safe_names(odd_folder, tmp_path):
    out = tmp_path / "teacher" / "gradebook.csv"
    assert cli.main(["grade", str(odd_folder), "--out", str(out), "--homework", HOMEWORK, "--quiet"]) == 0
    rows = read_gradebook(out)
    assert len(rows) == 8
    assert "'=HYPERLINK(1).ipynb" in rows  # escaped, never a formula
    assert rows["solution.ipynb"]["status"] == "error" and rows["solution.ipynb"]["total"] == ""
    assert rows["LOUD.IPYNB"]["status"] == "not attempted"
    names = sorted(p.name for p in (tmp_path / "teacher" / "gradebook_feedback").glob("*.txt"))
    assert len(names) == 8 == len(set(names))
    assert sum(n.startswith("alice__hw-") for n in names) == 2


def test_csv_cells_are_escaped():
    for dangerous in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert gradebook.escape_cell(dangerous) == "'" + dangerous
    assert gradebook.escape_cell("Poland") == "Poland" and gradebook.escape_cell(None) == ""


def test_feedback_names_are_unique():
    results = [grader.SubmissionResult(name, HOMEWORK) for name in ("alice/hw.ipynb", "alice__hw.ipynb", "bob.ipynb")]
    names = gradebook.feedback_names(results)
    assert names["bob.ipynb"] == "bob.txt"
    assert names["alice/hw.ipynb"] != names["alice__hw.ipynb"]
    assert all(n.startswith("alice__hw-") for f, n in names.items() if f.startswith("alice"))


# --------------------------------------------------------------------------------------------------
# Output places are checked before any grading; bad options are refused
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("out, words", [
    ("{folder}/good.ipynb", "inside the submissions folder"),
    ("{folder}/gradebook.csv", "inside the submissions folder"),
    ("{tmp}/a_folder", "is a folder"),
    ("{tmp}/grades.ipynb", "names a notebook"),
])
def test_out_is_checked_before_grading(tmp_path, capsys, out, words):
    folder = tmp_path / "subs"
    folder.mkdir()
    shutil.copy(FIXTURES / "good.ipynb", folder)
    (tmp_path / "a_folder").mkdir()
    before = fingerprint(folder)
    started = time.perf_counter()
    status = cli.main(["grade", str(folder), "--out", out.format(folder=folder, tmp=tmp_path), "--quiet"])
    assert status == 1 and words in capsys.readouterr().err
    assert time.perf_counter() - started < 10, "refused before any submission was graded"
    assert fingerprint(folder) == before


def test_feedback_folder_is_checked_before_grading(tmp_path, capsys):
    folder = tmp_path / "subs"
    folder.mkdir()
    shutil.copy(FIXTURES / "good.ipynb", folder)
    assert cli.main(["grade", str(folder), "--out", str(tmp_path / "g.csv"), "--feedback", str(folder / "fb")]) == 1
    (tmp_path / "file").write_text("x")
    assert cli.main(["grade", str(folder), "--out", str(tmp_path / "g.csv"), "--feedback", str(tmp_path / "file")]) == 1
    err = capsys.readouterr().err
    assert "inside the submissions folder" in err and "is a file" in err


@pytest.mark.parametrize("flag", ["--timeout", "--total-timeout"])
@pytest.mark.parametrize("value", ["nan", "inf", "-1", "0", "ten"])
def test_non_finite_timeouts_are_refused(tmp_path, flag, value):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["grade", str(tmp_path), flag, value])
    assert exit_.value.code == 2


def test_options_refuse_non_finite_timeouts():
    with pytest.raises(grader.GradingError, match="finite"):
        grader.Options(cell_timeout=float("nan"))
    with pytest.raises(grader.GradingError, match="finite"):
        grader.Options(total_timeout=float("inf"))


# --------------------------------------------------------------------------------------------------
# Roster and ids
# --------------------------------------------------------------------------------------------------


def test_ids_are_flagged_against_the_roster_the_file_name_and_each_other(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("name,student\nAli,U-001\nBea,U-002\n", encoding="utf-8")
    ids = grader.read_roster(roster)
    assert ids == {"u001", "u002"}
    results = [grader.SubmissionResult("u-001.ipynb", HOMEWORK, student="U-001"),
               grader.SubmissionResult("bea.ipynb", HOMEWORK, student="U-002"),
               grader.SubmissionResult("u-002_copy.ipynb", HOMEWORK, student="U-002"),
               grader.SubmissionResult("x.ipynb", HOMEWORK, student="U-999")]
    grader._flag_ids(results, ids)
    assert results[0].flags == []
    assert "id not in file name" in results[1].flags and "same student id as u-002_copy.ipynb" in results[1].flags
    assert "id not in roster" in results[3].flags


def test_a_bad_roster_is_a_clear_error(tmp_path):
    empty = tmp_path / "roster.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(grader.GradingError, match="empty"):
        grader.read_roster(empty)
    with pytest.raises(grader.GradingError, match="could not be read"):
        grader.read_roster(tmp_path / "missing.csv")


# --------------------------------------------------------------------------------------------------
# The command line
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [[], ["grade"], ["check"], ["build-exercises"], ["review"], ["report"]])
def test_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(command + ["--help"])
    assert exit_.value.code == 0
    assert "usage: ircourse" in capsys.readouterr().out


def test_grade_help_shows_the_sandbox_flags_and_defaults(capsys):
    with pytest.raises(SystemExit):
        cli.main(["grade", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    for flag in ("--memory MB", "--cpu SECONDS", "--file-size MB", "--processes N", "--output KB", "--no-sandbox",
                 "--roster"):
        assert flag in out
    assert f"(default: {sandbox.Limits().memory_mb})" in out


def test_grade_reports_bad_requests_without_traceback(tmp_path, capsys):
    assert cli.main(["grade", str(tmp_path / "missing")]) == 1
    assert cli.main(["grade", str(tmp_path)]) == 1
    shutil.copy(FIXTURES / "blank.ipynb", tmp_path)
    assert cli.main(["grade", str(tmp_path), "--homework", "99_nothing", "--out", str(tmp_path.parent / "g.csv")]) == 1
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
def test_student_self_check_uses_the_shipped_key(capsys):
    before = fingerprint(FIXTURES)
    assert cli.main(["check", str(FIXTURES / "partial.ipynb")]) == 0
    out = capsys.readouterr().out
    assert "Score: 3 of 9" in out
    assert out.count("✅") == 3 and out.count("❌") == 4 and out.count("📝") == 1
    assert fingerprint(FIXTURES) == before


@pytest.mark.slow
def test_total_timeout_kills_the_run_and_keeps_the_row(homeworks):
    result = grader.grade_notebook(FIXTURES / "infinite_loop.ipynb", homeworks, HOMEWORK,
                                   grader.Options(cell_timeout=300, total_timeout=8))
    assert "stopped after 8 s" in result.message
    assert result.questions["hw6_q1"].points == 1 and result.questions["hw6_q3"].points == 0
    assert result.questions["hw6_q4"].status == "not_run"
    assert result.seconds < 40
    assert result.contained is True


def test_build_exercises_check_passes(capsys):
    assert cli.main(["build-exercises", "--check"]) == 0
    assert "up to date" in capsys.readouterr().out
