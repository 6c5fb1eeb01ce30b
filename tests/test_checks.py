"""``irc.check``: right answers pass, wrong and odd answers get one clear ❌ line, never a traceback."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import pytest

from ircourse import checks, exercises, i18n
from ircourse.checks import KeySpecError, check, encode_question, evaluate

from .conftest import ROOT

SOLUTIONS = sorted((ROOT / "exercises" / "solutions").glob("*.ipynb"))
HOMEWORKS = [exercises.read_solution(p) for p in SOLUTIONS]
QUESTIONS = [q for hw in HOMEWORKS for q in hw.questions]
NOT_FIGURES = [q for q in QUESTIONS if q.spec["kind"] != "figure"]
FIGURES = [q for q in QUESTIONS if q.spec["kind"] == "figure"]
LINE = re.compile(r"^(✅ \S+: correct|❌ \S+: .+)$")


def right_answer(spec: dict):
    """The right answer as a student would type it, from a question's specification."""
    if spec["kind"] == "fact":
        return (spec["verdict"], spec["value"]["answer"])
    return spec["answer"]


def as_student_value(value):
    """JSON lists in a specification stand for tuples (fact pairs) or lists (names)."""
    if isinstance(value, list) and len(value) == 2 and isinstance(value[0], bool):
        return tuple(value)
    return value


class Hostile:
    """An object whose every protocol method raises."""

    def __len__(self):
        raise RuntimeError("len")

    def __iter__(self):
        raise RuntimeError("iter")

    def __float__(self):
        raise RuntimeError("float")

    def __str__(self):
        raise RuntimeError("str")

    def __eq__(self, other):
        raise RuntimeError("eq")

    __hash__ = object.__hash__


ODD_INPUTS = {
    "None": None,
    "Ellipsis": ...,
    "nan": float("nan"),
    "numpy nan": np.float64("nan"),
    "pd.NA": pd.NA,
    "NaT": pd.NaT,
    "inf": float("inf"),
    "empty text": "",
    "spaces": "   ",
    "True": True,
    "False": False,
    "zero": 0,
    "negative numpy int": np.int64(-7),
    "huge int": 10**40,
    "complex": 1 + 2j,
    "bytes": b"Poland",
    "random text": "no idea",
    "empty list": [],
    "empty tuple": (),
    "empty dict": {},
    "empty set": set(),
    "dict": {"a": 1},
    "nested list": [["a"], ["b"]],
    "DataFrame": pd.DataFrame({"country": ["A", "B"], "n": [1, 2]}),
    "empty DataFrame": pd.DataFrame(),
    "Series": pd.Series([1, 2, 3]),
    "empty Series": pd.Series([], dtype=float),
    "array": np.array([1.5, 2.5]),
    "object": object(),
    "function": len,
    "lambda": lambda: 1,
    "empty figure": go.Figure(),
    "bar figure": go.Figure(go.Bar(x=[1, 2], y=[3, 4])),
    "generator": (x for x in range(3)),
    "range": range(5),
    "hostile": Hostile(),
    "Timestamp": pd.Timestamp("1991-07-01"),
}


# --------------------------------------------------------------------------------------------------
# Every question of every homework
# --------------------------------------------------------------------------------------------------


def test_every_homework_has_installed_keys():
    keys = checks.installed_keys()
    for q in QUESTIONS:
        assert q.qid in keys, f"{q.qid}: no installed key; run `ircourse build-exercises`"


@pytest.mark.parametrize("question", NOT_FIGURES, ids=[q.qid for q in NOT_FIGURES])
def test_right_answer_is_correct(question):
    verdict = evaluate(question.qid, as_student_value(right_answer(question.spec)))
    assert verdict.correct, verdict.line
    assert verdict.line == f"✅ {question.qid}: correct"


