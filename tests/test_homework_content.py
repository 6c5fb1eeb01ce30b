"""Every homework measures understanding: personal variants, checks that can fail, hints that teach.

These tests read the solution notebooks (the single source), the generated files and the trusted run
of every solution (cached by content hash, :mod:`ircourse.homework.expected`).
"""

from __future__ import annotations

import collections
import json
import re
import shutil
import subprocess
import sys

import nbformat
import pytest

from ircourse.homework import answers, authoring, expected, judge, keys, variants

from .conftest import ROOT

SOLUTIONS = sorted((ROOT / "exercises" / "solutions").glob("*.ipynb"))
HOMEWORKS = [authoring.read_solution(p) for p in SOLUTIONS]
IDS = [hw.name for hw in HOMEWORKS]
QUESTIONS = [(hw, q) for hw in HOMEWORKS for q in hw.questions]
QIDS = [q.qid for _, q in QUESTIONS]
#: Twenty made-up student ids, as a roster might have them.
STUDENTS = [f"U2025-{n:03d}" for n in range(1, 21)]


@pytest.fixture(scope="module")
def values():
    """The solution's plain answer for every question and variant (the trusted run)."""
    return {hw.name: expected.solution_values(hw) for hw in HOMEWORKS}


def _entries(hw, values, salt=None):
    options = {q.qid: hw.public_options(q.qid) if q.kind == "choice" else None for q in hw.questions}
    return {q.qid: [judge.encode(q.spec, v, salt=salt, options=options[q.qid]) for v in values[hw.name][q.qid]]
            for q in hw.questions}


def test_there_are_eight_homeworks():
    assert [hw.name[:2] for hw in HOMEWORKS] == ["01", "02", "03", "04", "05", "06", "07", "08"]


def test_generated_files_are_fresh():
    assert authoring.stale(ROOT) == []


@pytest.mark.parametrize("hw", HOMEWORKS, ids=IDS)
def test_solution_is_saved_with_its_check_lines(hw):
    assert authoring.unexecuted_checks(hw) == [], "run `ircourse build-exercises --execute`"


@pytest.mark.parametrize("hw", HOMEWORKS, ids=IDS)
def test_installed_key_matches_a_fresh_trusted_run(hw, values):
    """The shipped hashed key is exactly what the solution's answers hash to (nothing edited by hand)."""
    key = keys.key_files()[hw.name]
    assert key["questions"] == _entries(hw, values, salt=hw.salt)
    assert keys.public_files()[hw.name] == authoring.public_file(hw)


# --------------------------------------------------------------------------------------------------
# Right answers pass on every variant, with both the grader's plain key and the shipped hashed key
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("hw, q", QUESTIONS, ids=QIDS)
def test_solution_is_right_on_every_variant(hw, q, values):
    plain, hashed = _entries(hw, values)[q.qid], _entries(hw, values, salt=hw.salt)[q.qid]
    for k, value in enumerate(values[hw.name][q.qid]):
        order = variants.permutation(hw.name, "", q.qid, len(hw.public_options(q.qid))) if q.kind == "choice" else None
        want = "recorded" if q.kind == "written" else "correct"
        assert judge.judge(plain[k], value, order=order).status == want, (q.qid, k)
        assert judge.judge(hashed[k], value, salt=hw.salt, order=order).status == want, (q.qid, k)


@pytest.mark.parametrize("hw, q", QUESTIONS, ids=QIDS)
def test_blank_and_odd_answers_never_pass(hw, q, values):
    """On every variant, in the grader's plain form and in the shipped hashed key."""
    for salt in (None, hw.salt):
        for entry in _entries(hw, values, salt=salt)[q.qid]:
            order = list(range(entry.get("n", 0)))
            for odd in (..., None, float("nan"), "", [], 0, "a b c", {"x": 1}):
                if odd == 0 and q.kind == "number":
                    continue  # 0 can be a right answer (hw4_q6 in some years)
                outcome = judge.judge(entry, answers.to_plain(odd), salt=salt, order=order)
                assert not outcome.correct and outcome.status != "recorded", (q.qid, odd)
            assert judge.judge(entry, answers.to_plain(...), salt=salt).status == "blank"


@pytest.mark.parametrize("hw, q", QUESTIONS, ids=QIDS)
def test_listed_wrong_answers_fail(hw, q, values):
    entry = _entries(hw, values)[q.qid][0]
    for wrong in q.spec.get("wrong", []):
        value = tuple(wrong) if q.kind in ("fact", "written") and isinstance(wrong, list) else wrong
        assert not judge.judge(entry, answers.to_plain(value)).correct, (q.qid, wrong)


