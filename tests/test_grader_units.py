"""The grader's own logic, in-process and without a sandbox: reading, merging, statuses, points and flags.

The sandbox and the trusted run are measured by the slow attack tests (``tests/test_grading.py``,
``tests/test_sandbox*.py``); here :func:`sandbox.run` is replaced by a stand-in that hands back the
result lines a run would, and the expected answers by a stand-in judge, so each test names one rule
of :mod:`ircourse.homework.grader`. Expected lines and notes are the English catalogue's sentences.
"""

from __future__ import annotations

import copy
import io
import json
import os
import shutil

import pytest

from ircourse import i18n
from ircourse.homework import answers, authoring, expected, grader, judge, keys, sandbox, session, variants
from ircourse.homework.grader import GradingError, Options, QuestionResult, SubmissionResult

from .conftest import ROOT

HW = "06_bipolar_world_and_nato"
SOLUTIONS = ROOT / "exercises" / "solutions"
FIXTURES = ROOT / "tests" / "fixtures" / "submissions"
QIDS = [f"hw6_q{n}" for n in range(1, 9)]


@pytest.fixture()
def hw():
    return authoring.read_solution(SOLUTIONS / f"{HW}.ipynb")


@pytest.fixture()
def homeworks():
    return {hw.name: hw for hw in (authoring.read_solution(p) for p in sorted(SOLUTIONS.glob("*.ipynb")))}


def submission(name="good.ipynb"):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def answer_cell(nb, qid):
    return next(c for c in nb["cells"] if authoring.cell_role(c) == ("answer", qid))


def blank_of(hw, qid):
    cell = next(c for c in hw.notebook.cells if c.id == hw.question(qid).answer_cell_id)
    return authoring.strip_solutions(cell.source)


def code_cell(cid, source, tags=()):
    return {"cell_type": "code", "id": cid, "metadata": {"tags": list(tags)}, "source": source, "outputs": [],
            "execution_count": None}


# --------------------------------------------------------------------------------------------------
# merge: which answer cell is graded
# --------------------------------------------------------------------------------------------------


def test_with_duplicated_cell_ids_the_first_worked_cell_wins(hw):
    """A pasted copy keeps the cell id: the first copy in the notebook is graded, never the last."""
    for first, second in (("answer = 1", "answer = 2"), ("answer = 2", "answer = 1")):
        nb = submission()
        original = answer_cell(nb, "hw6_q1")
        original["source"] = first
        copied = copy.deepcopy(original)
        copied["source"] = second
        nb["cells"].insert(nb["cells"].index(original) + 1, copied)
        sources, notes, found, answered = grader.merge(hw, nb)
        assert sources["hw6_q1"] == first
        assert notes == ["hw6_q1: 2 answer cells were found; the one with your work was graded."]
        assert (found, answered) == (8, 8)


def test_the_cell_with_the_original_id_beats_a_tagged_copy(hw):
    nb = submission()
    original = answer_cell(nb, "hw6_q2")
    original["source"] = "answer = ['original']"
    copied = copy.deepcopy(original)
    copied["id"], copied["source"] = "pasted-1", "answer = ['copy']"
    nb["cells"].insert(nb["cells"].index(original), copied)  # the copy comes first
    sources, _, _, _ = grader.merge(hw, nb)
    assert sources["hw6_q2"] == "answer = ['original']"


def test_a_worked_copy_beats_the_blank_original(hw):
    nb = submission()
    original = answer_cell(nb, "hw6_q4")
    original["source"] = blank_of(hw, "hw6_q4")
    copied = copy.deepcopy(original)
    copied["id"], copied["source"] = "pasted-4", "answer = 'Albania'"
    nb["cells"].append(copied)
    sources, notes, found, answered = grader.merge(hw, nb)
    assert sources["hw6_q4"] == "answer = 'Albania'"
    assert (found, answered) == (8, 8) and notes == [
        "hw6_q4: 2 answer cells were found; the one with your work was graded."]


@pytest.mark.parametrize("source", [
    "answer = ...", "answer=...", "  answer   =   ...  ", "x.y = ...\nanswer = ...", "# I do not know yet\nanswer = ...",
    "answer = ...\n    # an indented comment\n\n", ["answer = ", "..."], None, [1, 2],
])
def test_a_cell_left_as_its_template_is_not_answered(hw, source):
    nb = submission()
    answer_cell(nb, "hw6_q2")["source"] = source
    sources, _, found, answered = grader.merge(hw, nb)
    assert (found, answered) == (8, 7)
    expected_source = source if isinstance(source, str) else ("answer = ..." if source == ["answer = ", "..."] else "")
    assert sources["hw6_q2"] == expected_source


def test_a_template_with_code_lines_is_not_answered_either(hw):
    """hw6_q4's template keeps a line of given code; unchanged (trailing spaces aside) it is no answer."""
    nb = submission()
    blank = blank_of(hw, "hw6_q4")
    answer_cell(nb, "hw6_q4")["source"] = blank.replace("]\n", "]   \n") + "\n# my notes\n"
    assert grader.merge(hw, nb)[2:] == (8, 7)
    answer_cell(nb, "hw6_q4")["source"] = blank.replace("answer = ...", "answer = article_list[0]")
    assert grader.merge(hw, nb)[2:] == (8, 8)


def test_missing_and_non_code_answer_cells_run_the_blank_template(hw):
    nb = submission()
    nb["cells"].remove(answer_cell(nb, "hw6_q1"))
    answer_cell(nb, "hw6_q5")["cell_type"] = "markdown"
    sources, notes, found, answered = grader.merge(hw, nb)
    assert sources["hw6_q1"] == blank_of(hw, "hw6_q1") and sources["hw6_q5"] == blank_of(hw, "hw6_q5")
    assert sorted(sources) == QIDS
    assert notes == ["hw6_q1: the answer cell was not found (deleted?), so the question counts as unanswered.",
                     "hw6_q5: the answer cell is no longer a code cell, so the question counts as unanswered."]
    assert (found, answered) == (6, 6)


def test_answer_cells_are_found_by_id_alone_or_by_tag_alone(hw):
    by_id = submission()
    for cell in by_id["cells"]:
        cell["metadata"] = {}
    assert grader.merge(hw, by_id)[2:] == (8, 8)
    by_tag = submission()
    for n, cell in enumerate(by_tag["cells"]):
        cell["id"] = ["not", "text"] if n % 2 else None
    assert grader.merge(hw, by_tag)[2:] == (8, 8)


def test_an_overlong_answer_cell_is_not_run(hw):
    nb = submission()
    longest = "answer = 1  #" + "x" * (grader.MAX_SOURCE_CHARS - 13)
    answer_cell(nb, "hw6_q1")["source"] = longest
    answer_cell(nb, "hw6_q2")["source"] = longest + "x"
    sources, notes, found, answered = grader.merge(hw, nb)
    assert len(longest) == grader.MAX_SOURCE_CHARS and sources["hw6_q1"] == longest
    assert sources["hw6_q2"] == blank_of(hw, "hw6_q2")
    assert notes == ["hw6_q2: the answer cell is longer than 100000 characters, so it was not run."]
    assert (found, answered) == (8, 7)


