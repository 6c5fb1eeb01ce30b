"""The judge: every kind of question, in plain (grader) and hashed (formative) form, at its boundaries."""

from __future__ import annotations

import base64
import math

import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import pytest

from ircourse.homework import judge, variants
from ircourse.homework.answers import to_plain
from ircourse.homework.judge import SpecError, encode

SALT = "test-salt"


def both(spec, solution, options=None):
    """The plain and the hashed entry of one question, with the salt to judge the hashed one."""
    plain_solution = to_plain(solution)
    return [(encode(spec, plain_solution, options=options), None),
            (encode(spec, plain_solution, salt=SALT, options=options), SALT)]


def verdict(entry_and_salt, answer, order=None):
    entry, salt = entry_and_salt
    return judge.judge(entry, to_plain(answer), salt=salt, order=order)


NUMBER = {"kind": "number", "tolerance": 0, "hint": "h"}


# --------------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("form", [0, 1], ids=["plain", "hashed"])
def test_exact_numbers(form):
    e = both(NUMBER, 32)[form]
    for right in (32, 32.0, np.int64(32), np.float32(32), "32", " 32 ", [32], pd.Series([32]), np.array(32)):
        assert verdict(e, right).correct, right
    for wrong in (31, 33, 32.5, "32 members", -32, 320):
        assert not verdict(e, wrong).correct, wrong


@pytest.mark.parametrize("form", [0, 1], ids=["plain", "hashed"])
def test_booleans_are_not_numbers(form):
    e = both(dict(NUMBER), 1)[form]
    outcome = verdict(e, True)
    assert not outcome.correct and outcome.reason == "check.want_number_not_bool"
    assert not verdict(e, np.bool_(True)).correct


def test_absolute_tolerance_boundaries_plain():
    e = both({"kind": "number", "tolerance": 0.5, "hint": "h"}, 10.0)[0]
    assert verdict(e, 10.5).correct and verdict(e, 9.5).correct
    assert not verdict(e, 10.51).correct and not verdict(e, 9.49).correct


def test_absolute_tolerance_boundaries_hashed():
    """Hashed buckets are 1/8 of the tolerance: accepted within it, never beyond it plus one bucket."""
    e = both({"kind": "number", "tolerance": 0.5, "hint": "h"}, 10.0)[1]
    assert verdict(e, 10.49).correct and verdict(e, 9.51).correct
    assert not verdict(e, 10.5 + 0.5 / 8 + 0.001).correct and not verdict(e, 9.5 - 0.5 / 8 - 0.001).correct


def test_relative_tolerance_boundaries_plain():
    e = both({"kind": "number", "tolerance": "1%", "hint": "h"}, 2000.0)[0]
    assert verdict(e, 2020).correct and verdict(e, 1980).correct
    assert not verdict(e, 2020.5).correct and not verdict(e, 1979.5).correct


def test_relative_tolerance_boundaries_hashed():
    e = both({"kind": "number", "tolerance": "1%", "hint": "h"}, 2000.0)[1]
    step = math.log1p(0.01) / 8
    assert verdict(e, 2019.9).correct and verdict(e, 1980.1).correct
    assert not verdict(e, 2000 * math.exp(math.log1p(0.01) + 2 * step)).correct
    assert not verdict(e, 2000 * math.exp(math.log1p(-0.01) - 2 * step)).correct


@pytest.mark.parametrize("tolerance", ["100%", "0%", "150%", "-1%", -1, float("nan"), float("inf"), True, "ten"])
def test_invalid_tolerances_are_authoring_errors(tolerance):
    with pytest.raises(SpecError):
        judge.check_spec({"kind": "number", "tolerance": tolerance, "hint": "h"})


def test_a_tolerance_is_required():
    with pytest.raises(SpecError, match="tolerance"):
        judge.check_spec({"kind": "number", "hint": "h"})


@pytest.mark.parametrize("form", [0, 1], ids=["plain", "hashed"])
def test_time_differences_count_as_days_where_the_unit_is_days(form):
    e = both({"kind": "number", "tolerance": 1, "unit": "days", "hint": "h"}, 178)[form]
    for right in (pd.Timedelta(days=178), np.timedelta64(178, "D"), np.timedelta64(178 * 24, "h"), 178, 177.5):
        assert verdict(e, right).correct, right
    e_no_unit = both(NUMBER, 178)[form]
    assert verdict(e_no_unit, pd.Timedelta(days=178)).reason == "check.want_number_not_timedelta"


@pytest.mark.parametrize("form", [0, 1], ids=["plain", "hashed"])
@pytest.mark.parametrize("name, wrong", [("sign", -178), ("percent", 1.78), ("percent", 17800), ("off_by_one", 177),
                                         ("off_by_one", 179), ("century", 278), ("century", 78)])