@pytest.mark.parametrize("question", NOT_FIGURES, ids=[q.qid for q in NOT_FIGURES])
def test_each_question_lists_wrong_answers_and_rejects_them(question):
    wrong = question.spec.get("wrong", [])
    assert wrong, f"{question.qid}: add a 'wrong' list of typical wrong answers to its key cell"
    for value in wrong:
        verdict = evaluate(question.qid, as_student_value(value))
        assert not verdict.correct, f"{question.qid} accepted the wrong answer {value!r}"
        assert verdict.line.startswith(f"❌ {question.qid}: not yet - ")


@pytest.mark.parametrize("question", QUESTIONS, ids=[q.qid for q in QUESTIONS])
@pytest.mark.parametrize("name", list(ODD_INPUTS))
def test_odd_input_gets_one_clear_line(question, name, capsys):
    assert check(question.qid, ODD_INPUTS[name]) is None
    out = capsys.readouterr()
    assert out.err == ""
    lines = out.out.splitlines()
    assert len(lines) == 1 and out.out.endswith("\n"), out.out
    assert lines[0].startswith(f"❌ {question.qid}: not yet - "), lines[0]
    assert "Traceback" not in lines[0] and "0x" not in lines[0]


@pytest.mark.parametrize("question", QUESTIONS, ids=[q.qid for q in QUESTIONS])
def test_lines_are_deterministic(question):
    for value in (None, ..., "x", pd.DataFrame({"a": [1]})):
        assert evaluate(question.qid, value).line == evaluate(question.qid, value).line


@pytest.mark.parametrize("question", FIGURES, ids=[q.qid for q in FIGURES])
def test_figure_questions_reject_structurally_wrong_figures(question):
    spec = question.spec
    n = spec.get("n_values", 4)
    other_type = go.Bar if spec["trace_type"] != "bar" else go.Scatter
    xs = list(range(n))
    wrong = {
        "other trace type": go.Figure([other_type(x=xs, y=xs, name=name) for name in spec.get("trace_names", ["a", "b"])]),
        "too few traces": go.Figure(go.Scatter(x=xs, y=xs, name=(spec.get("trace_names") or ["a"])[0])),
        "figure as returned by fig.show()": None,
        "a list of traces": [go.Scatter(x=xs, y=xs)],
    }
    right_shape = go.Figure(
        [go.Scatter(x=xs, y=[0] * n, name=name) for name in spec.get("trace_names", ["a", "b"])],
        layout={"xaxis_title": " ".join(spec.get("x_title", [])), "yaxis_title": " ".join(spec.get("y_title", []))},
    )
    wrong["right shape, wrong data"] = right_shape
    untitled = go.Figure(right_shape)
    untitled.update_layout(xaxis_title=None, yaxis_title=None)
    wrong["no axis titles"] = untitled
    for label, fig in wrong.items():
        verdict = evaluate(question.qid, fig)
        assert not verdict.correct, f"{question.qid} accepted: {label}"


# --------------------------------------------------------------------------------------------------
# The kinds of questions, on small stand-in keys
# --------------------------------------------------------------------------------------------------

SALT = "test"
SPECS = {
    "count": {"kind": "number", "answer": 15, "tolerance": 0, "hint": "Count the rows."},
    "days": {"kind": "number", "answer": 178, "tolerance": 1, "unit": "days", "hint": "Subtract."},
    "share": {"kind": "number", "answer": 166.67, "tolerance": "1%", "hint": "Percent."},
    "debt": {"kind": "number", "answer": -2.5, "tolerance": "2%", "hint": "Negative."},
    "missing": {"kind": "text", "answer": "Poland", "accept": ["Polish People's Republic"], "hint": "Sets."},
    "mcq": {"kind": "choice", "answer": "b", "options": ["a", "b", "c", "d"], "hint": "Dates."},
    "round": {"kind": "names", "answer": ["Czech Republic (Czechia)", "Hungary", "Poland", "Turkey (Türkiye)"],
              "aliases": {"Poland": ["Polska"]}, "hint": "1999."},
    "claim": {"kind": "fact", "verdict": False, "value": {"kind": "number", "answer": 32, "tolerance": 0},
              "hint": "Count."},
    "claim_text": {"kind": "fact", "verdict": True, "value": {"kind": "text", "answer": "Warsaw"},
                   "hint": "City."},
    "chart": {"kind": "figure", "trace_type": "scatter", "min_traces": 2, "trace_names": ["NATO", "Warsaw Pact"],
              "x_title": ["year"], "y_title": ["member"], "n_values": 4, "y_sum": 50, "y_sum_tolerance": 0.5,
              "hint": "px.line."},
}
KEYS = {qid: dict(encode_question(qid, spec, SALT), salt=SALT) for qid, spec in SPECS.items()}
SIZES = pd.DataFrame({"alliance": ["NATO", "NATO", "Warsaw Pact", "Warsaw Pact"], "year": [1955, 1956, 1955, 1956],
                      "members": [15, 15, 8, 12]})


