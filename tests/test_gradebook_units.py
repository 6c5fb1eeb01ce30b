"""The gradebook, the answers tables and the feedback files, written from hand-made results (no grading run).

Expected cells and texts are written from the documented format (module docstring of
:mod:`ircourse.homework.gradebook`) and the English catalogue; file names of colliding feedback files
are recomputed with :mod:`hashlib`.
"""

from __future__ import annotations

import csv
import hashlib

import pytest

from ircourse import i18n
from ircourse.homework import gradebook
from ircourse.homework.grader import GradingError, QuestionResult, SubmissionResult

QIDS = ["q1", "q2", "q3"]


def graded(file="alice.ipynb", **kwargs):
    """A partial result: q1 right (1 of 1), q2 wrong (0 of 2), q3 written (pending, 1 possible)."""
    questions = {
        "q1": QuestionResult("q1", 1, 1, "✅ q1: correct", "correct", "32"),
        "q2": QuestionResult("q2", 0, 2, "❌ q2: not yet", "wrong", "-178"),
        "q3": QuestionResult("q3", None, 1, "📝 q3: recorded", "recorded", "(opinion, ...)"),
    }
    values = {"homework": "06_hw", "student": "U-1", "questions": questions, "status": "partial",
              "notes": ["q2: 2 answer cells were found; the one with your work was graded."],
              "flags": ["id not in roster"],
              "written": {"q3": {"verdict": "opinion", "text": "=It is an opinion. It is. Yes it is."}}}
    values.update(kwargs)
    return SubmissionResult(file, **values)


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


# --------------------------------------------------------------------------------------------------
# Cells and rows
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["=1+1", "+1", "-178", "@SUM(A1)", "\tx", "\rx", "Poland", "", "'quoted", "a=b",
                                  "x'", "'", "''=", "=", "-"])
def test_escaping_round_trips(text):
    escaped = gradebook.escape_cell(text)
    assert not escaped.startswith(gradebook._FORMULA_START)
    assert gradebook.unescape_cell(escaped) == text


def test_unescape_only_undoes_the_escape():
    assert gradebook.unescape_cell("'=SUM(A1:A3)") == "=SUM(A1:A3)"
    assert gradebook.unescape_cell("'-1") == "-1"
    assert gradebook.unescape_cell("'quoted") == "'quoted"
    assert gradebook.unescape_cell("Poland") == "Poland"
    assert gradebook.unescape_cell("'") == "'"


def test_row_of_a_graded_submission():
    result = graded("=HYPERLINK(1).ipynb", flags=["no student id", "id not in file name"])
    assert gradebook.row(result, QIDS) == ["'=HYPERLINK(1).ipynb", "U-1", "1", "0", "", "1", "4", "partial",
                                           "no student id; id not in file name", result.message]


def test_row_leaves_empty_what_was_not_scored():
    result = graded()
    del result.questions["q2"]
    assert gradebook.row(result, QIDS + ["q9"])[2:8] == ["1", "", "", "", "1", "2"]
    half = graded(questions={"q1": QuestionResult("q1", 0.5, 1.5, "line")})
    assert gradebook.row(half, ["q1"])[2:5] == ["0.5", "0.5", "1.5"]


def test_row_of_an_error():
    error = SubmissionResult("broken.ipynb", "06_hw", status="error", notes=["not valid JSON"])
    assert gradebook.row(error, QIDS) == ["broken.ipynb", "", "", "", "", "", "", "error", "", "not valid JSON"]


def test_row_of_a_blank_submission_keeps_its_zeros():
    blank = graded(status="not attempted", questions={q: QuestionResult(q, 0, 1, "line", "blank") for q in QIDS},
                   flags=[], notes=[])
    assert gradebook.row(blank, QIDS) == ["alice.ipynb", "U-1", "0", "0", "0", "0", "3", "not attempted", "", ""]