# --------------------------------------------------------------------------------------------------
# Variants: personal questions, spread options, copying does not pay
# --------------------------------------------------------------------------------------------------

PARAMETRIZED = [(hw, q) for hw, q in QUESTIONS if q.n_variants > 1]


def test_every_homework_has_personal_questions():
    for hw in HOMEWORKS:
        assert any(q.n_variants > 1 for q in hw.questions), f"{hw.name} has no parametrized question"


@pytest.mark.parametrize("hw, q", PARAMETRIZED, ids=[q.qid for _, q in PARAMETRIZED])
def test_twenty_students_get_at_least_three_different_answers(hw, q, values):
    got = {json.dumps(values[hw.name][q.qid][variants.variant_index(hw.name, s, q.qid, q.n_variants)],
                      sort_keys=True) for s in STUDENTS}
    assert len(got) >= 3, f"{q.qid}: 20 students share only {len(got)} different answers"


@pytest.mark.parametrize("hw, q", PARAMETRIZED, ids=[q.qid for _, q in PARAMETRIZED])
def test_a_classmates_answer_is_wrong_for_me(hw, q, values):
    """Answers computed for student A, handed in as student B, fail where their variants differ."""
    if q.kind == "written":
        pytest.skip("written answers are read by the teacher")
    plain = _entries(hw, values)[q.qid]
    pairs = 0
    for a in STUDENTS:
        for b in STUDENTS:
            ka = variants.variant_index(hw.name, a, q.qid, q.n_variants)
            kb = variants.variant_index(hw.name, b, q.qid, q.n_variants)
            va, vb = values[hw.name][q.qid][ka], values[hw.name][q.qid][kb]
            if json.dumps(va, sort_keys=True) != json.dumps(vb, sort_keys=True):
                assert not judge.judge(plain[kb], va).correct, (q.qid, a, b)
                pairs += 1
    assert pairs > 0


CHOICES = [(hw, q) for hw, q in QUESTIONS if q.kind == "choice"]


@pytest.mark.parametrize("hw, q", CHOICES, ids=[q.qid for _, q in CHOICES])
def test_the_right_option_is_shown_under_every_letter(hw, q):
    options = hw.public_options(q.qid)
    right = options.index(next(o["text"] for o in q.spec["options"] if o.get("right")))
    letters = collections.Counter(
        variants.option_to_letter(right, variants.permutation(hw.name, f"student-{n}", q.qid, len(options)))
        for n in range(400))
    assert set(letters) == set(variants.LETTERS[: len(options)])
    assert min(letters.values()) >= 400 / len(options) * 0.6, letters


@pytest.mark.parametrize("hw, q", CHOICES, ids=[q.qid for _, q in CHOICES])
def test_options_are_of_similar_length(hw, q):
    lengths = [len(o["text"]) for o in q.spec["options"]]
    assert min(lengths) >= 0.55 * max(lengths), (q.qid, lengths)


def test_the_right_option_is_not_usually_the_longest():
    longest = 0
    for _, q in CHOICES:
        right = next(len(o["text"]) for o in q.spec["options"] if o.get("right"))
        longest += right >= max(len(o["text"]) for o in q.spec["options"])
    assert longest <= len(CHOICES) / 2, f"the right option is the longest in {longest} of {len(CHOICES)} questions"


# --------------------------------------------------------------------------------------------------
# Hints teach; verdicts use the course's scale; each homework has a written fact-check
# --------------------------------------------------------------------------------------------------


def _task_cell(hw, q):
    cells = hw.notebook.cells
    index = next(i for i, c in enumerate(cells) if c.get("id") == q.answer_cell_id)
    while index > 0 and cells[index - 1].cell_type != "markdown":
        index -= 1
    return cells[index - 1]


@pytest.mark.parametrize("hw, q", QUESTIONS, ids=QIDS)
def test_two_levels_of_hints(hw, q):
    task = _task_cell(hw, q).source
    assert f"**{q.qid}**" in task
    assert "<summary>Hint 1</summary>" in task and "<summary>Hint 2</summary>" in task, q.qid


def _solution_lines(hw, q) -> list[str]:
    """The solution's code lines (normalised), long enough to be "the answer" if copied into a hint."""
    cells = {c.get("id"): c for c in hw.notebook.cells}
    lines = []
    for line in cells[q.answer_cell_id].source.splitlines():
        code = line.split("#")[0].strip()
        if code.startswith(("answer = ...", "# ")) or len(code) < 12:
            continue
        code = re.sub(r"^answer\s*=\s*", "", code)
        lines.append(re.sub(r"\s+", "", code))
    return [line for line in lines if len(line) >= 12]


