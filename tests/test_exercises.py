"""Homework notebooks: one source (the solution), fresh generated files, and checks that can fail."""

from __future__ import annotations

import filecmp
import json
import re
import shutil
import subprocess
import sys

import nbformat
import pytest

from ircourse import checks, exercises, grading
from ircourse.exercises import ExerciseError, strip_solutions

from .conftest import ROOT

SOLUTIONS = sorted((ROOT / "exercises" / "solutions").glob("*.ipynb"))
HOMEWORKS = [exercises.read_solution(p) for p in SOLUTIONS]
IDS = [hw.name for hw in HOMEWORKS]


def student_copy(hw: exercises.Homework) -> nbformat.NotebookNode:
    return nbformat.read(exercises.student_path(hw.name, ROOT), as_version=4)


# --------------------------------------------------------------------------------------------------
# Single source
# --------------------------------------------------------------------------------------------------


def test_there_are_homeworks():
    assert HOMEWORKS, "no solution notebook in exercises/solutions"


def test_generated_files_are_fresh():
    assert exercises.stale(ROOT) == []


@pytest.mark.parametrize("hw", HOMEWORKS, ids=IDS)
def test_solution_is_saved_with_its_check_lines(hw):
    assert exercises.unexecuted_checks(hw) == [], "run `ircourse build-exercises --execute`"


def test_build_is_deterministic(tmp_path):
    first = exercises.build(ROOT, tmp_path / "a")
    second = exercises.build(ROOT, tmp_path / "b")
    assert [p.relative_to(tmp_path / "a") for p in first] == [p.relative_to(tmp_path / "b") for p in second]
    for a, b in zip(first, second):
        assert filecmp.cmp(a, b, shallow=False), a.name


def test_stale_detects_an_edited_student_notebook(tmp_path):
    root = tmp_path / "course"
    shutil.copytree(ROOT / "exercises" / "solutions", root / "exercises" / "solutions")
    exercises.build(root)
    assert exercises.stale(root) == []
    student = next((root / "exercises").glob("*.ipynb"))
    student.write_text(student.read_text(encoding="utf-8").replace("answer = ...", "answer = 1", 1), encoding="utf-8")
    (root / "exercises" / "99_orphan.ipynb").write_text("{}", encoding="utf-8")
    problems = exercises.stale(root)
    assert any("stale" in p and student.name in p for p in problems)
    assert any("99_orphan" in p for p in problems)


# --------------------------------------------------------------------------------------------------
# Hiding solutions
# --------------------------------------------------------------------------------------------------


def test_strip_solution_line():
    assert strip_solutions("x = 1\nanswer = len(df)  # SOLUTION") == "x = 1\nanswer = ..."
    assert strip_solutions("answer = (a == b)  #SOLUTION") == "answer = ..."
    assert strip_solutions("    total = df.n.sum()  # SOLUTION") == "    total = ..."


def test_strip_solution_block():
    source = "# task\n# BEGIN SOLUTION\nfig = px.line(df)\n# END SOLUTION\nanswer = fig  # SOLUTION"
    assert strip_solutions(source) == "# task\nanswer = ..."
    indented = "for x in xs:\n    # BEGIN SOLUTION\n    total += x\n    # END SOLUTION\nanswer = ...  # keep"
    assert strip_solutions(indented) == "for x in xs:\n    pass\nanswer = ...  # keep"


@pytest.mark.parametrize("source", [
    "# BEGIN SOLUTION\nx = 1",
    "x = 1\n# END SOLUTION",
    "# BEGIN SOLUTION\n# BEGIN SOLUTION\n# END SOLUTION",
    "print(1)  # SOLUTION",
])
def test_strip_solution_rejects_bad_markers(source):
    with pytest.raises(ExerciseError):
        strip_solutions(source)


def _solution(tmp_path, cells, name="09_test_homework.ipynb"):
    nb = nbformat.v4.new_notebook(cells=cells)
    path = tmp_path / name
    nbformat.write(nb, path)
    return path


