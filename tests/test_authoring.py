"""Homework from one source: reading solution notebooks, hiding solutions, generating files safely."""

from __future__ import annotations

import hashlib
import json
import re
import shutil

import nbformat
import pytest

from ircourse.homework import authoring
from ircourse.homework.authoring import ExerciseError, strip_solutions

from .conftest import ROOT


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


def _start(source='hw = irc.homework.start("09", student="")'):
    cell = nbformat.v4.new_code_cell(source, id="start")
    cell.metadata["tags"] = ["homework-start"]
    return cell


def _question(qid="hw9_q1", answer="answer = 15  # SOLUTION", spec=None, check_tags=None, answer_id="a1",
              question=False):
    cells = []
    if question:
        q = nbformat.v4.new_code_cell(f'q = hw.show("{qid}")', id=f"q-{qid}")
        q.metadata["tags"] = [f"question:{qid}"]
        cells.append(q)
    answer_cell = nbformat.v4.new_code_cell(answer, id=answer_id)
    answer_cell.metadata["tags"] = [f"answer:{qid}"]
    check_cell = nbformat.v4.new_code_cell(f'irc.check("{qid}", answer)', id=f"c-{qid}")
    check_cell.metadata["tags"] = check_tags if check_tags is not None else [f"check:{qid}", "nbval-check-output"]
    key = nbformat.v4.new_raw_cell(json.dumps(spec or {"kind": "number", "tolerance": 0, "hint": "h"}), id=f"k-{qid}")
    key.metadata["tags"] = [f"key:{qid}"]
    return cells + [answer_cell, check_cell, key]


def test_read_solution_accepts_a_minimal_homework(tmp_path):
    hw = authoring.read_solution(_solution(tmp_path, [_start()] + _question()))
    assert hw.question_ids == ["hw9_q1"] and hw.start_cell_id == "start"
    student = authoring.student_notebook(hw)
    assert [c.cell_type for c in student.cells] == ["code", "code", "code"]
    assert student.cells[1].source == "answer = ..."
    assert student.cells[2].metadata["editable"] is False


@pytest.mark.parametrize("cells, message", [
    (lambda: [_start()] + _question()[:2], "expected one raw cell tagged key:hw9_q1"),
    (lambda: [_start()] + _question(answer="answer = 15"), "no solution marked"),
    (lambda: [_start()] + _question(answer="x = 15  # SOLUTION"), "must keep a line `answer = ...`"),
    (lambda: [_start()] + _question(check_tags=["check:hw9_q1"]), "nbval-check-output"),
    (lambda: [_start()] + _question(spec={"kind": "number", "hint": "h"}), "tolerance"),
    (lambda: [_start()] + _question() + _question(answer_id="a2")[:1], "found 2"),
    (lambda: _question(), "homework-start"),
    (lambda: [_start('hw = irc.homework.start("09")')] + _question(), 'student=""'),
    (lambda: [_start()] + _question(spec={"kind": "number", "tolerance": 0, "hint": "h",
                                          "variants": [{"y": 1}, {"y": 2}]}), "needs a question cell"),
    (lambda: [_start()] + _question(spec={"kind": "number", "tolerance": 0, "hint": "h", "text": "In {year}?",
                                          "variants": [{"y": 1}]}, question=True), "cannot be filled"),
    (lambda: [_start()], "no question found"),
])
def test_read_solution_explains_what_is_wrong(tmp_path, cells, message):
    with pytest.raises(ExerciseError, match=re.escape(message)):
        authoring.read_solution(_solution(tmp_path, cells()))


def test_read_solution_rejects_a_bad_file_name(tmp_path):
    with pytest.raises(ExerciseError, match="NN_topic"):
        authoring.read_solution(_solution(tmp_path, [_start()] + _question(), name="homework.ipynb"))


def test_invalid_key_json_is_reported(tmp_path):
    cells = [_start()] + _question()
    cells[-1].source = "{'kind': 'number'}"
    with pytest.raises(ExerciseError, match="not valid JSON"):
        authoring.read_solution(_solution(tmp_path, cells))


def test_public_file_holds_no_answer():
    for path in sorted((ROOT / "exercises" / "solutions").glob("*.ipynb")):
        hw = authoring.read_solution(path)
        public = json.dumps(authoring.public_file(hw), ensure_ascii=False)
        for q in hw.questions:
            assert '"right"' not in public and '"why"' not in public and "rubric" not in public
            if q.kind == "choice":
                right = next(o["text"] for o in q.spec["options"] if o.get("right"))
                # the options are public, in a neutral order that does not put the right one first every time
                assert json.dumps(right, ensure_ascii=False)[1:-1] in public  # as JSON writes it