def _hint_texts(hw, q) -> list[str]:
    task = _task_cell(hw, q).source
    texts = re.findall(r"<details>(.*?)</details>", task, flags=re.S)
    texts.append(q.spec["hint"])
    texts += [f.get("say", "") for f in q.spec.get("feedback", [])]
    texts += [o.get("why", "") for o in q.spec.get("options", [])]
    return texts


@pytest.mark.parametrize("hw, q", QUESTIONS, ids=QIDS)
def test_hints_never_give_the_complete_code(hw, q):
    for text in _hint_texts(hw, q):
        folded = re.sub(r"\s+", "", text.replace("`", ""))
        for line in _solution_lines(hw, q):
            assert line not in folded, f"{q.qid}: a hint contains the solution line {line!r}"


def test_hint_check_catches_a_hint_that_gives_the_code():
    """The check above can fail: a hint that copies a solution line is caught."""
    hw, q = next((hw, q) for hw, q in QUESTIONS if _solution_lines(hw, q))
    line = _solution_lines(hw, q)[0]
    assert line in re.sub(r"\s+", "", f"Type exactly: {line}")


@pytest.mark.parametrize("hw", HOMEWORKS, ids=IDS)
def test_verdicts_use_the_five_level_scale(hw):
    for q in hw.questions:
        if q.kind in ("fact", "written"):
            assert q.spec["verdict"] in judge.VERDICTS
        source = {c.get("id"): c.source for c in hw.notebook.cells}[q.answer_cell_id]
        assert "(True," not in source and "(False," not in source, f"{q.qid}: True/False verdict"


@pytest.mark.parametrize("hw", HOMEWORKS, ids=IDS)
def test_each_homework_has_one_written_fact_check(hw):
    written = [q for q in hw.questions if q.kind == "written"]
    assert len(written) == 1, hw.name
    assert len(written[0].spec["rubric"]) >= 3


@pytest.mark.parametrize("hw", HOMEWORKS, ids=IDS)
def test_homework_follows_the_course_template(hw):
    nb = hw.notebook
    markdown = [c.source for c in nb.cells if c.cell_type == "markdown"]
    intro = "\n".join(markdown[:3])
    assert markdown[0].startswith("# "), "title first"
    assert "Time:" in intro and "objectives" in intro.lower()
    assert "student id" in intro
    assert 6 <= len(hw.questions) <= 9
    kinds = collections.Counter(q.kind for q in hw.questions)
    assert kinds["fact"] >= 1 and kinds["written"] == 1 and len(kinds) >= 4, kinds
    assert "irc.load(" in "\n".join(c.source for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("hw", HOMEWORKS, ids=IDS)
def test_student_notebook_shows_no_answers(hw):
    nb = nbformat.read(authoring.student_path(hw.name, ROOT), as_version=4)
    assert nb.metadata["ircourse"]["homework"] == hw.name
    for cell in nb.cells:
        assert cell.cell_type != "raw", "key cells must not reach students"
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
            assert "SOLUTION" not in cell.source


# --------------------------------------------------------------------------------------------------
# nbval: solutions pass, blank notebooks run and fail every check
# --------------------------------------------------------------------------------------------------


def _nbval(notebook, cwd):
    return subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", "--nbval-current-env", str(notebook), "-q",
         "-p", "no:cacheprovider", "-c", str(cwd / "pytest.ini"), "--rootdir", str(cwd),
         "--nbval-cell-timeout", "120", "-rA"],
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
def test_blank_student_notebook_fails_every_check_under_nbval(hw, tmp_path):
    """The nbgrader ``validate --invert`` idea: the blank notebook, with the solution's saved check lines,
    runs every cell without an error and fails every check cell."""
    student = nbformat.read(authoring.student_path(hw.name, ROOT), as_version=4)
    saved = {c.get("id"): c for c in hw.notebook.cells}
    for cell in student.cells:
        if authoring.cell_role(cell)[0] == "check":
            cell.outputs = saved[cell.id].outputs
            cell.execution_count = saved[cell.id].execution_count
            cell.metadata["tags"] = cell.metadata.get("tags", []) + ["nbval-check-output"]
    path = tmp_path / f"{hw.name}.ipynb"
    nbformat.write(student, path)
    shutil.copy(path, tmp_path / "copy.ipynb")
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    result = _nbval(path, tmp_path)
    failed = re.findall(r"^FAILED .*::Cell (\d+)", result.stdout, flags=re.M)
    code = [c for c in student.cells if c.cell_type == "code"]
    checks = {i for i, c in enumerate(code) if authoring.cell_role(c)[0] == "check"}
    assert {int(i) for i in failed} == checks, result.stdout[-3000:]