def _question(qid="hw9_q1", answer="answer = 15  # SOLUTION", spec=None, check_tags=None, answer_id="a1"):
    answer_cell = nbformat.v4.new_code_cell(answer, id=answer_id)
    answer_cell.metadata["tags"] = [f"answer:{qid}"]
    check_cell = nbformat.v4.new_code_cell(f'irc.check("{qid}", answer)', id=f"c-{qid}")
    check_cell.metadata["tags"] = check_tags if check_tags is not None else [f"check:{qid}", "nbval-check-output"]
    key = nbformat.v4.new_raw_cell(json.dumps(spec or {"kind": "number", "answer": 15, "tolerance": 0, "hint": "h"}),
                                   id=f"k-{qid}")
    key.metadata["tags"] = [f"key:{qid}"]
    return [answer_cell, check_cell, key]


def test_read_solution_accepts_a_minimal_homework(tmp_path):
    hw = exercises.read_solution(_solution(tmp_path, _question()))
    assert hw.question_ids == ["hw9_q1"]
    student = exercises.student_notebook(hw)
    assert [c.cell_type for c in student.cells] == ["code", "code"]
    assert student.cells[0].source == "answer = ..."


@pytest.mark.parametrize("cells, message", [
    (lambda: _question()[:2], "expected one raw cell tagged key:hw9_q1"),
    (lambda: _question(answer="answer = 15"), "no solution marked"),
    (lambda: _question(answer="x = 15  # SOLUTION"), "must keep a line `answer = ...`"),
    (lambda: _question(check_tags=["check:hw9_q1"]), "nbval-check-output"),
    (lambda: _question(spec={"kind": "number", "answer": 15, "hint": "h"}), "tolerance"),
    (lambda: _question() + _question(answer_id="a2")[:1], "found 2"),
    (list, "no question found"),
])
def test_read_solution_explains_what_is_wrong(tmp_path, cells, message):
    with pytest.raises(ExerciseError, match=re.escape(message)):
        exercises.read_solution(_solution(tmp_path, cells()))


def test_read_solution_rejects_a_bad_file_name(tmp_path):
    with pytest.raises(ExerciseError, match="NN_topic"):
        exercises.read_solution(_solution(tmp_path, _question(), name="homework.ipynb"))


def test_invalid_key_json_is_reported(tmp_path):
    cells = _question()
    cells[2].source = "{'kind': 'number'}"
    with pytest.raises(ExerciseError, match="not valid JSON"):
        exercises.read_solution(_solution(tmp_path, cells))


# --------------------------------------------------------------------------------------------------
# The generated student notebook
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("hw", HOMEWORKS, ids=IDS)
def test_student_notebook_structure(hw):
    nb = student_copy(hw)
    assert nb.metadata["ircourse"]["homework"] == hw.name
    cells = {c.id: c for c in nb.cells}
    for q in hw.questions:
        answer, check = cells[q.answer_cell_id], cells[q.check_cell_id]
        assert answer.metadata["tags"] == [f"answer:{q.qid}"]
        assert re.search(r"^answer = \.\.\.$", answer.source, re.MULTILINE)
        assert check.metadata["tags"] == [f"check:{q.qid}"] and check.metadata["editable"] is False
        assert check.source == f'irc.check("{q.qid}", answer)'
    for cell in nb.cells:
        assert cell.cell_type != "raw", "key cells must not reach students"
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
            assert "SOLUTION" not in cell.source
            assert not any(t.startswith(("nbval-", "key:")) for t in cell.metadata.get("tags", []))


@pytest.mark.parametrize("hw", HOMEWORKS, ids=IDS)
def test_student_notebook_shows_no_answers(hw):
    text = "\n".join(c.source for c in student_copy(hw).cells)
    folded = checks.normalise_text(text)
    for q in hw.questions:
        spec = q.spec["value"] if q.spec["kind"] == "fact" else q.spec
        if spec["kind"] == "text":
            for answer in [spec["answer"], *spec.get("accept", [])]:
                assert checks.normalise_text(answer) not in folded, (q.qid, answer)
        if spec["kind"] == "names":
            for cell in student_copy(hw).cells:  # the whole set never appears together
                source = checks.normalise_text(cell.source)
                assert not all(checks.normalise_text(n) in source for n in spec["answer"]), q.qid