# --------------------------------------------------------------------------------------------------
# Feedback text, in the student's language
# --------------------------------------------------------------------------------------------------


def test_feedback_text_in_english():
    lines = [
        "Feedback on alice.ipynb (homework 06_hw)",
        "Student: U-1",
        "",
        "✅ q1: correct",
        "❌ q2: not yet",
        "📝 q3: recorded",
        "",
        "Score: 1 of 4",
        "Written answers are scored by your teacher; the score above does not include them yet.",
        "",
        "Notes:",
        "- q2: 2 answer cells were found; the one with your work was graded.",
    ]
    assert gradebook.feedback_text(graded()) == "\n".join(lines) + "\n"


def test_feedback_text_of_an_error_row():
    error = SubmissionResult("x.ipynb", None, status="error", notes=["not valid JSON"])
    assert gradebook.feedback_text(error) == "Feedback on x.ipynb (homework ?)\n\nNotes:\n- not valid JSON\n"


def test_feedback_text_without_written_answers_or_notes():
    result = graded(questions={"q1": QuestionResult("q1", 1, 1, "✅ q1: correct")}, notes=[], student="")
    assert gradebook.feedback_text(result) == "Feedback on alice.ipynb (homework 06_hw)\n\n✅ q1: correct\n\nScore: 1 of 1\n"


def test_feedback_text_in_the_students_language(monkeypatch):
    """Every line of the frame is looked up in the notebook's language (a catalogue made up for the test)."""
    made_up = {"grade.feedback_title": "T[{file}|{homework}]", "grade.feedback_student": "S[{student}]",
               "grade.score": "P[{total}/{max}]", "grade.written_pending": "W", "grade.notes": "N"}
    real = i18n.catalogue
    monkeypatch.setattr(i18n, "catalogue", lambda lang: made_up if lang == "xx" else real(lang))
    lines = ["T[alice.ipynb|06_hw]", "S[U-1]", "", "✅ q1: correct", "❌ q2: not yet", "📝 q3: recorded", "", "P[1/4]",
             "W", "", "N", "- q2: 2 answer cells were found; the one with your work was graded."]
    assert gradebook.feedback_text(graded(lang="xx")) == "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------------
# Feedback file names
# --------------------------------------------------------------------------------------------------


def short_digest(path):
    return hashlib.sha256(path.encode("utf-8")).hexdigest()[:8]


def test_feedback_names_flatten_folders_and_drop_the_suffix():
    results = [SubmissionResult(f, "h") for f in ("bob.ipynb", "LOUD.IPYNB", "group/ana.ipynb", "w\\in:x.ipynb",
                                                  "notes.ipynb.ipynb", "ipynb")]
    assert gradebook.feedback_names(results) == {
        "bob.ipynb": "bob.txt", "LOUD.IPYNB": "LOUD.txt", "group/ana.ipynb": "group__ana.txt",
        "w\\in:x.ipynb": "w__in__x.txt", "notes.ipynb.ipynb": "notes.ipynb.txt", "ipynb": "ipynb.txt"}


def test_colliding_feedback_names_get_a_digest_of_their_path():
    """alice/hw and alice__hw flatten alike; so do Bob and bob on a case-insensitive disk."""
    files = ["alice/hw.ipynb", "alice__hw.ipynb", "Bob.ipynb", "bob.IPYNB", "carol.ipynb", "Ünal/é.ipynb", "Ünal__é.ipynb"]
    names = gradebook.feedback_names([SubmissionResult(f, "h") for f in files])
    assert names == {
        "alice/hw.ipynb": f"alice__hw-{short_digest('alice/hw.ipynb')}.txt",
        "alice__hw.ipynb": f"alice__hw-{short_digest('alice__hw.ipynb')}.txt",
        "Bob.ipynb": f"Bob-{short_digest('Bob.ipynb')}.txt",
        "bob.IPYNB": f"bob-{short_digest('bob.IPYNB')}.txt",
        "carol.ipynb": "carol.txt",
        "Ünal/é.ipynb": f"Ünal__é-{short_digest('Ünal/é.ipynb')}.txt",
        "Ünal__é.ipynb": f"Ünal__é-{short_digest('Ünal__é.ipynb')}.txt",
    }
    assert len({n.lower() for n in names.values()}) == len(files)