def ok(qid, answer):
    return evaluate(qid, answer, keys=KEYS).correct


def reason(qid, answer):
    return evaluate(qid, answer, keys=KEYS).line


@pytest.mark.parametrize("answer", [15, 15.0, np.int64(15), np.float32(15), " 15 ", "15", pd.Series([15]),
                                    np.array([15]), [15], pd.DataFrame({"n": [15]})])
def test_exact_number_accepts_any_numeric_form(answer):
    assert ok("count", answer)


@pytest.mark.parametrize("answer", [14, 16, 15.4, 14.99, "fifteen", True, "15 members"])
def test_exact_number_rejects(answer):
    assert not ok("count", answer)


def test_absolute_tolerance_accepts_the_stated_interval_and_nothing_far_beyond():
    for x in (177, 177.0, 177.5, 178, 178.9, 179):
        assert ok("days", x), x
    for x in (176.8, 179.2, 0, -178, 356):
        assert not ok("days", x), x


def test_timedelta_counts_as_days_only_where_the_question_says_days():
    assert ok("days", pd.Timestamp("1991-12-26") - pd.Timestamp("1991-07-01"))
    assert "days" in reason("count", pd.Timedelta(days=15)) and ".days" in reason("count", pd.Timedelta(days=15))


def test_relative_tolerance():
    for factor in (1, 0.995, 1.009):
        assert ok("share", 166.67 * factor)
    for factor in (0.985, 1.015, -1):
        assert not ok("share", 166.67 * factor)
    assert ok("debt", -2.52) and not ok("debt", 2.5) and not ok("debt", 0)


@pytest.mark.parametrize("answer", ["Poland", " poland ", "POLAND.", "'Poland'", "Pöland", ["Poland"], {"Poland"},
                                    pd.Series(["Poland"]), np.str_("Poland"), "polish  people's republic"])
def test_text_is_normalised(answer):
    assert ok("missing", answer)


@pytest.mark.parametrize("answer", ["Hungary", "Polan", ["Poland", "Hungary"], 1, pd.DataFrame({"c": ["Poland", "USSR"]})])
def test_text_rejects(answer):
    assert not ok("missing", answer)


@pytest.mark.parametrize("answer", ["b", "B", " b ", "(b)", "b)", "B.", ["b"]])
def test_choice_accepts_the_letter_in_any_form(answer):
    assert ok("mcq", answer)


@pytest.mark.parametrize("answer", ["a", "bb", "b c", "e", 2, "the second one"])
def test_choice_rejects(answer):
    assert not ok("mcq", answer)
    if answer in ("e", 2, "bb", "b c", "the second one"):
        assert "one letter" in reason("mcq", answer) and "A, B, C, D" in reason("mcq", answer)


ROUND = ["Czech Republic (Czechia)", "Hungary", "Poland", "Turkey (Türkiye)"]


@pytest.mark.parametrize("answer", [
    ROUND, tuple(ROUND), set(ROUND), list(reversed(ROUND)), pd.Series(ROUND), pd.Index(ROUND), np.array(ROUND),
    dict.fromkeys(ROUND).keys(), (n for n in ROUND), [" hungary", "POLAND ", "czechia", "Türkiye"],
    ["Czech Republic", "Hungary", "Polska", "Turkey"], ROUND + ["Poland"],
    pd.Series(ROUND, dtype="string"),
])
def test_names_are_order_and_case_insensitive(answer):
    assert ok("round", answer)