@pytest.mark.parametrize("hw", HOMEWORKS, ids=IDS)
def test_homework_follows_the_course_template(hw):
    nb = hw.notebook
    markdown = [c.source for c in nb.cells if c.cell_type == "markdown"]
    intro = "\n".join(markdown[:3])
    assert markdown[0].startswith("# "), "title first"
    assert "Time:" in intro and "objectives" in intro.lower()
    assert "How the checks work" in intro
    assert 5 <= len(hw.questions) <= 8
    kinds = {q.spec["kind"] for q in hw.questions}
    assert {"number", "names", "figure", "choice", "fact"} <= kinds or len(kinds) >= 4, kinds
    for q in hw.questions:
        index = next(i for i, c in enumerate(nb.cells) if c.get("id") == q.answer_cell_id)
        task = nb.cells[index - 1]
        assert task.cell_type == "markdown" and f"**{q.qid}**" in task.source, q.qid
        assert "<details><summary>Hint</summary>" in task.source, q.qid
        assert "irc.load(" in "\n".join(c.source for c in nb.cells if c.cell_type == "code")


# --------------------------------------------------------------------------------------------------
# nbval: solutions pass, blank notebooks run and fail every check
# --------------------------------------------------------------------------------------------------


def _nbval(notebook, cwd):
    return subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", "--nbval-current-env", str(notebook), "-q",
         "-p", "no:cacheprovider", "-c", str(cwd / "pytest.ini"), "--rootdir", str(cwd),
         "--nbval-cell-timeout", "120"],
        cwd=cwd, capture_output=True, text=True, check=False,
    )


@pytest.mark.slow
@pytest.mark.parametrize("hw", HOMEWORKS, ids=IDS)
def test_solution_passes_nbval_lax(hw, tmp_path):
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    result = _nbval(hw.path, tmp_path)
    assert result.returncode == 0, result.stdout[-4000:]


@pytest.mark.slow
@pytest.mark.parametrize("hw", HOMEWORKS, ids=IDS)
def test_blank_student_notebook_runs_all_without_errors(hw, tmp_path):
    """Run All on the untouched student notebook never stops: every cell runs (nothing to compare)."""
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    copy = tmp_path / f"{hw.name}.ipynb"
    shutil.copy(exercises.student_path(hw.name, ROOT), copy)
    result = _nbval(copy, tmp_path)
    assert result.returncode == 0, result.stdout[-4000:]


@pytest.mark.slow
@pytest.mark.parametrize("hw", HOMEWORKS, ids=IDS)
def test_blank_answers_fail_every_check(hw, tmp_path):
    """The nbgrader ``validate --invert`` idea: with blank answers every check cell must fail."""
    blank = json.loads(exercises.student_path(hw.name, ROOT).read_text(encoding="utf-8"))
    merged, notes, found = grading.merge(hw, blank)
    assert notes == [] and found == len(hw.questions)
    outcomes, problem = grading.run_nbval(merged, 120, 600, tmp_path)
    assert problem is None and outcomes
    code_cells = [c for c in merged.cells if c.cell_type == "code"]
    for index, cell in enumerate(code_cells):
        role, qid = exercises.cell_role(cell)
        if role == "check":
            assert not outcomes[index].passed, f"the check of {qid} passes with a blank answer"
            assert "Cell outputs differ" in outcomes[index].text, outcomes[index].text[-500:]
        else:
            assert outcomes[index].passed, outcomes[index].text[-1000:]


def test_regenerating_never_overwrites_a_students_answers(tmp_path):
    """`ircourse build-exercises` run by mistake in a student's checkout must not erase their work."""
    import hashlib

    from ircourse import exercises as ex

    ex.build(out=tmp_path)
    student = sorted((tmp_path / "exercises").glob("*.ipynb"))[0]
    nb = json.loads(student.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if ex.cell_role(c)[0] == "answer")
    cell["source"] = "answer = 42  # my answer"
    student.write_text(json.dumps(nb), encoding="utf-8")
    before = hashlib.sha256(student.read_bytes()).hexdigest()

    with pytest.raises(ex.ExerciseError, match="holds answers"):
        ex.build(out=tmp_path)
    assert hashlib.sha256(student.read_bytes()).hexdigest() == before

    ex.build(out=tmp_path, force=True)
    assert "answer = 42" not in student.read_text(encoding="utf-8")