def test_diagnoses_say_what_is_wrong(form, name, wrong):
    spec = {"kind": "number", "tolerance": 0, "diagnose": list(judge.DIAGNOSES), "hint": "h"}
    outcome = verdict(both(spec, 178)[form], wrong)
    assert not outcome.correct and outcome.reason == f"check.diagnose_{name}"


def test_no_diagnosis_unless_asked_for():
    assert verdict(both(NUMBER, 178)[0], -178).reason == "check.wrong"


def test_feedback_on_a_known_wrong_number():
    spec = dict(NUMBER, feedback=[{"answer": 12, "say": "That is the founders only."}])
    for e in both(spec, 15):
        outcome = verdict(e, 12)
        assert outcome.reason == "check.feedback" and outcome.values == {"say": "That is the founders only."}
        assert verdict(e, 13).reason == "check.wrong"


@pytest.mark.parametrize("answer, reason", [
    (..., "check.no_answer"), (None, "check.none"), (float("nan"), "check.missing_value"),
    (pd.NA, "check.missing_value"), (float("inf"), "check.want_finite"), ("lots", "check.want_number_not_text"),
    (pd.DataFrame({"a": [1, 2]}), "check.want_number_not_table"), ([1, 2], "check.want_one_number"),
    (object(), "check.want_number"), (1 + 2j, "check.want_number"),
])
def test_odd_number_answers_get_their_reason(answer, reason):
    assert verdict(both(NUMBER, 32)[0], answer).reason == reason


# --------------------------------------------------------------------------------------------------
# Text and names
# --------------------------------------------------------------------------------------------------


def test_normalise_text():
    assert judge.normalise_text("  Türkiye.  ") == "turkiye"
    assert judge.normalise_text("Oʻzbekiston") == judge.normalise_text("O'zbekiston") == judge.normalise_text(
        "O‘zbekiston") == judge.normalise_text("O`zbekiston")
    assert judge.normalise_text("Соединённые") == judge.normalise_text("Соединенные")
    assert judge.normalise_text("A  \t b") == "a b"
    assert judge.name_variants("Czech Republic (Czechia)") == ["czech republic", "czech republic (czechia)", "czechia"]


@pytest.mark.parametrize("form", [0, 1], ids=["plain", "hashed"])
def test_text_answers(form):
    e = both({"kind": "text", "accept": ["Polish People's Republic"], "hint": "h"}, "Poland")[form]
    for right in ("Poland", "poland.", {"Poland"}, ["POLAND"], "Polish People's Republic"):
        assert verdict(e, right).correct, right
    assert verdict(e, "Hungary").reason == "check.wrong"
    assert verdict(e, 5).reason == "check.want_text_not_number"
    assert verdict(e, ["Poland", "Hungary"]).reason == "check.want_one_text"
    assert verdict(e, "   ").reason == "check.empty_text"


def test_country_names_in_every_course_language(monkeypatch):
    monkeypatch.setattr(judge, "localized_names", lambda name: {"Poland": ["Polsha", "Польша"]}.get(name, []))
    for e in both({"kind": "text", "names_of": "country", "hint": "h"}, "Poland"):
        assert verdict(e, "Polsha").correct and verdict(e, "Польша").correct and verdict(e, "Poland").correct
        assert not verdict(e, "Vengriya").correct


@pytest.mark.parametrize("form", [0, 1], ids=["plain", "hashed"])
def test_names(form):
    e = both({"kind": "names", "hint": "h"}, ["Albania", "Czech Republic (Czechia)", "Poland"])[form]
    assert verdict(e, ["poland", "Czechia", "Albania"]).correct
    assert verdict(e, pd.Series(["Poland", "Czech Republic", "Albania"])).correct
    assert verdict(e, ("Poland", "Poland", "Czechia", "Albania")).correct  # duplicates do not matter
    assert verdict(e, ["Poland", "Czechia"]).reason == "check.names_one_missing"
    assert verdict(e, ["Poland", "Czechia", "Albania", "Hungary"]).reason == "check.names_one_extra"
    two_wrong = verdict(e, ["Poland", "Hungary", "Spain"])
    assert two_wrong.reason == "check.names_count" and two_wrong.values == {"right": 1, "expected": 3, "extra": 2}
    assert verdict(e, "Poland").reason == "check.want_names_not_text"
    assert verdict(e, []).reason == "check.names_empty"
    assert verdict(e, ["Poland", None]).reason == "check.names_odd_item"
    assert verdict(e, pd.DataFrame({"a": [1], "b": [2]})).reason == "check.want_names_not_table"


# --------------------------------------------------------------------------------------------------
# Multiple choice: each student's order
# --------------------------------------------------------------------------------------------------

CHOICE = {"kind": "choice", "hint": "h", "options": [
    {"text": "first", "right": True}, {"text": "second", "why": "Not the second."}, {"text": "third"},
    {"text": "fourth"}]}