def test_public_options_are_not_in_authoring_order():
    firsts = []
    for path in sorted((ROOT / "exercises" / "solutions").glob("*.ipynb")):
        hw = authoring.read_solution(path)
        for q in hw.questions:
            if q.kind == "choice":
                right = next(o["text"] for o in q.spec["options"] if o.get("right"))
                firsts.append(hw.public_options(q.qid)[0] == right)
    assert firsts and not all(firsts)


@pytest.fixture()
def course(tmp_path):
    """A scratch course: the real solutions, built into a temporary folder with the cached trusted run."""
    root = tmp_path / "course"
    shutil.copytree(ROOT / "exercises" / "solutions", root / "exercises" / "solutions")
    authoring.build(root)
    return root


@pytest.mark.slow
def test_build_is_fresh_and_stale_detects_edits(course):
    assert authoring.stale(course) == []
    student = next((course / "exercises").glob("*.ipynb"))
    student.write_text(student.read_text(encoding="utf-8").replace("answer = ...", "answer = 1", 1), encoding="utf-8")
    (course / "exercises" / "99_orphan.ipynb").write_text("{}", encoding="utf-8")
    key = next((course / "src" / "ircourse" / "homework" / "keys").glob("*.json"))
    data = json.loads(key.read_text(encoding="utf-8"))
    data["source"] = "0" * 32
    key.write_text(json.dumps(data), encoding="utf-8")
    problems = authoring.stale(course)
    assert any("stale" in p and student.name in p for p in problems)
    assert any("99_orphan" in p for p in problems)
    assert any("stale" in p and key.name in p for p in problems)


@pytest.mark.slow
def test_build_is_deterministic(course, tmp_path):
    again = tmp_path / "again"
    shutil.copytree(course / "exercises" / "solutions", again / "exercises" / "solutions")
    authoring.build(again)
    for path in sorted(course.rglob("*.json")) + sorted((course / "exercises").glob("*.ipynb")):
        twin = again / path.relative_to(course)
        assert path.read_bytes() == twin.read_bytes(), path.name


@pytest.mark.slow
def test_regenerating_never_overwrites_a_students_answers(course):
    """`ircourse build-exercises` run by mistake in a student's checkout must not erase their work."""
    student = sorted((course / "exercises").glob("*.ipynb"))[0]
    nb = json.loads(student.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if authoring.cell_role(c)[0] == "answer")
    cell["source"] = "answer = 42  # my answer"
    student.write_text(json.dumps(nb), encoding="utf-8")
    before = hashlib.sha256(student.read_bytes()).hexdigest()
    with pytest.raises(ExerciseError, match="holds answers"):
        authoring.build(course)
    assert hashlib.sha256(student.read_bytes()).hexdigest() == before

    nb = json.loads(student.read_text(encoding="utf-8"))  # only the student id changed: also work
    start = next(c for c in nb["cells"] if authoring.cell_role(c)[0] == "start")
    start["source"] = "".join(start["source"]).replace('student=""', 'student="U-1"')
    cell = next(c for c in nb["cells"] if authoring.cell_role(c)[0] == "answer")
    cell["source"] = "answer = ..."
    student.write_text(json.dumps(nb), encoding="utf-8")
    with pytest.raises(ExerciseError, match="student id"):
        authoring.build(course)

    authoring.build(course, force=True)
    start = next(c for c in json.loads(student.read_text(encoding="utf-8"))["cells"]
                 if authoring.cell_role(c)[0] == "start")
    assert 'student=""' in "".join(start["source"])


def test_the_wheel_never_ships_the_solutions():
    """pyproject's force-include copies data/ into the wheel, never exercises/ (which holds the solutions)."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    include = text.split("[tool.hatch.build.targets.wheel.force-include]")[1].split("[")[0]
    assert '"data"' in include and "exercises" not in include


def test_no_student_facing_page_links_to_a_solution():
    pages = [*ROOT.glob("notebooks/**/*.ipynb"), *ROOT.glob("exercises/*.ipynb"), *ROOT.glob("exercises/??/*.ipynb")]
    assert pages
    for path in pages:
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            text = "".join(cell["source"])
            assert not re.search(r"\]\([^)]*solutions/", text), (path, text[:200])
            assert not re.search(r"href=[\"'][^\"']*solutions/", text), (path, text[:200])