def test_names_feedback_counts_right_and_extra():
    line = reason("round", ["Poland", "Hungary", "Spain"])
    assert "2 of the 4" in line and ": 1." in line
    assert "single text" in reason("round", "Poland")
    assert "DataFrame" in reason("round", pd.DataFrame({"country": ROUND}))
    assert "empty" in reason("round", [])
    assert not ok("round", ROUND + [None])
    assert not ok("round", ROUND[:3] + ["Czech Republic"])  # the same country twice is not the fourth


@pytest.mark.parametrize("answer", [(False, 32), [False, 32.0], ("false", "32"), (np.bool_(False), np.int64(32)),
                                    ("No", 32), {"verdict": False, "value": 32}])
def test_fact_pair(answer):
    assert ok("claim", answer)


def test_fact_feedback_says_which_part_is_wrong():
    assert "verdict (True/False) is not" in reason("claim", (True, 32))
    assert "the value is not" in reason("claim", (False, 31))
    assert "neither" in reason("claim", (True, 31))
    assert "pair" in reason("claim", False)
    assert "pair" in reason("claim", (False, 32, 1))
    assert "still missing" in reason("claim", (False, ...))
    assert "True or False" in reason("claim", ("maybe", 32))
    assert ok("claim_text", (True, " warsaw")) and not ok("claim_text", (True, "Moscow"))


def test_figure_checked_structurally():
    good = px.line(SIZES, x="year", y="members", color="alliance", labels={"members": "Member states"})
    assert ok("chart", good)
    assert ok("chart", go.FigureWidget(good)) if _has_anywidget() else True
    assert ok("chart", good.to_dict())  # also from JSON (typed arrays)
    assert "no data" in reason("chart", go.Figure())
    assert 'type "scatter"' in reason("chart", px.bar(SIZES, x="year", y="members", color="alliance"))
    assert '"Warsaw Pact"' in reason("chart", px.line(SIZES[SIZES.alliance == "NATO"], x="year", y="members",
                                                      color="alliance").add_scatter(x=[1], y=[1]))
    assert 'x axis title should mention "year"' in reason(
        "chart", px.line(SIZES, x="year", y="members", color="alliance", labels={"year": "Time"}))
    assert "values on the y axis" in reason("chart", px.line(SIZES.head(3), x="year", y="members", color="alliance"))
    doubled = SIZES.assign(members=SIZES.members * 2)
    assert "do not match" in reason("chart", px.line(doubled, x="year", y="members", color="alliance"))
    assert "fig.show()" in reason("chart", None)
    assert "figure" in reason("chart", "a line chart")


def _has_anywidget() -> bool:
    try:
        import anywidget  # noqa: F401
    except ImportError:
        return False
    return True


def test_unknown_and_malformed_question_ids():
    assert "unknown question id" in reason("nope", 1)
    assert 'did you mean "count"' in reason("cuont", 1)
    assert reason(" count ", 15) == "✅ count: correct"
    assert "text in quotes" in reason(5, 1)
    assert "text in quotes" in reason(None, 1)
    assert len(reason("x" * 500, 1)) < 300


def test_installed_unknown_id(capsys):
    check("hw99_q1", 1)
    assert capsys.readouterr().out.startswith("❌ hw99_q1: unknown question id")


def test_missing_answer_argument_is_not_an_error(capsys):
    assert check("count") is None
    assert capsys.readouterr().out.startswith("❌ count:")


def test_broken_key_gives_a_line_not_a_traceback():
    broken = {"count": {"kind": "number", "salt": SALT}}  # no digests
    line = evaluate("count", 15, keys=broken).line
    assert line.startswith("❌ count: not yet - ") and "teacher" in line