@pytest.mark.parametrize("form", [0, 1], ids=["plain", "hashed"])
def test_choice_is_judged_through_the_students_order(form):
    options = ["third", "first", "fourth", "second"]  # a public order
    e = both(CHOICE, "a", options=options)[form]
    order = [2, 0, 3, 1]  # shown: fourth, third, second, first
    assert verdict(e, "d", order).correct and verdict(e, " D) ", order).correct
    assert not verdict(e, "b", order).correct
    assert verdict(e, "c", order).reason == "check.feedback"  # the second option, with its explanation
    assert verdict(e, "e", order).reason == "check.want_choice"
    assert verdict(e, 1, order).reason == "check.want_choice"


def test_choice_spec_needs_exactly_one_right_option():
    bad = dict(CHOICE, options=[{"text": "a"}, {"text": "b"}])
    with pytest.raises(SpecError, match="exactly one"):
        judge.check_spec(bad)


# --------------------------------------------------------------------------------------------------
# Fact-checks on the five-level scale, and written answers
# --------------------------------------------------------------------------------------------------

FACT = {"kind": "fact", "verdict": "imprecise", "value": {"kind": "number", "tolerance": 0, "diagnose": ["sign"]},
        "hint": "h"}


@pytest.mark.parametrize("form", [0, 1], ids=["plain", "hashed"])
def test_fact_pairs(form):
    e = both(FACT, ("imprecise", 32))[form]
    assert verdict(e, ("Imprecise", 32)).correct and verdict(e, {"verdict": "imprecise", "value": 32}).correct
    assert verdict(e, ("wrong", 32)).reason == "check.fact_verdict_wrong"
    assert verdict(e, ("imprecise", 31)).reason == "check.fact_value_wrong"
    assert verdict(e, ("imprecise", -32)).reason == "check.diagnose_sign"
    assert verdict(e, ("wrong", 31)).reason == "check.fact_both_wrong"
    assert verdict(e, (False, 32)).reason == "check.want_scale_verdict_not_bool"
    assert verdict(e, ("maybe", 32)).reason == "check.want_scale_verdict"
    assert verdict(e, ("imprecise", ...)).reason == "check.pair_value_missing"
    assert verdict(e, ("imprecise", "32 members")).reason == "check.want_number_not_text"
    assert verdict(e, 32).reason == "check.want_pair"


def test_the_solution_must_agree_with_its_stated_verdict():
    with pytest.raises(SpecError, match="verdict"):
        encode(FACT, to_plain(("wrong", 32)))


WRITTEN = {"kind": "written", "verdict": "opinion", "rubric": ["a", "b", "c"], "hint": "h"}


def test_written_answers_are_recorded_when_well_formed():
    e = both(WRITTEN, ("opinion", "x"))[0]
    three = "The data show one thing. A source says another thing here. So the claim is an opinion."
    assert verdict(e, ("opinion", three)).status == "recorded"
    assert verdict(e, ("opinion", "Too short.")).reason == "check.written_too_short"
    assert verdict(e, ("opinion", " ".join(["This is one more sentence."] * 6))).reason == "check.written_too_long"
    assert verdict(e, ("yes", three)).reason == "check.want_scale_verdict"
    assert not verdict(e, ("opinion", three)).correct  # recorded is not "correct": the teacher scores it


# --------------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------------

FIGURE = {"kind": "figure", "trace_type": "scatter", "min_traces": 2, "trace_names": ["NATO", "Warsaw Pact"],
          "x_title": ["year"], "y_title": ["member"], "hint": "h"}


@pytest.fixture()
def sizes():
    return pd.DataFrame({"alliance": ["NATO"] * 3 + ["Warsaw Pact"] * 2, "year": [1955, 1956, 1957, 1955, 1956],
                         "members": [15, 15, 15, 8, 8]})


@pytest.mark.parametrize("form", [0, 1], ids=["plain", "hashed"])
def test_figures_are_checked_for_structure_and_data(sizes, form):
    right = px.line(sizes, x="year", y="members", color="alliance", labels={"year": "Year", "members": "Member states"})
    e = both(FIGURE, right)[form]
    assert verdict(e, right).correct
    assert verdict(e, right.to_dict()).correct  # a figure as a dict is fine too
    wrong_data = px.line(sizes.assign(members=sizes.members + 1), x="year", y="members", color="alliance",
                         labels={"year": "Year", "members": "Member states"})
    assert verdict(e, wrong_data).reason == "check.figure_values"
    bars = px.bar(sizes, x="year", y="members", color="alliance")
    assert verdict(e, bars).reason == "check.figure_trace_type"
    mistitled = px.line(sizes, x="year", y="members", color="alliance", labels={"members": "Count"})
    assert verdict(e, mistitled).reason == "check.figure_axis_title"
    assert verdict(e, go.Figure()).reason == "check.figure_empty"
    assert verdict(e, "a chart").reason == "check.want_figure"