def test_at_most_twenty_copies_of_an_answer_cell_are_looked_at(hw):
    nb = submission()
    cell = answer_cell(nb, "hw6_q1")
    nb["cells"] += [copy.deepcopy(cell) for _ in range(24)]
    assert grader.merge(hw, nb)[1] == ["hw6_q1: 20 answer cells were found; the one with your work was graded."]


# --------------------------------------------------------------------------------------------------
# student_id, identify_homework, notebook_language
# --------------------------------------------------------------------------------------------------


def start_cell(nb):
    return next(c for c in nb["cells"] if authoring.cell_role(c)[0] == "start")


@pytest.mark.parametrize("source, student", [
    ('from ircourse.homework import start\nhw = start("06", student="U-7")', "U-7"),
    ('hw = irc.homework.start("06", student="U-7", lang="uz")', "U-7"),
    ('hw = irc.homework.start("06", name="x", student=7)', None),
    ('hw = irc.homework.begin("06", student="U-7")', None),
    ('hw = irc.homework.start("06", student="' + "x" * 150 + '")', "x" * 100),
    ('hw = irc.homework.start("06", student="U \\t 7\\n")', "U 7"),
    ('hw = f()(student="U-7")', None),
])
def test_student_id_is_read_from_the_start_call(hw, source, student):
    nb = submission()
    start_cell(nb)["source"] = source
    assert grader.student_id(nb, hw) == student


def test_the_start_cell_is_found_by_id_else_by_tag(hw):
    nb = submission()
    start_cell(nb)["metadata"] = {}
    assert grader.student_id(nb, hw) == "good"  # by id
    nb = submission()
    start_cell(nb)["id"] = "renamed"
    assert grader.student_id(nb, hw) == "good"  # by tag
    start_cell(nb)["metadata"] = {}
    assert grader.student_id(nb, hw) is None


def test_only_three_start_cells_and_their_first_10000_characters_are_read(hw):
    nb = submission()
    start = start_cell(nb)
    start["source"] = "pass"
    extra = [code_cell(f"s{n}", "pass", ["homework-start"]) for n in range(2)]
    extra.append(code_cell("s9", 'hw = irc.homework.start("06", student="late")', ["homework-start"]))
    start["id"] = "renamed"
    nb["cells"][nb["cells"].index(start) + 1:nb["cells"].index(start) + 1] = extra
    assert grader.student_id(nb, hw) is None  # the fourth start cell is not read
    extra[1]["source"] = 'hw = irc.homework.start("06", student="third")'
    assert grader.student_id(nb, hw) == "third"
    call = 'hw = irc.homework.start("06", student="U-1")'
    start["id"] = hw.start_cell_id
    start["source"] = "#" + "x" * (10_000 - len(call) - 2) + "\n" + call
    assert len(start["source"]) == 10_000 and grader.student_id(nb, hw) == "U-1"
    start["source"] = "#" + start["source"]
    assert grader.student_id(nb, hw) is None


def test_an_unparseable_start_cell_does_not_hide_the_next(hw):
    nb = submission()
    start = start_cell(nb)
    start["source"], start["id"] = "hw = irc.homework.start(", "renamed"
    later = code_cell("again", 'hw = irc.homework.start("06", student="U-2")', ["homework-start"])
    nb["cells"].insert(nb["cells"].index(start) + 1, later)
    assert grader.student_id(nb, hw) == "U-2"


def test_the_homework_is_told_by_metadata_then_tags_then_file_name(homeworks):
    qids = {q.qid: h.name for h in homeworks.values() for q in h.questions}
    nb = submission()
    nb["metadata"]["ircourse"]["homework"] = "01_why_ir_exists"
    assert grader.identify_homework(nb, qids) == "01_why_ir_exists"  # metadata beats the tags
    nb["metadata"]["ircourse"]["homework"] = "99_unknown"
    assert grader.identify_homework(nb, qids) == HW
    nb["metadata"] = {"ircourse": "06"}
    assert grader.identify_homework(nb, qids) == HW
    nb["metadata"] = ["odd"]
    assert grader.identify_homework(nb, qids) == HW


def test_tags_vote_for_a_homework(homeworks):
    qids = {q.qid: h.name for h in homeworks.values() for q in h.questions}
    one = [q.qid for q in homeworks["01_why_ir_exists"].questions]
    cells = [code_cell(f"c{n}", "", [f"check:{one[n]}"]) for n in range(2)]  # two check cells of homework 01 first
    cells += [code_cell(f"a{n}", "", [f"answer:hw6_q{n + 1}"]) for n in range(3)]
    assert grader.identify_homework({"cells": cells}, qids) == HW
    assert grader.identify_homework({"cells": cells[:2]}, qids) == "01_why_ir_exists"  # check cells count too
    odd = [code_cell("q", "", ["question:hw6_q1"]), code_cell("k", "", ["answer:hw9_q9"])]
    assert grader.identify_homework({"cells": odd}, qids, "alice.ipynb") is None


def test_the_file_name_decides_only_when_one_homework_fits():
    qids = {"a_q1": "06_a", "b_q1": "06_b", "c_q1": "07_c"}
    assert grader.identify_homework({"cells": []}, qids, "07_alice.ipynb") == "07_c"
    assert grader.identify_homework({"cells": []}, qids, "folder/07_alice.ipynb") == "07_c"
    assert grader.identify_homework({"cells": []}, qids, "06_alice.ipynb") is None
    assert grader.identify_homework({"cells": []}, qids, "alice_07_.ipynb") is None
    assert grader.identify_homework({"cells": []}, qids) is None


@pytest.mark.parametrize("metadata, lang", [
    ({"ircourse": {"translation": {"language": "uz"}}}, "uz"), ({"ircourse": {"translation": {"language": "xx"}}}, None),
    ({"ircourse": {"translation": "uz"}}, None), ({"ircourse": "uz"}, None), ("uz", None), ({}, None),
])
def test_notebook_language(metadata, lang):
    assert grader.notebook_language({"cells": [], "metadata": metadata}) == lang


# --------------------------------------------------------------------------------------------------
# read_submission
# --------------------------------------------------------------------------------------------------


def unusable(path):
    with pytest.raises(grader._Unusable) as refused:
        grader.read_submission(path)
    return str(refused.value)


def notebook_of_size(path, size):
    head, tail = '{"cells": [], "metadata": {}, "pad": "', '"}'
    text = head + "x" * (size - len(head) - len(tail)) + tail
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size == size


def test_the_size_limit_is_exact(tmp_path):
    notebook_of_size(tmp_path / "max.ipynb", grader.MAX_FILE_BYTES)
    assert grader.read_submission(tmp_path / "max.ipynb")["cells"] == []
    notebook_of_size(tmp_path / "big.ipynb", grader.MAX_FILE_BYTES + 1)
    assert unusable(tmp_path / "big.ipynb") == ("the file is larger than 20 MB; clear the outputs (Edit > Clear Outputs "
                                                "of All Cells), save and hand it in again.")