def test_hint_can_be_translated(monkeypatch):
    original = i18n.catalogue

    def catalogue(lang):
        return {**original(lang), "hint.count": "Qatorlarni sanang."}

    monkeypatch.setattr(i18n, "catalogue", catalogue)
    assert reason("count", 14).endswith("Qatorlarni sanang.")


def test_lines_come_from_the_catalogue():
    """Every catalogue key used by the checker and the grader exists in English."""
    english = i18n.catalogue("en")
    package = Path(checks.__file__).parent
    used = set()
    for module in ("checks.py", "grading.py", "cli.py"):
        source = (package / module).read_text(encoding="utf-8")
        used |= set(re.findall(r'"((?:check|grade)\.[a-z_]+)"', source))
    assert used, "no keys found"
    assert sorted(used - english.keys()) == []


# --------------------------------------------------------------------------------------------------
# Keys hide the answers
# --------------------------------------------------------------------------------------------------


def _leaves(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _leaves(v)
    elif isinstance(value, list):
        for v in value:
            yield from _leaves(v)
    else:
        yield value


@pytest.mark.parametrize("homework", HOMEWORKS, ids=[hw.name for hw in HOMEWORKS])
def test_key_files_hold_no_plain_answers(homework):
    path = Path(checks.KEYS_DIR) / f"{homework.name}.json"
    key = json.loads(path.read_text(encoding="utf-8"))
    for q in homework.questions:
        entry = key["questions"][q.qid]
        leaves = list(_leaves({k: v for k, v in entry.items() if k not in ("hint", "options")}))
        spec = q.spec["value"] if q.spec["kind"] == "fact" else q.spec
        answers = spec.get("answer")
        answers = answers if isinstance(answers, list) else [answers]
        for answer in answers:
            if isinstance(answer, str):
                plain = checks.normalise_text(answer)
                for v in map(checks.normalise_text, map(str, leaves)):
                    assert plain != v and (len(plain) < 4 or plain not in v), q.qid  # a letter may occur in a digest
                hint = checks.normalise_text(entry["hint"])
                if len(plain) < 4:  # a choice letter or short word: only as a word of its own ("option b")
                    assert not re.search(rf"(?<![a-z0-9]){re.escape(plain)}(?![a-z0-9])", hint), (q.qid, "hint")
                else:
                    assert plain not in hint, (q.qid, "hint")
            elif isinstance(answer, (int, float)) and q.spec["kind"] != "figure":
                numbers_ = [v for v in leaves if isinstance(v, (int, float)) and not isinstance(v, bool)]
                assert all(not math.isclose(v, answer) for v in numbers_ if v != q.points), q.qid


def test_encode_rejects_incomplete_specs():
    bad = [
        {"kind": "number", "answer": 1, "hint": "h"},  # no tolerance
        {"kind": "number", "answer": 1.5, "tolerance": 0, "hint": "h"},  # exact needs a whole number
        {"kind": "number", "answer": 0, "tolerance": "5%", "hint": "h"},
        {"kind": "number", "answer": 1, "tolerance": "150%", "hint": "h"},
        {"kind": "text", "answer": "", "hint": "h"},
        {"kind": "choice", "answer": "e", "options": ["a", "b"], "hint": "h"},
        {"kind": "names", "answer": "Poland", "hint": "h"},
        {"kind": "names", "answer": ["Poland", "poland"], "hint": "h"},
        {"kind": "fact", "verdict": "no", "value": {"kind": "number", "answer": 1, "tolerance": 0}, "hint": "h"},
        {"kind": "figure", "hint": "h"},
        {"kind": "essay", "answer": "x", "hint": "h"},
        {"kind": "text", "answer": "x"},  # no hint
        {"kind": "text", "answer": "x", "hint": "h", "colour": "red"},
    ]
    for spec in bad:
        with pytest.raises(KeySpecError):
            encode_question("q", spec, SALT)
    assert LINE.match(reason("count", 15)) and LINE.match(reason("count", 16))