# --------------------------------------------------------------------------------------------------
# Output places
# --------------------------------------------------------------------------------------------------


@pytest.fixture()
def subs(tmp_path):
    folder = tmp_path / "subs"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("out, feedback, words", [
    ("subs/g.csv", "fb", "--out subs/g.csv is inside the submissions folder"),
    ("subs", "fb", "--out subs is inside the submissions folder"),
    ("subs/../subs/deep/g.csv", "fb", "is inside the submissions folder"),
    ("g.csv", "subs/fb", "--feedback subs/fb is inside the submissions folder"),
    ("g.csv", "subs", "--feedback subs is inside the submissions folder"),
    ("a_folder", "fb", "--out a_folder is a folder"),
    ("grades.IPYNB", "fb", "--out grades.IPYNB names a notebook"),
    ("g.csv", "a_file", "--feedback a_file is a file"),
    ("a_file/g.csv", "fb", "cannot create"),
    ("g.csv", "a_file/fb", "cannot create"),
])
def test_bad_output_places_are_refused(tmp_path, subs, monkeypatch, out, feedback, words):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a_folder").mkdir()
    (tmp_path / "a_file").write_text("x")
    with pytest.raises(GradingError) as refused:
        gradebook.check_targets(subs, tmp_path / out if out.startswith("subs/..") else out, feedback)
    assert words in str(refused.value)


def test_a_link_into_the_submissions_folder_is_inside_it(tmp_path, subs):
    (tmp_path / "link").symlink_to(subs, target_is_directory=True)
    with pytest.raises(GradingError, match="inside the submissions folder"):
        gradebook.check_targets(subs, tmp_path / "link" / "g.csv", tmp_path / "fb")


def test_good_output_places_get_their_parent_folders(tmp_path, subs):
    out, feedback = tmp_path / "t" / "2025" / "g.csv", tmp_path / "u" / "v" / "fb"
    assert gradebook.check_targets(subs, out, feedback) is None
    assert out.parent.is_dir() and feedback.parent.is_dir()
    assert not out.exists() and not feedback.exists()  # only the parents; nothing is written yet
    (tmp_path / "fb_here").mkdir()
    assert gradebook.check_targets(subs, tmp_path / "g.CSV", tmp_path / "fb_here") is None


# --------------------------------------------------------------------------------------------------
# Writing and reading back
# --------------------------------------------------------------------------------------------------


def test_the_writer_appends_each_result_at_once_and_finishes_in_file_order(tmp_path):
    out, feedback = tmp_path / "gradebook.csv", tmp_path / "feedback"
    writer = gradebook.Writer(out, feedback, QIDS)
    assert read_csv(out) == [["file", "student", *QIDS, "total", "max", "status", "flags", "message"]]
    second = graded("b/=two.ipynb", student="U-2", flags=[])
    first = graded("a.ipynb")
    writer.append(second)
    assert read_csv(out)[1] == gradebook.row(second, QIDS)  # on disk before the next submission is graded
    assert (feedback / "b__=two.ipynb.partial.txt").read_text(encoding="utf-8") == gradebook.feedback_text(second)
    writer.append(first)
    written = writer.finish([first, second])
    rows = read_csv(out)
    assert rows[1:] == [gradebook.row(first, QIDS), gradebook.row(second, QIDS)]
    assert not list(feedback.glob("*.partial.txt"))
    assert written == [feedback / "a.txt", feedback / "b__=two.txt"]
    assert [p.read_text(encoding="utf-8") for p in written] == [gradebook.feedback_text(first),
                                                                gradebook.feedback_text(second)]
    assert read_csv(tmp_path / "gradebook_answers.csv") == [
        ["file", "student", "question", "status", "points", "answer"],
        ["a.ipynb", "U-1", "q1", "correct", "1", "32"], ["a.ipynb", "U-1", "q2", "wrong", "0", "'-178"],
        ["a.ipynb", "U-1", "q3", "recorded", "", "(opinion, ...)"],
        ["b/=two.ipynb", "U-2", "q1", "correct", "1", "32"], ["b/=two.ipynb", "U-2", "q2", "wrong", "0", "'-178"],
        ["b/=two.ipynb", "U-2", "q3", "recorded", "", "(opinion, ...)"]]
    assert read_csv(tmp_path / "gradebook_written.csv") == [
        ["file", "student", "question", "verdict", "text"],
        ["a.ipynb", "U-1", "q3", "opinion", "'=It is an opinion. It is. Yes it is."],
        ["b/=two.ipynb", "U-2", "q3", "opinion", "'=It is an opinion. It is. Yes it is."]]