def test_the_cell_limit_is_exact(tmp_path):
    path = tmp_path / "cells.ipynb"
    path.write_text(json.dumps({"cells": [{}] * grader.MAX_CELLS}), encoding="utf-8")
    assert len(grader.read_submission(path)["cells"]) == grader.MAX_CELLS
    path.write_text(json.dumps({"cells": [{}] * (grader.MAX_CELLS + 1)}), encoding="utf-8")
    assert unusable(path) == "the notebook has more than 5000 cells; hand in the homework notebook itself."


@pytest.mark.parametrize("content, message", [
    (b"\xff\xfe", "this is not a notebook: the file is not valid JSON (not UTF-8 text). Was it saved completely?"),
    (b"{", ("this is not a notebook: the file is not valid JSON (line 1, column 2: Expecting property name "
            "enclosed in double quotes). Was it saved completely?")),
    (b"[" * 100_000, "this is not a notebook: the file is not valid JSON (nested too deeply). Was it saved completely?"),
    (b'{"worksheets": [], "nbformat": 2}',
     "the notebook is in the old format 2; open it in JupyterLab, save it and hand it in again."),
    (b'{"worksheets": []}', "the notebook is in the old format 3; open it in JupyterLab, save it and hand it in again."),
])
def test_unusable_files_say_why(tmp_path, content, message):
    path = tmp_path / "sub.ipynb"
    path.write_bytes(content)
    assert unusable(path) == message


def test_a_notebook_with_a_byte_order_mark_or_old_and_new_keys_is_read(tmp_path):
    path = tmp_path / "bom.ipynb"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"cells": [], "worksheets": []}).encode())
    assert grader.read_submission(path) == {"cells": [], "worksheets": []}


def test_links_and_unreadable_files(tmp_path, monkeypatch):
    (tmp_path / "real.ipynb").write_text('{"cells": []}')
    (tmp_path / "link.ipynb").symlink_to(tmp_path / "real.ipynb")
    assert unusable(tmp_path / "link.ipynb") == ("this entry is a symbolic link; links are not followed. Hand in the "
                                                 "notebook file itself.")
    assert unusable(tmp_path) == "this entry is not a notebook file (a folder named like one?)."

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(grader, "open", denied, raising=False)
    assert unusable(tmp_path / "real.ipynb") == "the file could not be read (Permission denied)."

    def bare(*args, **kwargs):
        raise OSError("no reason given")

    monkeypatch.setattr(grader, "open", bare, raising=False)
    assert unusable(tmp_path / "real.ipynb") == "the file could not be read (OSError)."


# --------------------------------------------------------------------------------------------------
# find_submissions, read_roster, _flag_ids, Options
# --------------------------------------------------------------------------------------------------