def test_typed_arrays_are_decoded():
    values = np.array([1, 2, 3], dtype="i1")
    typed = {"dtype": "i1", "bdata": base64.b64encode(values.tobytes()).decode()}
    assert judge._values(typed) == [1.0, 2.0, 3.0]
    assert judge._values({"dtype": "i1", "bdata": "%%%"}) != [1.0, 2.0, 3.0]


# --------------------------------------------------------------------------------------------------
# Odd answers never crash the judge (an internal error is a failure of ours, not a feedback line)
# --------------------------------------------------------------------------------------------------


class Hostile:
    def __len__(self):
        raise SystemExit("len")

    def __iter__(self):
        raise KeyboardInterrupt

    def __float__(self):
        raise RuntimeError("float")

    def __str__(self):
        raise RuntimeError("str")


ODD = [None, ..., float("nan"), np.float64("nan"), pd.NA, pd.NaT, float("inf"), "", "   ", True, False, 0,
       np.int64(-7), 10**40, 1 + 2j, b"Poland", "no idea", [], (), {}, set(), {"a": 1}, [["a"], ["b"]],
       pd.DataFrame({"country": ["A", "B"], "n": [1, 2]}), pd.DataFrame(), pd.Series([1, 2, 3]),
       pd.Series([], dtype=float), np.array([1.5, 2.5]), np.zeros((2, 2)), object(), len, lambda: 1, go.Figure(),
       go.Figure(go.Bar(x=[1, 2], y=[3, 4])), (x for x in range(3)), range(5), Hostile(), pd.Timestamp("1991-07-01"),
       np.timedelta64("NaT"), np.datetime64("1991-07-01")]
SPECS = [(NUMBER, 32), ({"kind": "text", "hint": "h"}, "Poland"), ({"kind": "names", "hint": "h"}, ["A", "B"]),
         (CHOICE, "a"), (FACT, ("imprecise", 32)), (WRITTEN, ("opinion", "x")),
         (dict(FIGURE, min_traces=1, trace_names=[], x_title=[], y_title=[]), go.Figure(go.Scatter(y=[1])))]


@pytest.mark.parametrize("spec, solution", SPECS, ids=[s["kind"] for s, _ in SPECS])
def test_odd_answers_are_judged_without_an_internal_error(spec, solution):
    options = [o["text"] for o in spec.get("options", [])] or None
    for entry, salt in both(spec, solution, options=options):
        for odd in ODD:
            outcome = judge.judge(entry, to_plain(odd), salt=salt, order=[0, 1, 2, 3])
            assert outcome.status in ("wrong", "blank"), (spec["kind"], odd)
            assert outcome.reason and not outcome.reason.startswith("check.internal"), (spec["kind"], odd)


def test_permutation_is_a_shuffle():
    order = variants.permutation("h", "s", "q", 6)
    assert sorted(order) == list(range(6))


@pytest.mark.parametrize("text, n", [
    ("Art. 173 of the treaty was broken. S. P. Huntington says so, e.g. in ch. 9. The data agree here.", 3),
    ("One two three. Four five six! Seven eight nine? Ten eleven twelve.", 4),
    ("Versal shartnomasining 231-moddasi. Bu fakt, masalan, 1921-yil jadvalida bor. Shuning uchun noaniq.", 3),
    ("Статья 231 договора, т.е. статья о вине. См. гл. 9 книги. Вердикт: неточно, по данным.", 3),
    ("no full stop at all in this text", 1),
])
def test_sentences_are_counted_past_abbreviations(text, n):
    assert judge._sentences(text) == n


def test_axis_words_are_accepted_in_every_course_language(monkeypatch):
    from ircourse import i18n

    real = i18n.catalogue
    monkeypatch.setattr(i18n, "catalogue", lambda lang: {**real(lang), "check.axis_word.year": "yil"} if lang == "uz" else
                        {**real(lang), "check.axis_word.year": "год|годы"} if lang == "ru" else real(lang))
    monkeypatch.setattr(i18n, "languages", lambda: ["en", "ru", "uz"])
    assert judge.axis_words("Year") == {"year", "yil", "год", "годы"}
    spec = dict(FIGURE, trace_names=[], min_traces=1, y_title=[])
    fig = px.line(x=[1, 2], y=[3, 4], labels={"x": "Год", "y": "n"})
    entry = encode(spec, to_plain(fig))
    assert judge.judge(entry, to_plain(fig)).correct
    other = px.line(x=[1, 2], y=[3, 4], labels={"x": "Время", "y": "n"})
    assert judge.judge(entry, to_plain(other)).reason == "check.figure_axis_title"