def test_the_writer_makes_its_feedback_folder_or_reuses_it(tmp_path):
    nested = tmp_path / "term" / "week 6" / "feedback"
    gradebook.Writer(tmp_path / "g.csv", nested, QIDS).finish([])
    assert nested.is_dir()
    (nested / "earlier.txt").write_text("kept")
    gradebook.Writer(tmp_path / "g2.csv", nested, QIDS).finish([])
    assert (nested / "earlier.txt").read_text() == "kept"


def test_side_tables_are_named_after_the_gradebook(tmp_path):
    assert gradebook.answers_path(tmp_path / "hw6.csv") == tmp_path / "hw6_answers.csv"
    assert gradebook.written_path(tmp_path / "hw6.csv") == tmp_path / "hw6_written.csv"
    assert gradebook.answers_path("out/grades.v2.csv") == gradebook.Path("out/grades.v2_answers.csv")


def test_a_gradebook_reads_back_as_written(tmp_path):
    out = tmp_path / "gradebook.csv"
    result = graded("=x\r\ny.ipynb", student="Ōzbek", flags=["a", "b"])
    writer = gradebook.Writer(out, tmp_path / "fb", QIDS)
    writer.finish([result, SubmissionResult("e.ipynb", None, status="error")])
    qids, rows = gradebook.read(out)
    assert qids == QIDS
    assert rows[0] == {"file": "=x\r\ny.ipynb", "student": "Ōzbek", "q1": "1", "q2": "0", "q3": "", "total": "1",
                       "max": "4", "status": "partial", "flags": "a; b", "message": result.message}
    assert rows[1]["file"] == "e.ipynb" and rows[1]["total"] == "" and rows[1]["status"] == "error"


def test_short_rows_read_as_empty_cells(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("file,student,q1,total,max,status,flags,message\r\nx.ipynb,U\r\n", encoding="utf-8")
    assert gradebook.read(path) == (["q1"], [{"file": "x.ipynb", "student": "U", "q1": "", "total": "", "max": "",
                                             "status": "", "flags": "", "message": ""}])


@pytest.mark.parametrize("header", ["name,student,q1,total,max,status,flags,message",
                                    "file,id,q1,total,max,status,flags,message",
                                    "file,student,q1,total,max,status,flags",
                                    "file,student,q1,total,max,status,message,flags", ""])
def test_other_csv_files_are_not_gradebooks(tmp_path, header):
    path = tmp_path / "g.csv"
    path.write_text(header + "\n", encoding="utf-8")
    with pytest.raises(GradingError, match="is not a gradebook written by `ircourse grade`"):
        gradebook.read(path)


def test_a_missing_gradebook_is_a_clear_error(tmp_path):
    with pytest.raises(GradingError, match="cannot read the gradebook .*missing.csv: No such file"):
        gradebook.read(tmp_path / "missing.csv")