def test_find_submissions_lists_entries_with_their_paths(tmp_path, monkeypatch):
    folder = tmp_path / "subs"
    (folder / "group").mkdir(parents=True)
    (folder / ".hidden").mkdir()
    (folder / "x.IPYNB").mkdir()
    (folder / "x.IPYNB" / "inside.ipynb").write_text("{}")
    for name in ("b.ipynb", "group/a.ipynb", ".secret.ipynb", ".hidden/c.ipynb", "notes.txt", "locked.ipynb"):
        (folder / name).write_text("{}")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "d.ipynb").write_text("{}")
    (folder / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (folder / "l.ipynb").symlink_to(folder / "b.ipynb")
    real_access = os.access
    monkeypatch.setattr(grader.os, "access", lambda p, mode: not str(p).endswith("locked.ipynb") and real_access(p, mode))
    entries = grader.find_submissions(str(folder))
    assert [(e.name, e.path, e.problem) for e in entries] == [
        ("b.ipynb", folder / "b.ipynb", None),
        ("group/a.ipynb", folder / "group" / "a.ipynb", None),
        ("l.ipynb", folder / "l.ipynb",
         "this entry is a symbolic link; links are not followed. Hand in the notebook file itself."),
        ("locked.ipynb", folder / "locked.ipynb", "the file could not be read (permission denied)."),
        ("x.IPYNB", folder / "x.IPYNB", "this entry is not a notebook file (a folder named like one?)."),
    ]


def roster(tmp_path, text, encoding="utf-8"):
    path = tmp_path / "roster.csv"
    path.write_bytes(text.encode(encoding))
    return grader.read_roster(path)


@pytest.mark.parametrize("text, ids", [
    ("student,name\nU-001,Ali\nU-002,Bea\n", {"u001", "u002"}),
    ("name,ID\nAli,U-001\nBea,U-002\n", {"u001", "u002"}),
    ("name, Student_ID \nAli,U-001\n", {"u001"}),
    ("name,student id\nAli,U-001\n", {"u001"}),
    ("U-001,Ali\nU-002,Bea\n", {"u001", "u002"}),  # no header: the first column, first row included
    ("name,student\nAli\nBea,U-002\n,\nCem,  \n", {"u002"}),  # short and empty rows are skipped
    ('name,student\n"Ali\r\nValiyev",U-001\n', {"u001"}),
])
def test_roster_ids(tmp_path, text, ids):
    assert roster(tmp_path, text) == ids


def test_a_roster_with_a_byte_order_mark(tmp_path):
    assert roster(tmp_path, "student,name\nU-001,Ali\n", encoding="utf-8-sig") == {"u001"}


@pytest.mark.parametrize("text, message", [("", "is empty"), ("student\n\n", "holds no student ids"),
                                           ("student\n  \n", "holds no student ids")])
def test_bad_rosters(tmp_path, text, message):
    with pytest.raises(GradingError, match=message):
        roster(tmp_path, text)
    (tmp_path / "latin1.csv").write_bytes("student\nÜ-1\n".encode("latin-1"))
    with pytest.raises(GradingError, match="could not be read"):
        grader.read_roster(tmp_path / "latin1.csv")


def test_shared_ids_roster_and_file_names_are_flagged():
    results = [SubmissionResult("a.ipynb", HW, student="U-1"), SubmissionResult("b.ipynb", HW, student="u 1"),
               SubmissionResult("c.ipynb", HW, student="U1"), SubmissionResult("d_u2.ipynb", HW, student="U-2"),
               SubmissionResult("e_u2.ipynb", HW, student="U2"), SubmissionResult("f.ipynb", HW, student=""),
               SubmissionResult("g_u3.ipynb", HW, student="U-3")]
    grader._flag_ids(results, {"u1", "u2"})
    assert results[0].flags == ["same student id as b.ipynb, c.ipynb", "id not in file name"]
    assert results[2].flags == ["same student id as a.ipynb, b.ipynb", "id not in file name"]
    assert results[3].flags == ["same student id as e_u2.ipynb"]
    assert results[4].flags == ["same student id as d_u2.ipynb"]
    assert results[5].flags == [] and results[6].flags == ["id not in roster"]
    unrostered = [SubmissionResult("x_u9.ipynb", HW, student="U9")]
    grader._flag_ids(unrostered, None)
    assert unrostered[0].flags == []


@pytest.mark.parametrize("name", ["cell_timeout", "total_timeout"])
@pytest.mark.parametrize("value", [0, -1, True, "10", float("nan"), float("inf"), None])
def test_options_refuse_bad_timeouts(name, value):
    with pytest.raises(GradingError) as refused:
        Options(**{name: value})
    assert str(refused.value) == f"{name.replace('_', ' ')} must be a finite number of seconds > 0, got {value!r}"


def test_options_accept_short_timeouts():
    assert Options(cell_timeout=0.5, total_timeout=1).cell_timeout == 0.5


# --------------------------------------------------------------------------------------------------
# Judging the result lines of a run
# --------------------------------------------------------------------------------------------------


class Scripted:
    """Stands in for the expected answers: a fixed outcome per question, and a log of what was asked."""

    made = 0

    def __init__(self, outcomes=None, default=None):
        self.outcomes, self.calls, self.entry_calls = outcomes or {}, [], 0
        self.default = default or judge.Outcome("correct")
        type(self).made += 1

    def entries(self, hw):
        assert hw.name == HW, "the expected answers of the homework graded"
        self.entry_calls += 1
        return {}

    def judge(self, hw, qid, student, plain):
        assert hw.name == HW, "judged against the homework graded"
        self.calls.append((qid, student, plain))
        return self.outcomes.get(qid, self.default)


def ok(qid, value, round_=0):
    return {"qid": qid, "status": "ok", "round": round_, "value": answers.to_plain(value)}


WRITTEN_ANSWER = ("opinion", "NATO grew. It grew again. It grew once more.")


def run_of(records, problem=None, contained=True):
    return sandbox.RunResult(records, problem, 1.0, contained=contained)


def fresh(lang=None):
    return SubmissionResult("s.ipynb", HW, student="U-1", lang=lang)


def test_each_kind_of_result_line_becomes_its_row(hw):
    wrong = judge.Outcome("wrong", "check.wrong")
    expectations = Scripted({"hw6_q2": wrong, "hw6_q8": judge.Outcome("recorded", "check.recorded", {"n": 3})})
    records = [ok("hw6_q1", 5), ok("hw6_q2", ["x", "y"]),
               {"qid": "hw6_q3", "status": "error", "error": "NameError: name 'x' is not defined"},
               {"qid": "hw6_q4", "status": "timeout"}, {"qid": "hw6_q5", "status": "limit:memory"},
               {"qid": "hw6_q6", "status": "dead"}, {"qid": "hw6_q7", "status": "unreadable"},
               ok("hw6_q7", 1, round_=1), ok("hw6_q8", WRITTEN_ANSWER),
               {"event": "setup_error", "error": "ImportError: pandas"}, {"event": "restarted", "error": ""}]
    result = fresh()
    grader._judge_run(result, hw, expectations, run_of(records), Options(cell_timeout=7.5))
    assert [(q.qid, q.points, q.max_points, q.status, q.answer) for q in result.questions.values()] == [
        ("hw6_q1", 1, 1, "correct", "5"), ("hw6_q2", 0, 1, "wrong", "[x, y]"), ("hw6_q3", 0, 1, "error", ""),
        ("hw6_q4", 0, 1, "not_run", ""), ("hw6_q5", 0, 1, "not_run", ""), ("hw6_q6", 0, 1, "not_run", ""),
        ("hw6_q7", 0, 1, "not_run", ""),
        ("hw6_q8", None, 2, "recorded", "(opinion, NATO grew. It grew again. It grew once more.)")]
    lines = {q.qid: q.line for q in result.questions.values()}
    assert lines["hw6_q1"] == "✅ hw6_q1: correct"
    assert lines["hw6_q2"] == session.feedback_line("hw6_q2", HW, wrong)
    assert lines["hw6_q3"] == "❌ hw6_q3: your answer cell stopped with an error: NameError: name 'x' is not defined"
    assert lines["hw6_q4"] == "❌ hw6_q4: your answer cell ran longer than 7.5 s (an endless loop?) and was stopped."
    assert lines["hw6_q5"] == "❌ hw6_q5: your answer cell went over the sandbox's limit on memory and was stopped."
    assert lines["hw6_q6"] == "❌ hw6_q6: Python stopped while running your answer cell (os._exit? too much memory?)."
    assert lines["hw6_q7"] == "❌ hw6_q7: not graded"
    assert lines["hw6_q8"].startswith("📝 hw6_q8: recorded (3 sentences)")
    assert result.notes == [
        "the homework's own setup code failed (ImportError: pandas); please tell your teacher.",
        "Python was restarted after a cell ran too long or stopped it; the later questions were still graded.",
        "hw6_q3: your answer cell stopped with an error: NameError: name 'x' is not defined"]
    assert result.written == {"hw6_q8": {"verdict": "opinion", "text": WRITTEN_ANSWER[1]}}
    assert result.status == "partial" and result.total == 1 and result.max_total == 9
    assert expectations.calls == [("hw6_q1", "U-1", answers.to_plain(5)), ("hw6_q2", "U-1", answers.to_plain(["x", "y"])),
                                  ("hw6_q8", "U-1", answers.to_plain(WRITTEN_ANSWER))]
    assert result.contained is True and result.flags == []


@pytest.mark.parametrize("problem, note", [
    ("timeout", ("grading was stopped after 8 s: the whole notebook ran too long; the questions it did not reach "
                 "count as unanswered.")),
    ("output", ("the answers were too large to read back completely; the questions after that point count as "
                "unanswered.")),
    ("failed", "the notebook could not be run (the sandbox did not start)."),
])
def test_a_stopped_run_says_why_and_keeps_what_was_graded(hw, problem, note):
    result = fresh()
    grader._judge_run(result, hw, Scripted(), run_of([ok("hw6_q1", 1)], problem), Options(total_timeout=8))
    assert result.notes == [note]
    assert result.status == "partial" and result.questions["hw6_q1"].points == 1
    assert result.questions["hw6_q2"].line == "❌ hw6_q2: not graded"


def test_a_failed_setup_alone_is_not_a_restart(hw):
    result = fresh()
    grader._judge_run(result, hw, Scripted(), run_of([ok(q, 1) for q in QIDS] + [{"event": "setup_error", "error": "E"}]),
                      Options())
    assert result.notes == ["the homework's own setup code failed (E); please tell your teacher."]


def test_a_run_that_gave_nothing_back_is_an_error_row(hw):
    result = fresh()
    grader._judge_run(result, hw, Scripted(), run_of([{"event": "restarted", "error": ""}], "timeout"), Options())
    assert result.status == "error" and result.questions == {} and result.total == 0
    quiet = fresh()
    grader._judge_run(quiet, hw, Scripted(), run_of([]), Options())
    assert quiet.status == "partial" and len(quiet.questions) == 8


def test_all_points_earned_is_ok_while_the_written_answer_waits(hw):
    expectations = Scripted({"hw6_q8": judge.Outcome("recorded", "check.recorded", {"n": 3})})
    result = fresh()
    grader._judge_run(result, hw, expectations, run_of([ok(q, 1) for q in QIDS[:7]] + [ok("hw6_q8", WRITTEN_ANSWER)]),
                      Options())
    assert result.status == "ok" and result.total == 7 and result.questions["hw6_q8"].points is None


def test_all_blank_is_not_attempted(hw):
    result = fresh()
    grader._judge_run(result, hw, Scripted(default=judge.Outcome("blank", "check.no_answer")),
                      run_of([ok(q, ...) for q in QIDS]), Options())
    assert result.status == "not attempted"
    assert [q.status for q in result.questions.values()] == ["blank"] * 8
    one_done = fresh()
    grader._judge_run(one_done, hw, Scripted({"hw6_q1": judge.Outcome("correct")},
                                             default=judge.Outcome("blank", "check.no_answer")),
                      run_of([ok(q, ...) for q in QIDS]), Options())
    assert one_done.status == "partial"


@pytest.mark.parametrize("contained, flags", [(False, ["processes not confirmed stopped"]), (None, []), (True, [])])
def test_processes_that_may_still_run_are_flagged(hw, contained, flags):
    result = fresh()
    grader._judge_run(result, hw, Scripted(), run_of([ok(q, 1) for q in QIDS], contained=contained), Options())
    assert result.flags == flags and result.contained is contained


def test_lines_are_in_the_notebooks_language(hw, monkeypatch):
    made_up = {"check.correct": "OK {qid}", "grade.line_error": "E {qid} {error}", "grade.line_timeout": "T {qid} {seconds}",
               "grade.line_limit": "L {qid} {what}", "grade.limit.processes": "P", "grade.line_dead": "D {qid}", "grade.not_graded": "N {qid}",
               "check.line_blank": "B {qid}"}
    real = i18n.catalogue
    monkeypatch.setattr(i18n, "catalogue", lambda lang: made_up if lang == "xx" else real(lang))
    records = [ok("hw6_q1", 1), {"qid": "hw6_q2", "status": "error", "error": "x"}, {"qid": "hw6_q3", "status": "timeout"},
               {"qid": "hw6_q4", "status": "limit:processes"}, {"qid": "hw6_q5", "status": "dead"}]
    result = fresh(lang="xx")
    grader._judge_run(result, hw, Scripted(), run_of(records), Options(cell_timeout=60))
    assert [q.line for q in result.questions.values()] == ["OK hw6_q1", "E hw6_q2 x", "T hw6_q3 60", "L hw6_q4 P",
                                                           "D hw6_q5", "N hw6_q6", "N hw6_q7", "N hw6_q8"]
    blank = fresh(lang="xx")
    grader._fill_blank(blank, hw)
    assert [q.line for q in blank.questions.values()] == [f"B {q}" for q in QIDS]


def test_a_blank_submission_is_filled_without_running(hw):
    result = fresh()
    grader._fill_blank(result, hw)
    assert result.status == "not attempted"
    assert [(q.qid, q.points, q.max_points, q.status) for q in result.questions.values()] == [
        (q, 0, 2 if q == "hw6_q8" else 1, "blank") for q in QIDS]
    assert result.questions["hw6_q1"].line == (
        "❌ hw6_q1: no answer yet - replace the ... after answer = with your answer.")


@pytest.mark.parametrize("plain, parts", [
    (answers.to_plain(("opinion", "x" * 6000)), ("opinion", "x" * 5000)),
    (answers.to_plain({"verdict": "Wrong", "text": "t"}), ("wrong", "t")),
    (answers.to_plain("opinion"), ("", "")), (answers.to_plain(("maybe", "t")), ("", "")),
    (answers.to_plain(("opinion", 5)), ("", "")),
])
def test_written_parts_for_the_review_sheet(plain, parts):
    assert grader._written_parts(plain) == parts


@pytest.mark.parametrize("value, text", [
    (32, "32"), (2.5, "2.5"), ("Poland", "Poland"), (True, "True"), ([1, "a"], "[1, a]"), ((1, "a"), "(1, a)"),
    (list(range(13)), "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11…]"), (list(range(12)), "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]"),
    (__import__("datetime").timedelta(days=178), "178 days"), (__import__("datetime").timedelta(hours=36), "1.5 days"),
    ({"a": 1}, "<dict>"), (None, "<none>"), (..., "<ellipsis>"), ("a   b\n c", "a b c"), ("x" * 120, "x" * 120),
    ("x" * 121, "x" * 119 + "…"),
])
def test_answers_are_rendered_on_one_short_line(value, text):
    assert grader._render_answer(answers.to_plain(value)) == text


def test_figures_and_nothing_are_rendered_too():
    assert grader._render_answer(None) == ""
    figure = {"t": "figure", "data": [{"type": "bar"}, {}, {"type": "bar"}, "junk"], "layout": {}}
    assert grader._render_answer(figure) == "<figure: 4 bar/scatter traces>"
    assert grader._render_answer({"t": "figure", "data": [], "layout": {}}) == "<figure: 0 no traces>"


# --------------------------------------------------------------------------------------------------
# Expected answers: the student's variant and order
# --------------------------------------------------------------------------------------------------


def student_with_variant(qid, n, wanted):
    return next(s for s in (f"U{k}" for k in range(500)) if variants.variant_index(HW, s, qid, n) == wanted)


def test_the_plain_judge_picks_the_students_variant(hw, monkeypatch):
    spec = hw.question("hw6_q1").spec
    entries = {"hw6_q1": [judge.encode(spec, answers.to_plain(v)) for v in (10, 20, 30)]}
    monkeypatch.setattr(expected, "expected_entries", lambda h: entries)
    expectations = grader.Expected()
    for variant, value in enumerate((10, 20, 30)):
        student = student_with_variant("hw6_q1", 3, variant)
        assert expectations.judge(hw, "hw6_q1", student, answers.to_plain(value)).correct
        other = (10, 20, 30)[(variant + 1) % 3]
        assert not expectations.judge(hw, "hw6_q1", student, answers.to_plain(other)).correct


def test_a_choice_is_judged_in_the_students_order(hw, monkeypatch):
    options = hw.public_options("hw6_q6")
    entries = {"hw6_q6": [judge.encode(hw.question("hw6_q6").spec, answers.to_plain("a"), options=options)]}
    monkeypatch.setattr(expected, "expected_entries", lambda h: entries)
    right = next(i for i, text in enumerate(options) if any(o["text"] == text and o.get("right")
                                                            for o in hw.question("hw6_q6").spec["options"]))
    for student in ("U1", "U2", "U3", "U4"):
        order = variants.permutation(HW, student, "hw6_q6", len(options))
        letter = variants.LETTERS[order.index(right)]
        for expectations in (grader.Expected(), grader.FormativeExpected()):
            assert expectations.judge(hw, "hw6_q6", student, answers.to_plain(letter)).correct, student
            wrong = variants.LETTERS[(order.index(right) + 1) % len(options)]
            assert not expectations.judge(hw, "hw6_q6", student, answers.to_plain(wrong)).correct


def test_the_formative_judge_uses_the_shipped_key(hw):
    """Two students with different variants: each one's right count (found in their own hashed entry) is right for
    them only."""
    key = keys.key_files()[HW]["questions"]
    n = len(key["hw6_q1"])
    expectations = grader.FormativeExpected()
    assert expectations.entries(hw) == key

    def right_count(student):
        entry = key["hw6_q1"][variants.variant_index(HW, student, "hw6_q1", n)]
        return next(k for k in range(40) if judge.judge(entry, answers.to_plain(k), salt=hw.salt).correct)

    first = "U1"
    second = next(s for s in (f"U{k}" for k in range(2, 200)) if right_count(s) != right_count(first))
    for student, other in ((first, second), (second, first)):
        assert expectations.judge(hw, "hw6_q1", student, answers.to_plain(right_count(student))).correct
        assert not expectations.judge(hw, "hw6_q1", student, answers.to_plain(right_count(other))).correct
    assert expectations.judge(hw, "hw6_q1", first, answers.to_plain(...)).status == "blank"


def test_expected_answers_are_computed_once_per_homework(hw, monkeypatch):
    calls = []
    monkeypatch.setattr(expected, "expected_entries", lambda h: calls.append(h.name) or {"x": []})
    expectations = grader.Expected()
    assert expectations.entries(hw) == {"x": []} and expectations.entries(hw) == {"x": []}
    assert calls == [HW]


def test_a_failed_trusted_run_or_a_missing_key_is_a_grading_error(hw, monkeypatch):
    def fail(h):
        raise expected.TrustedRunError("cell 3 raised")

    monkeypatch.setattr(expected, "expected_entries", fail)
    with pytest.raises(GradingError) as refused:
        grader.Expected().entries(hw)
    assert str(refused.value) == f"the solution of {HW} could not be run: cell 3 raised"
    monkeypatch.setattr(keys, "key_files", dict)
    with pytest.raises(GradingError) as refused:
        grader.FormativeExpected().entries(hw)
    assert str(refused.value) == f"the answer key of {HW} could not be read (KeyError)"


# --------------------------------------------------------------------------------------------------
# grade_notebook and grade_folder, with a stand-in sandbox
# --------------------------------------------------------------------------------------------------


class FakeSandbox:
    """Records the job it is given and hands back one ``ok`` line per answer cell, valued by ``values``."""

    def __init__(self, values=None, problem=None):
        self.values, self.problem, self.jobs = values or {}, problem, []

    def __call__(self, job, limits, total_timeout, sandbox=True, **kwargs):
        self.jobs.append({"job": job, "limits": limits, "total_timeout": total_timeout, "sandbox": sandbox})
        records = [ok(c["qid"], self.values.get(c["qid"], 1)) for c in job["cells"] if c["role"] == "answer"]
        return run_of(records, self.problem)


@pytest.fixture()
def fake_sandbox(monkeypatch):
    fake = FakeSandbox()
    monkeypatch.setattr(sandbox, "run", fake)
    monkeypatch.setattr(sandbox, "check_available", lambda: None)
    return fake


def test_grade_notebook_runs_the_students_answers_after_the_trusted_run(homeworks, fake_sandbox, monkeypatch):
    order = []
    expectations = Scripted({"hw6_q8": judge.Outcome("recorded", "check.recorded", {"n": 3})})
    expectations.entries = lambda hw: order.append("trusted run") or {}
    fake_sandbox.values = {"hw6_q8": WRITTEN_ANSWER}
    real_run = sandbox.run

    def run(*args, **kwargs):
        order.append("student code")
        return real_run(*args, **kwargs)

    monkeypatch.setattr(sandbox, "run", run)
    options = Options(cell_timeout=12, total_timeout=34, sandbox=False)
    result = grader.grade_notebook(FIXTURES / "good.ipynb", homeworks, HW, options, "folder/good.ipynb", expectations)
    assert order == ["trusted run", "student code"]
    assert (result.file, result.homework, result.student, result.status) == ("folder/good.ipynb", HW, "good", "ok")
    assert result.total == 7 and result.max_total == 9 and result.seconds > 0 and result.lang is None
    (call,) = fake_sandbox.jobs
    assert call["total_timeout"] == 34 and call["sandbox"] is False and call["limits"] is options.limits
    job = call["job"]
    assert job["homework"] == HW and job["cell_timeout"] == 12
    assert [c["role"] for c in job["cells"]][:2] == ["setup", "start"]
    assert job["cells"][1]["source"] == f"hw = irc.homework.start('{HW}', student='good')"
    nb = submission()
    assert [(c["qid"], c["source"]) for c in job["cells"] if c["role"] == "answer"] == [
        (q, "".join(answer_cell(nb, q)["source"])) for q in QIDS]
    assert [(c["qid"], c["source"]) for c in job["cells"] if c["role"] == "question"] == [
        (q, f'q = hw.show("{q}")') for q in ("hw6_q1", "hw6_q2", "hw6_q5", "hw6_q6")]


def test_grade_notebook_defaults(homeworks, fake_sandbox, monkeypatch):
    made = []

    class Recording(Scripted):
        def __init__(self):
            super().__init__()
            made.append(self)

    monkeypatch.setattr(grader, "Expected", Recording)
    result = grader.grade_notebook(str(FIXTURES / "good.ipynb"), homework=HW)
    assert result.file == str(FIXTURES / "good.ipynb") and result.homework == HW
    assert len(made) == 1 and len(made[0].calls) == 8
    (call,) = fake_sandbox.jobs
    assert call["sandbox"] is True and call["total_timeout"] == grader.DEFAULT_TOTAL_TIMEOUT
    assert call["job"]["cell_timeout"] == grader.DEFAULT_CELL_TIMEOUT


def test_grade_notebook_keeps_merge_notes_and_timings(homeworks, fake_sandbox, tmp_path, monkeypatch):
    nb = submission()
    original = answer_cell(nb, "hw6_q2")
    nb["cells"].insert(nb["cells"].index(original) + 1, copy.deepcopy(original))
    (tmp_path / "dup.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    homeworks[HW].question("hw6_q1").spec["points"] = 3  # the homework given is the one graded
    fake_sandbox.problem = None
    real = fake_sandbox.__call__

    def slow_q3(job, *args, **kwargs):
        run = real(job, *args, **kwargs)
        run.records[2] = {"qid": "hw6_q3", "status": "timeout", "round": 0}
        return run

    monkeypatch.setattr(sandbox, "run", slow_q3)
    clock = iter([100.0, 102.5, 105.0, 107.5])
    monkeypatch.setattr(grader.time, "perf_counter", lambda: next(clock))
    result = grader.grade_notebook(tmp_path / "dup.ipynb", homeworks, HW, Options(cell_timeout=12),
                                   expectations=Scripted())
    assert result.notes == ["hw6_q2: 2 answer cells were found; the one with your work was graded."]
    assert result.questions["hw6_q3"].line == (
        "❌ hw6_q3: your answer cell ran longer than 12 s (an endless loop?) and was stopped.")
    assert result.max_total == 11 and result.seconds == 2.5


def test_error_and_blank_rows_are_timed_too(homeworks, fake_sandbox, tmp_path, monkeypatch):
    clock = iter([10.0, 11.5, 20.0, 20.25])
    monkeypatch.setattr(grader.time, "perf_counter", lambda: next(clock))
    (tmp_path / "broken.ipynb").write_text("{")
    assert grader.grade_notebook(tmp_path / "broken.ipynb", homeworks, HW).seconds == 1.5
    assert grader.grade_notebook(FIXTURES / "blank.ipynb", homeworks, HW, expectations=Scripted()).seconds == 0.25


def test_a_notebook_known_by_its_file_name_only_is_graded(homeworks, fake_sandbox, tmp_path):
    nb = submission()
    nb["metadata"] = {}
    for cell in nb["cells"]:
        cell["metadata"] = {}
    (tmp_path / "06_alice.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    result = grader.grade_notebook(tmp_path / "06_alice.ipynb", homeworks, expectations=Scripted())
    assert (result.homework, result.status, result.student) == (HW, "ok", "good")


def test_a_blank_submission_is_not_run(homeworks, fake_sandbox):
    expectations = Scripted()
    result = grader.grade_notebook(FIXTURES / "blank.ipynb", homeworks, HW, expectations=expectations)
    assert fake_sandbox.jobs == [] and expectations.entry_calls == 1
    assert result.status == "not attempted" and result.total == 0 and len(result.questions) == 8
    assert result.seconds > 0


def test_a_submission_without_a_student_id_is_flagged(homeworks, fake_sandbox, tmp_path):
    nb = submission()
    start_cell(nb)["source"] = 'hw = irc.homework.start("06")'
    (tmp_path / "anon.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    result = grader.grade_notebook(tmp_path / "anon.ipynb", homeworks, expectations=Scripted())
    assert result.student == "" and result.flags == ["no student id"] and result.homework == HW
    assert result.notes == [('no student id in the first cell (student="..."): the questions were graded for the '
                             'blank id, so personalised answers cannot match.')]
    assert "student=''" in fake_sandbox.jobs[0]["job"]["cells"][1]["source"]


def test_a_translated_notebook_gets_its_language(homeworks, fake_sandbox, tmp_path):
    nb = submission()
    nb["metadata"]["ircourse"]["translation"] = {"language": "ru"}
    (tmp_path / "ru.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    result = grader.grade_notebook(tmp_path / "ru.ipynb", homeworks, HW, expectations=Scripted())
    assert result.lang == "ru" and result.questions["hw6_q1"].line == "✅ hw6_q1: верно"


@pytest.mark.parametrize("homework, edit, message, graded_as", [
    ("01_why_ir_exists", None, f"this is homework {HW}, not 01_why_ir_exists.", "01_why_ir_exists"),
    (None, "anonymous", "could not tell which homework this notebook is.", None),
    (None, "no answers", f"none of the answer cells of homework {HW} were found: is this the right file?", None),
    (HW, "no answers", f"none of the answer cells of homework {HW} were found: is this the right file?", HW),
])
def test_submissions_that_cannot_be_graded_are_error_rows(homeworks, fake_sandbox, tmp_path, homework, edit, message,
                                                          graded_as):
    nb = submission()
    if edit == "anonymous":
        nb = {"cells": [], "metadata": {}}
    elif edit == "no answers":
        nb["cells"] = [c for c in nb["cells"] if authoring.cell_role(c)[0] != "answer"]
    path = tmp_path / "alice.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    result = grader.grade_notebook(path, homeworks, homework, expectations=Scripted())
    assert (result.status, result.notes, result.homework, result.student) == ("error", [message], graded_as, "")
    assert result.file == str(path) and result.questions == {} and result.seconds > 0
    assert fake_sandbox.jobs == []


def test_build_job_lists_setup_start_questions_and_answers(hw):
    sources = {q: f"answer = {n}" for n, q in enumerate(QIDS)}
    job = grader.build_job(hw, "U-1", sources, 9.5)
    assert set(job) == {"homework", "cell_timeout", "cells"}
    assert job["homework"] == HW and job["cell_timeout"] == 9.5
    assert job["cells"][0] == {"role": "setup", "source": expected.setup_cells(hw)[0]}
    assert job["cells"][1] == {"role": "start", "source": f"hw = irc.homework.start('{HW}', student='U-1')"}
    assert job["cells"][2:5] == [{"role": "question", "qid": "hw6_q1", "source": 'q = hw.show("hw6_q1")'},
                                 {"role": "answer", "qid": "hw6_q1", "source": "answer = 0"},
                                 {"role": "question", "qid": "hw6_q2", "source": 'q = hw.show("hw6_q2")'}]
    assert [c["qid"] for c in job["cells"] if c["role"] == "answer"] == QIDS


@pytest.fixture()
def class_folder(tmp_path):
    folder = tmp_path / "subs"
    (folder / "alice").mkdir(parents=True)
    shutil.copy(FIXTURES / "good.ipynb", folder / "alice" / "good.ipynb")
    shutil.copy(FIXTURES / "blank.ipynb", folder / "blank.ipynb")
    shutil.copy(FIXTURES / "broken_json.ipynb", folder / "broken.ipynb")
    (folder / "x.ipynb").mkdir()
    return folder


def test_grade_folder_gives_every_entry_a_row_in_name_order(class_folder, fake_sandbox, monkeypatch, capsys):
    monkeypatch.setattr(grader, "Expected", Scripted)
    checked = []
    monkeypatch.setattr(sandbox, "check_available", lambda: checked.append(True))
    seen = []
    results = grader.grade_folder(class_folder, jobs=2, on_result=seen.append, roster={"good"})
    assert [r.file for r in results] == ["alice/good.ipynb", "blank.ipynb", "broken.ipynb", "x.ipynb"]
    assert [r.status for r in results] == ["ok", "not attempted", "error", "error"]
    assert all(r.homework == HW for r in results)
    assert results[3].notes == ["this entry is not a notebook file (a folder named like one?)."]
    assert sorted(r.file for r in seen) == sorted(r.file for r in results) and checked == [True]
    assert results[0].flags == [] and results[1].flags == ["id not in roster"]  # the blank one is "blank"
    err = capsys.readouterr().err
    assert err.count("\n") == 4 and "[##############################] 4/4" in err


def test_grade_folder_without_the_sandbox_does_not_ask_for_it(class_folder, fake_sandbox, monkeypatch, capsys):
    monkeypatch.setattr(grader, "Expected", Scripted)
    monkeypatch.setattr(sandbox, "check_available", lambda: pytest.fail("the sandbox was checked"))
    results = grader.grade_folder(class_folder, HW, options=Options(sandbox=False), progress=False, roster={"u1"})
    assert fake_sandbox.jobs[0]["sandbox"] is False
    assert results[0].flags == ["id not in roster"]
    assert capsys.readouterr().err == ""  # no progress bar


def test_grade_folder_uses_the_homeworks_given_and_one_trusted_run(class_folder, homeworks, fake_sandbox, monkeypatch):
    monkeypatch.setattr(grader, "Expected", Scripted)
    monkeypatch.setattr(Scripted, "made", 0)
    homeworks[HW].question("hw6_q1").spec["points"] = 3  # a homework edited by the teacher, not the installed one
    results = grader.grade_folder(class_folder, HW, homeworks=homeworks, progress=False)
    assert [r.max_total for r in results] == [11, 11, 0, 0]
    assert Scripted.made == 1


def test_a_bug_while_grading_one_file_keeps_its_row(class_folder, fake_sandbox, monkeypatch):
    monkeypatch.setattr(grader, "Expected", Scripted)
    real = grader.grade_notebook

    def flaky(path, *args, **kwargs):
        if path.name == "good.ipynb":
            raise RuntimeError("boom")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(grader, "grade_notebook", flaky)
    results = grader.grade_folder(class_folder, progress=False)
    assert (results[0].status, results[0].notes, results[0].homework) == (
        "error", ["the notebook could not be run (RuntimeError: boom)."], HW)

    def unavailable(*args, **kwargs):
        raise sandbox.SandboxUnavailable("no bubblewrap")

    monkeypatch.setattr(grader, "grade_notebook", unavailable)
    with pytest.raises(sandbox.SandboxUnavailable):
        grader.grade_folder(class_folder, progress=False)


def test_grade_folder_refuses_bad_requests(tmp_path, class_folder, fake_sandbox, monkeypatch):
    monkeypatch.setattr(grader, "Expected", Scripted)
    with pytest.raises(GradingError, match="is not a folder"):
        grader.grade_folder(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(GradingError, match="no .ipynb files under"):
        grader.grade_folder(tmp_path / "empty")
    with pytest.raises(GradingError) as refused:
        grader.grade_folder(class_folder, "99_nothing", homeworks={HW: None})
    assert str(refused.value) == f"unknown homework '99_nothing'; known: {HW}"
    with pytest.raises(GradingError, match="known: none"):
        grader.grade_folder(class_folder, "99_nothing", homeworks={})
    with pytest.raises(GradingError) as refused:
        grader.grade_folder(class_folder, "99_nothing", homeworks={HW: None, "01_why_ir_exists": None})
    assert str(refused.value) == f"unknown homework '99_nothing'; known: 01_why_ir_exists, {HW}"


def test_the_majority_homework_is_graded(homeworks, tmp_path):
    for n in range(2):
        shutil.copy(FIXTURES / "good.ipynb", tmp_path / f"g{n}.ipynb")
    shutil.copy(FIXTURES / "wrong_homework.ipynb", tmp_path / "a_first.ipynb")  # one vote for homework 03, read first
    (tmp_path / "broken.ipynb").write_text("{")
    entries = grader.find_submissions(tmp_path)
    assert grader.majority_homework(entries, homeworks) == HW
    (tmp_path / "01_bare.ipynb").write_text('{"cells": []}')  # known by its file name only
    bare = [e for e in grader.find_submissions(tmp_path) if e.name == "01_bare.ipynb"]
    assert grader.majority_homework(bare, homeworks) == "01_why_ir_exists"
    with pytest.raises(GradingError) as refused:
        grader.majority_homework([e for e in entries if e.name == "broken.ipynb"], homeworks)
    assert str(refused.value) == "could not tell which homework these notebooks are; pass --homework NAME"


def test_load_homeworks_skips_broken_solutions_with_a_warning(tmp_path):
    """A solution that breaks the conventions, or that nbformat cannot even convert (was a traceback: fixed)."""
    shutil.copy(SOLUTIONS / f"{HW}.ipynb", tmp_path)
    (tmp_path / "09_broken.ipynb").write_text('{"cells": "none"}', encoding="utf-8")
    nb = json.loads((SOLUTIONS / f"{HW}.ipynb").read_text(encoding="utf-8"))
    nb["cells"] = [c for c in nb["cells"] if "homework-start" not in c.get("metadata", {}).get("tags", [])]
    (tmp_path / "07_no_start.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    reasons = {}
    for name in ("07_no_start", "09_broken"):
        try:
            authoring.read_solution(tmp_path / f"{name}.ipynb")
        except Exception as exc:  # noqa: BLE001 - whatever it is, load_homeworks must turn it into a warning
            reasons[name] = str(exc).splitlines()[0]
    assert sorted(reasons) == ["07_no_start", "09_broken"]
    with pytest.warns(UserWarning) as warned:
        loaded = grader.load_homeworks(tmp_path)
    assert list(loaded) == [HW]
    assert [str(w.message) for w in warned] == [f"skipping the homework {name}: {reasons[name]}"
                                                for name in ("07_no_start", "09_broken")]
    assert not any(w.filename.endswith("grader.py") for w in warned)  # reported at the caller, not in the grader


def test_progress_lines():
    out = io.StringIO()
    bar = grader.Progress(3, stream=out)
    result = SubmissionResult("a.ipynb", HW, questions={"q": QuestionResult("q", 1, 2, "")}, status="partial")
    bar.update(result)
    bar.update(SubmissionResult("b.ipynb", HW))
    assert out.getvalue() == ("[##########--------------------] 1/3  a.ipynb: 1/2 partial\n"
                              "[####################----------] 2/3  b.ipynb: - error\n")


def test_progress_on_a_terminal_redraws_one_line():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    out = Terminal()
    bar = grader.Progress(2, stream=out)
    bar.update(SubmissionResult("a.ipynb", HW))
    bar.update(SubmissionResult("b.ipynb", HW))
    assert out.getvalue() == ("\r\x1b[K[###############---------------] 1/2  a.ipynb: - error"
                              "\r\x1b[K[##############################] 2/2  b.ipynb: - error\n")
    quiet = grader.Progress(2, stream=out, enabled=False)
    quiet.update(SubmissionResult("c.ipynb", HW))
    assert quiet.done == 1 and out.getvalue().count("c.ipynb") == 0
    assert grader.Progress(0, stream=io.StringIO()).total == 0


def test_progress_on_any_writable_stream():
    class Plain:
        def __init__(self):
            self.text = ""

        def write(self, text):
            self.text += text

        def flush(self):
            pass

    out = Plain()
    bar = grader.Progress(1, stream=out)
    bar.update(SubmissionResult("a.ipynb", HW))
    assert out.text == "[##############################] 1/1  a.ipynb: - error\n"


def test_the_gradebook_message_is_one_capped_line():
    result = SubmissionResult("a.ipynb", HW, notes=["first  note\nwith lines", "second"])
    assert result.message == "first note with lines | second"
    long = SubmissionResult("a.ipynb", HW, notes=["x" * 500])
    assert long.message == "x" * 399 + "…"
