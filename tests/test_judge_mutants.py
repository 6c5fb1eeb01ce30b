"""The judge at its edges: the exact reason (and the values a student reads) for each kind of answer.

Written against the survivors of mutation testing (``python tools/mutation.py judge``); each test names
the behaviour, not the mutant. Every call goes to :func:`judge.judge` directly, so an internal error
(an exception) fails the test: it is never mistaken for a feedback line. Expected values come from
the documented rules (module docstring of :mod:`ircourse.homework.judge`) and the English catalogue;
tolerance boundaries are tested just inside and just outside the tolerance, never with a wider margin.
"""

from __future__ import annotations

import base64
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from ircourse import i18n
from ircourse.homework import judge
from ircourse.homework.answers import to_plain
from ircourse.homework.judge import SpecError, encode

SALT = "salt"
FORMS = pytest.mark.parametrize("salt", [None, SALT], ids=["plain", "hashed"])


def entry_for(spec, solution, salt, options=None):
    return encode(spec, to_plain(solution), salt=salt, options=options)


def outcome(spec, solution, answer, salt=None, order=None, options=None, plain=False):
    """Judge ``answer`` (a Python value, or plain data when ``plain``) against the solution's entry."""
    entry = entry_for(spec, solution, salt, options)
    return judge.judge(entry, answer if plain else to_plain(answer), salt=salt, order=order)


def reason(*args, **kwargs):
    result = outcome(*args, **kwargs)
    return result.reason, result.values


def number(tolerance=0, **extra):
    return {"kind": "number", "tolerance": tolerance, "hint": "h", **extra}


TEXT = {"kind": "text", "hint": "h"}
NAMES = {"kind": "names", "hint": "h"}
WRITTEN = {"kind": "written", "verdict": "opinion", "rubric": ["evidence"], "hint": "h"}
FACT = {"kind": "fact", "verdict": "imprecise", "value": {"kind": "number", "tolerance": 0, "diagnose": ["sign"]},
        "hint": "h"}


# --------------------------------------------------------------------------------------------------
# The survivors named in issue 16
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("tolerance", ["100%", "100.0%", " 100 % ", "250%", "0%", "-5%"])
def test_a_relative_tolerance_of_100_percent_or_more_is_refused(tolerance):
    """100 % would accept 0 and anything up to twice the answer; 0 % is no tolerance at all."""
    with pytest.raises(SpecError) as refused:
        judge.check_spec(number(tolerance))
    assert str(refused.value) == f"relative tolerance must be between 0% and 100%, got {tolerance!r}"


@pytest.mark.parametrize("tolerance", ["99.9%", "0.01%", "1%"])
def test_relative_tolerances_below_100_percent_are_accepted(tolerance):
    assert judge.check_spec(number(tolerance)) is None


@FORMS
@pytest.mark.parametrize("answer, expected, key", [
    (True, 1, "check.want_number_not_bool"), (False, 0, "check.want_number_not_bool"),
    (np.bool_(True), 1, "check.want_number_not_bool"), ([True], 1, "check.want_number_not_bool"),
    (pd.Series([False]), 0, "check.want_number_not_bool"), ("True", 1, "check.want_number_not_text"),
])
def test_true_and_false_are_not_numbers_even_when_the_answer_is_1_or_0(salt, answer, expected, key):
    """True == 1 and False == 0 in Python: a bool must never earn the point of a count of 1 or 0."""
    got = outcome(number(), expected, answer, salt)
    assert (got.status, got.reason) == ("wrong", key)


@FORMS
def test_a_bool_forged_as_a_number_is_not_a_number(salt):
    """Plain data read back is validated, but the judge does not rely on it: v=True is no number."""
    got = outcome(number(), 1, {"t": "number", "v": True}, salt, plain=True)
    assert (got.status, got.reason, got.values) == ("wrong", "check.want_number", {"got": "?"})


@FORMS
@pytest.mark.parametrize("text, value", [("1,5", 1.5), (" -3 ", -3), ("\u22123", -3), ("1 000", 1000),
                                         ("1\u00a0000", 1000), ("2,5e3", 2500), ("1e3", 1000), ("+7", 7),
                                         ("12.", 12), ("\u2212 0,25", -0.25)])
def test_numbers_written_as_text_are_read(salt, text, value):
    """Decimal comma, Unicode minus, spaces and no-break spaces as thousands separators."""
    tolerance = 0 if float(value).is_integer() else 0.001
    assert outcome(number(tolerance), value, text, salt).correct


@FORMS
@pytest.mark.parametrize("text, key", [("1,000.5", "check.want_number_not_text"), ("1,2,3", "check.want_number_not_text"),
                                       ("12 members", "check.want_number_not_text"), ("nan", "check.missing_value"),
                                       ("inf", "check.want_finite"), ("-Infinity", "check.want_finite"),
                                       ("", "check.want_number_not_text")])
def test_text_that_is_not_a_finite_number_says_so(salt, text, key):
    assert reason(number(), 1000, text, salt) == (key, {})


def test_relative_tolerance_plain_is_tight_on_both_sides():
    """1 % of 2000 is 20: 1980 and 2020 are in, anything beyond is out (no extra margin)."""
    spec = number("1%")
    for inside in (2020, 1980, 2000.5, 1980.0000001):
        assert outcome(spec, 2000, inside).correct, inside
    for outside in (2020 * (1 + 1e-9), 1980 * (1 - 1e-9), 2020.001, 1979.999, -2000, 0):
        assert outcome(spec, 2000, outside).reason == "check.wrong", outside


def test_absolute_tolerance_plain_is_tight_on_both_sides():
    spec = number(0.5)
    for inside in (10.5, 9.5, 10.0):
        assert outcome(spec, 10, inside).correct
    for outside in (10.5 + 1e-9, 9.5 - 1e-9):
        assert outcome(spec, 10, outside).reason == "check.wrong"


def test_the_tolerance_keeps_a_float_rounding_slack():
    """The bound is inclusive with a relative slack of 1e-12 (a solution's value computed in floats)."""
    tol = float(2**20)
    assert outcome(number(tol), 0, tol * (1 + 5e-13)).correct
    assert not outcome(number(tol), 0, tol * (1 + 5e-12)).correct


def _log_bucket_cases(tol_text, tol):
    """Values placed mid-bucket on the log scale: the hashed key stores 8 buckets per tolerance.

    Returns (expected, answers within the tolerance, answers more than one bucket beyond it).
    """
    step = math.log1p(tol) / 8
    upper = math.exp(step * (40 + 0.5) - math.log1p(tol))  # expected * (1 + tol) sits mid-bucket
    lower = math.exp(step * (40 + 0.5) - math.log1p(-tol))  # expected * (1 - tol) sits mid-bucket
    return [
        (upper, [upper * (1 + tol), upper, upper * (1 + tol * 0.999)], [math.exp(math.log(upper * (1 + tol)) + 1.25 * step),
                                                                         math.exp(math.log(upper * (1 + tol)) + 2.25 * step)]),
        (lower, [lower * (1 - tol), lower, lower * (1 - tol * 0.999)], [math.exp(math.log(lower * (1 - tol)) - 1.25 * step),
                                                                         math.exp(math.log(lower * (1 - tol)) - 2.25 * step)]),
    ]


@pytest.mark.parametrize("tol_text, tol", [("1%", 0.01), ("5%", 0.05)])
@pytest.mark.parametrize("sign", [1, -1])
def test_hashed_relative_tolerance_accepts_the_tolerance_and_at_most_one_bucket_more(tol_text, tol, sign):
    """Within the tolerance always right; more than one of its 8 buckets beyond it, always wrong."""
    for expected, inside, beyond in _log_bucket_cases(tol_text, tol):
        entry = entry_for(number(tol_text), sign * expected, SALT)
        for x in inside:
            assert judge.judge(entry, to_plain(sign * x), salt=SALT).correct, (expected, x)
        for x in beyond:
            assert judge.judge(entry, to_plain(sign * x), salt=SALT).reason == "check.wrong", (expected, x)
        assert judge.judge(entry, to_plain(-sign * expected), salt=SALT).reason == "check.wrong"  # the other sign


def test_hashed_absolute_tolerance_accepts_the_tolerance_and_at_most_one_bucket_more():
    step = 0.5 / 8
    for expected in (10.5 - 0.5 + step * 0.5, 10.0 + step * 0.5):  # bounds mid-bucket, and on a bucket edge
        entry = entry_for(number(0.5), expected, SALT)
        for x in (expected + 0.5, expected - 0.5, expected + 0.4999):
            assert judge.judge(entry, to_plain(x), salt=SALT).correct, (expected, x)
        for x in (expected + 0.5 + 1.01 * step, expected - 0.5 - 1.01 * step, expected + 0.5 + 2.01 * step):
            assert judge.judge(entry, to_plain(x), salt=SALT).reason == "check.wrong", (expected, x)


@FORMS
def test_relative_tolerance_around_one_and_below(salt):
    assert outcome(number("1%"), 1.005, 1, salt).correct
    assert outcome(number("1%"), 0.5, 0.5, salt).correct and outcome(number("1%"), 0.5, 0.502, salt).correct
    assert outcome(number("1%"), 0.5, 0, salt).reason == "check.wrong"
    assert outcome(number("1%"), 2000, 0, salt).reason == "check.wrong"


def test_a_relative_tolerance_needs_a_non_zero_answer():
    with pytest.raises(SpecError) as refused:
        entry_for(number("1%"), 0, SALT)
    assert str(refused.value) == "a relative tolerance needs a non-zero answer"


def test_an_exact_hashed_answer_must_be_whole():
    with pytest.raises(SpecError) as refused:
        entry_for(number(0), 2.5, SALT)
    assert str(refused.value) == "an exact answer must be a whole number; give a tolerance for others"


@FORMS
def test_exact_means_exact(salt):
    assert outcome(number(0), 32, 32.0, salt).correct
    assert outcome(number(0), 32, 32 + 1e-13, salt).reason == "check.wrong"
    assert outcome(number(0), 2**60, 2**60, salt).correct


@pytest.mark.parametrize("tolerance, mode, tol", [("0.5", "abs", 0.5), (" 2 ", "abs", 2.0), ("0", "exact", 0.0),
                                                  (3, "abs", 3.0), (0.0, "exact", 0.0)])
def test_tolerances_written_as_text_or_numbers(tolerance, mode, tol):
    entry = entry_for(number(tolerance), 10, None)
    assert (entry["mode"], entry["tol"], entry["value"]) == (mode, tol, 10.0)


# --------------------------------------------------------------------------------------------------
# What an answer of the wrong form is called (the {got} a student reads)
# --------------------------------------------------------------------------------------------------


OTHER_NAMES = [
    (5, "number"), ("Poland", "str"), (True, "bool"), (pd.Timedelta(days=1), "Timedelta"),
    (pd.Timestamp("1991-07-01"), "Timestamp"), ([1, 2], "list"), ((1, 2), "tuple"), ({1, 2}, "set"),
    (pd.Series([1, 2]), "series"), ({"a": 1}, "dict"), (pd.DataFrame({"a": [1]}), "DataFrame"), (object(), "object"),
    (go.Figure(), "Figure"),
]


@pytest.mark.parametrize("answer, got", OTHER_NAMES, ids=[g for _, g in OTHER_NAMES])
def test_a_figure_question_names_what_it_got(answer, got):
    spec = {"kind": "figure", "trace_type": "scatter", "hint": "h", "compare_data": False}
    result = outcome(spec, go.Figure(go.Scatter(y=[1])), answer)
    if got == "Figure":
        assert result.reason == "check.figure_empty"
    else:
        assert (result.reason, result.values) == ("check.want_figure", {"got": got})


@pytest.mark.parametrize("forged, got", [({"t": "other"}, "object"), ({"t": "other", "type": "x" * 100}, "x" * 60),
                                         ({"t": "list", "items": [{"t": "none"}] * 3}, "list"),
                                         ({"t": "weird"}, "weird")])
def test_odd_plain_data_is_named_too(forged, got):
    spec = {"kind": "figure", "trace_type": "scatter", "hint": "h", "compare_data": False}
    result = outcome(spec, go.Figure(go.Scatter(y=[1])), forged, plain=True)
    assert (result.reason, result.values) == ("check.want_figure", {"got": got})


@FORMS
@pytest.mark.parametrize("answer, key, values", [
    (pd.DataFrame({"a": [1, 2], "b": [3, 4], "c": [5, 6]}), "check.want_number_not_table", {"rows": 2, "cols": 3}),
    (pd.DataFrame({"a": [1, 2]}), "check.want_number_not_table", {"rows": 2, "cols": 1}),
    (pd.DataFrame({"a": [1], "b": [2]}), "check.want_number_not_table", {"rows": 1, "cols": 2}),
    ([1, 2, 3], "check.want_one_number", {"got": "list", "n": 3}),
    (pd.Series([1, 2]), "check.want_one_number", {"got": "series", "n": 2}),
    ({"a": 1, "b": 2}, "check.want_one_number", {"got": "dict", "n": 2}),
    ({"a": 1}, "check.want_one_number", {"got": "dict", "n": 1}),
    (pd.Timestamp("1991-07-01"), "check.want_number", {"got": "Timestamp"}),
    (object(), "check.want_number", {"got": "object"}),
    ([[1, 2]], "check.want_one_number", {"got": "list", "n": 2}),
    (pd.Timedelta(days=3), "check.want_number_not_timedelta", {}),
])
def test_a_number_question_says_what_it_got(salt, answer, key, values):
    assert reason(number(), 32, answer, salt) == (key, values)


@FORMS
def test_one_value_in_a_list_or_a_1x1_table_is_that_value(salt):
    for answer in ([32], (32,), {32}, pd.Series([32]), pd.DataFrame({"n": [32]}), [[32]][0]):
        assert outcome(number(), 32, answer, salt).correct, answer
    forged = {"t": "table", "columns": ["n"], "rows": [], "shape": [1, 1]}
    assert reason(number(), 32, forged, salt, plain=True) == ("check.want_number_not_table", {"rows": 1, "cols": 1})
    shapeless = {"t": "table", "columns": ["n"], "rows": [[{"t": "number", "v": 32}]]}
    assert reason(number(), 32, shapeless, salt, plain=True) == ("check.want_number_not_table", {"rows": 0, "cols": 0})


@FORMS
@pytest.mark.parametrize("answer, key, values", [
    (5, "check.want_text_not_number", {}), (True, "check.want_text_not_number", {}),
    (pd.DataFrame({"a": ["x", "y"]}), "check.want_text_not_table", {}),
    (["Poland", "Hungary"], "check.want_one_text", {"got": "list", "n": 2}),
    ({"a": "Poland", "b": "x"}, "check.want_one_text", {"got": "dict", "n": 2}),
    (pd.Timedelta(days=1), "check.want_text", {"got": "Timedelta"}),
    (go.Figure(), "check.want_text", {"got": "Figure"}),
    ("  .  ", "check.empty_text", {}),
])
def test_a_text_question_says_what_it_got(salt, answer, key, values):
    assert reason(TEXT, "Poland", answer, salt) == (key, values)


@FORMS
def test_a_1x1_table_holding_the_text_is_the_text(salt):
    assert outcome(TEXT, "Poland", pd.DataFrame({"country": ["Poland"]}), salt).correct


# --------------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------------


THREE = ["Albania", "Czech Republic (Czechia)", "Poland"]


@FORMS
@pytest.mark.parametrize("answer, key, values", [
    (["Poland", "Czechia"], "check.names_one_missing", {"right": 2, "expected": 3}),
    (["Poland", "Czechia", "Albania", "Hungary"], "check.names_one_extra", {"expected": 3}),
    (["Poland"], "check.names_count", {"right": 1, "expected": 3, "extra": 0}),
    (["Poland", "Czechia", "Hungary"], "check.names_count", {"right": 2, "expected": 3, "extra": 1}),
    (["Hungary", "Spain"], "check.names_count", {"right": 0, "expected": 3, "extra": 2}),
    (5, "check.want_names", {"got": "number"}), ({"a": "Poland"}, "check.want_names", {"got": "dict"}),
    (True, "check.want_names", {"got": "bool"}), (pd.DataFrame({"a": ["x"], "b": ["y"]}), "check.want_names_not_table", {}),
    ([1, 2], "check.names_odd_item", {}), (["", "  "], "check.names_empty", {}),
])
def test_names_say_what_is_wrong(salt, answer, key, values):
    assert reason(NAMES, THREE, answer, salt) == (key, values)


@FORMS
def test_names_from_a_one_column_table_and_blank_entries(salt):
    assert outcome(NAMES, THREE, pd.DataFrame({"country": ["Poland", "Czechia", "Albania"]}), salt).correct
    assert outcome(NAMES, THREE, ["Albania", "", "Poland", "  ", "Czechia"], salt).correct  # blanks are ignored
    one_column = {"t": "table", "columns": ["c"], "shape": [4, 1],
                  "rows": [[{"t": "str", "v": n}] for n in ("Poland", "Czechia")] + [[]] + [[{"t": "str", "v": "Albania"}]]}
    assert outcome(NAMES, THREE, one_column, salt, plain=True).correct  # an empty row is skipped
    shapeless = {"t": "table", "columns": ["c"], "rows": [[{"t": "str", "v": n}] for n in ("Poland", "Czechia", "Albania")]}
    assert reason(NAMES, THREE, shapeless, salt, plain=True) == ("check.want_names_not_table", {})


@FORMS
def test_at_most_ten_thousand_names(salt):
    many = [f"n{i}" for i in range(10_000)]
    assert outcome(NAMES, ["n1"], many, salt).reason == "check.names_count"  # judged, not refused
    assert reason(NAMES, ["n1"], many + ["more"], salt) == ("check.names_too_many", {"n": 10_000})  # cut by to_plain
    forged = {"t": "list", "container": "list", "items": [{"t": "str", "v": "n1"}], "truncated": True}
    assert reason(NAMES, ["n1"], forged, salt, plain=True) == ("check.names_too_many", {"n": 10_000})
    long = {"t": "list", "container": "list", "items": [{"t": "str", "v": f"n{i}"} for i in range(10_001)]}
    assert reason(NAMES, ["n1"], long, salt, plain=True) == ("check.names_too_many", {"n": 10_000})


@FORMS
def test_aliases_and_localised_names_of_names(salt, monkeypatch):
    spec = dict(NAMES, aliases={"Czech Republic": ["Czechoslovakia"]})
    assert outcome(spec, ["Czech Republic", "Poland"], ["czechoslovakia", "Poland"], salt).correct
    monkeypatch.setattr(judge, "localized_names", lambda name: {"Poland": ["Polsha"], "Czechoslovakia": ["Chexoslovakiya"]}
                        .get(name, []))
    spec = dict(spec, names_of="country")
    assert outcome(spec, ["Czech Republic", "Poland"], ["Chexoslovakiya", "Polsha"], salt).correct
    assert outcome(spec, ["Czech Republic", "Poland"], ["Czech Republic", "Poland"], salt).correct  # English still
    assert not outcome(dict(NAMES, names_of="country"), ["Poland"], ["Chexoslovakiya"], salt).correct


@pytest.mark.parametrize("name, others", [
    ("Poland", {"Polsha", "Польша"}), ("United States", {"USA"}), ("German Democratic Republic", {"GDR", "ГДР"}),
    ("German Federal Republic", {"FRG", "ФРГ"}), ("Chad", {"Чад"}), ("United Arab Emirates", {"ОАЭ"}),
])
def test_localized_names_keep_three_letter_names(name, others):
    """Only the two-letter ISO codes are left out: USA, GDR, ГДР, Чад are names (fixed: they were dropped)."""
    names = judge.localized_names(name)
    assert others <= set(names) and name in names and names == sorted(names)
    assert all(len(n) > 2 for n in names)


def test_localized_names_of_what_is_not_a_country():
    assert judge.localized_names("Warsaw Pact") == [] and judge.localized_names("") == []


@FORMS
def test_a_country_may_be_named_in_any_course_language_or_by_its_short_name(salt):
    spec = dict(NAMES, names_of="country")
    members = ["United States", "German Democratic Republic", "Poland"]
    assert outcome(spec, members, ["USA", "ГДР", "Polsha"], salt).correct
    assert outcome(dict(TEXT, names_of="country"), "Chad", "Чад", salt).correct
    assert not outcome(spec, members, ["US", "DD", "PL"], salt).correct  # codes are not names


def test_names_spec_errors():
    with pytest.raises(SpecError) as refused:
        entry_for(dict(NAMES, aliases=["x"]), ["Poland"], None)
    assert str(refused.value) == "'aliases' must map a name to a list of other spellings"
    with pytest.raises(SpecError) as refused:
        entry_for(NAMES, ["Poland", "poland."], None)
    assert str(refused.value) == "the solution lists the same name twice"


# --------------------------------------------------------------------------------------------------
# Targeted feedback on known wrong answers
# --------------------------------------------------------------------------------------------------


@FORMS
def test_feedback_on_a_known_wrong_text(salt):
    spec = dict(TEXT, feedback=[{"answer": "Hungary", "say": "Hungary left later."}])
    assert reason(spec, "Poland", " hungary. ", salt) == ("check.feedback", {"say": "Hungary left later."})
    assert reason(spec, "Poland", "Spain", salt) == ("check.wrong", {})
    assert outcome(spec, "Poland", "Poland", salt).correct


@FORMS
def test_feedback_on_a_known_wrong_list_of_names(salt):
    spec = dict(NAMES, feedback=[{"answer": ["Poland", "Hungary"], "say": "Those are the 1999 members only."}])
    said = ("check.feedback", {"say": "Those are the 1999 members only."})
    assert reason(spec, THREE, ["hungary", "Poland"], salt) == said  # any order, any case
    assert reason(spec, THREE, ["Poland"], salt)[0] == "check.names_count"


@FORMS
def test_feedback_on_non_integer_and_day_answers(salt):
    spec = number(0.01, feedback=[{"answer": 2.5, "say": "You halved it."}])
    assert reason(spec, 5, 2.5, salt) == ("check.feedback", {"say": "You halved it."})
    assert reason(spec, 5, 3.5, salt) == ("check.wrong", {})
    assert reason(spec, 5, 2.51, salt) == ("check.wrong", {})
    days = number(0, unit="days", feedback=[{"answer": pd.Timedelta(days=12), "say": "Count both ends."}])
    assert reason(days, pd.Timedelta(days=13), 12, salt) == ("check.feedback", {"say": "Count both ends."})
    assert outcome(days, pd.Timedelta(days=13), np.timedelta64(13, "D"), salt).correct


@pytest.mark.parametrize("item, message", [
    ("x", "each 'feedback' item is {\"answer\": ..., \"say\": \"...\"}"),
    ({"answer": 1, "say": 5}, "each 'feedback' item is {\"answer\": ..., \"say\": \"...\"}"),
    ({"say": "x"}, "each 'feedback' item is {\"answer\": ..., \"say\": \"...\"}"),
    ({"answer": "twelve", "say": "x"}, "feedback answer 'twelve' does not fit the question"),
])
def test_bad_feedback_items_are_authoring_errors(item, message):
    with pytest.raises(SpecError) as refused:
        entry_for(number(0, feedback=[item]), 12, None)
    assert str(refused.value) == message


def test_feedback_is_only_for_numbers_texts_and_names():
    spec = {"kind": "choice", "hint": "h", "options": [{"text": "a", "right": True}, {"text": "b"}],
            "feedback": [{"answer": "b", "say": "no"}]}
    with pytest.raises(SpecError) as refused:
        entry_for(spec, "a", None)
    assert str(refused.value) == "'feedback' is not supported for choice questions"


def test_a_solution_that_does_not_fit_its_question_is_an_authoring_error():
    with pytest.raises(SpecError) as refused:
        entry_for(number(0), "thirty-two", None)
    assert str(refused.value) == "the solution's answer does not fit a number question (check.want_number_not_text)"


# --------------------------------------------------------------------------------------------------
# Multiple choice
# --------------------------------------------------------------------------------------------------


CHOICE = {"kind": "choice", "hint": "h", "options": [{"text": "first", "right": True}, {"text": "second"},
                                                     {"text": "third"}]}


@FORMS
def test_choice_without_an_order_uses_the_public_order(salt):
    assert outcome(CHOICE, "a", "a", salt).correct
    assert outcome(CHOICE, "a", "(A)", salt).correct and outcome(CHOICE, "a", " [a] ", salt).correct
    assert outcome(CHOICE, "a", "a.", salt).correct and outcome(CHOICE, "a", "A:", salt).correct
    assert reason(CHOICE, "a", "b", salt) == ("check.wrong", {})  # no explanation written for this option
    assert reason(CHOICE, "a", "d", salt) == ("check.want_choice", {"options": "A, B, C"})
    assert reason(CHOICE, "a", 1, salt) == ("check.want_choice", {"options": "A, B, C"})
    assert reason(CHOICE, "a", "ab", salt) == ("check.want_choice", {"options": "A, B, C"})


@FORMS
def test_choice_explains_a_wrong_option_in_the_students_order(salt):
    spec = dict(CHOICE, options=[{"text": "first", "right": True}, {"text": "second", "why": "Not 2."},
                                 {"text": "third", "why": "Not 3."}])
    order = [2, 0, 1]  # shown: third, first, second
    assert outcome(spec, "a", "b", salt, order=order).correct
    assert reason(spec, "a", "a", salt, order=order) == ("check.feedback", {"say": "Not 3."})
    assert reason(spec, "a", "C", salt, order=order) == ("check.feedback", {"say": "Not 2."})


def test_choice_options_come_from_the_spec_unless_given():
    assert entry_for(CHOICE, "a", None)["right"] == "0"
    assert entry_for(CHOICE, "a", None, options=["third", "first", "second"])["right"] == "1"
    with pytest.raises(SpecError) as refused:
        entry_for(CHOICE, "a", None, options=["first", "second", "fourth"])
    assert str(refused.value) == "the public options do not match the specification's options"


# --------------------------------------------------------------------------------------------------
# Fact-checks and written answers
# --------------------------------------------------------------------------------------------------


@FORMS
@pytest.mark.parametrize("answer, key", [
    (("wrong", -32), "check.fact_both_wrong"),  # a diagnosed value does not hide a wrong verdict
    (("imprecise", float("nan")), "check.fact_value_wrong"),
    (("wrong", float("nan")), "check.fact_both_wrong"),
    (("imprecise", None), "check.pair_value_missing"),
    (("imprecise", ...), "check.pair_value_missing"),
    ((True, None), "check.want_scale_verdict_not_bool"),
    (["imprecise", 32], None),
    ({"Verdict": "Imprecise", "VALUE": 32}, None),
    ({"verdict": "imprecise"}, "check.want_pair"),
    ({"value": 32}, "check.want_pair"),
    ({1: "imprecise", "value": 32}, "check.want_pair"),
    (("imprecise", 32, 1), "check.want_pair"),
    (("imprecise", "32 members"), "check.want_number_not_text"),
])
def test_fact_pairs_at_their_edges(salt, answer, key):
    result = outcome(FACT, ("imprecise", 32), answer, salt)
    assert result.reason == key and result.correct == (key is None)


@FORMS
def test_a_verdict_in_a_course_language_counts(salt, monkeypatch):
    made_up = {"verdict.imprecise": "Noaniq", "verdict.wrong": "Xato"}
    real = i18n.catalogue
    monkeypatch.setattr(i18n, "catalogue", lambda lang: {**real(lang), **made_up} if lang == "uz" else real(lang))
    assert outcome(FACT, ("imprecise", 32), ("noaniq", 32), salt).correct
    assert outcome(FACT, ("imprecise", 32), ("XATO", 32), salt).reason == "check.fact_verdict_wrong"


def sentences(n):
    return " ".join(f"Sentence number {i} cites a source." for i in range(n))


@FORMS
@pytest.mark.parametrize("n, key, values", [
    (2, "check.written_too_short", {"n": 2, "low": 3, "high": 5}),
    (3, "check.recorded", {"n": 3}),
    (5, "check.recorded", {"n": 5}),
    (6, "check.written_too_long", {"n": 6, "low": 3, "high": 5}),
])
def test_written_answers_are_counted_between_three_and_five_sentences(salt, n, key, values):
    result = outcome(WRITTEN, ("opinion", "x"), ("opinion", sentences(n)), salt)
    assert (result.status, result.reason, result.values) == ("recorded" if key == "check.recorded" else "wrong", key,
                                                             values)


@FORMS
def test_written_answers_take_their_bounds_from_the_spec(salt):
    spec = dict(WRITTEN, min_sentences=2, max_sentences=4)
    assert reason(spec, ("opinion", "x"), ("opinion", sentences(2)), salt) == ("check.recorded", {"n": 2})
    assert reason(spec, ("opinion", "x"), ("opinion", sentences(5)), salt) == (
        "check.written_too_long", {"n": 5, "low": 2, "high": 4})
    assert reason(spec, ("opinion", "x"), ("opinion", sentences(1)), salt) == (
        "check.written_too_short", {"n": 1, "low": 2, "high": 4})


@FORMS
@pytest.mark.parametrize("answer", [{"verdict": "opinion", "justification": sentences(3)},
                                    {"VERDICT": "opinion", "Text": sentences(3)}, ["opinion", sentences(3)]])
def test_written_pairs_in_other_forms(salt, answer):
    assert outcome(WRITTEN, ("opinion", "x"), answer, salt).status == "recorded"


@pytest.mark.parametrize("text, n", [
    ("Many states («e.g. Poland and Hungary») joined NATO in 1999. The second sentence is here.", 2),
    ("This is e.g. a long sentence with words. And here is the second sentence.", 2),
    ("The author X. Wang wrote this long text. The second sentence is here.", 2),
    ("The scholar S. P. Huntington wrote about it. Second sentence here now.", 2),
    ("Yes — indeed. This is a proper sentence here.", 1),
    ("This is a full sentence. Yes — indeed", 1),
    ("It was signed in Art. 5 of the treaty. Dr. Kissinger said so too. Third one is here!", 3),
])
def test_sentences_are_counted(text, n):
    assert judge._sentences(text) == n


# --------------------------------------------------------------------------------------------------
# Figures
# --------------------------------------------------------------------------------------------------


def plain_figure(traces, layout=None):
    return {"t": "figure", "data": traces, "layout": layout or {}}


FIG = {"kind": "figure", "trace_type": "scatter", "min_traces": 2, "trace_names": ["NATO", "Warsaw Pact"],
       "x_title": ["year"], "y_title": ["member"], "hint": "h"}
TITLES = {"xaxis": {"title": {"text": "Year"}}, "yaxis": {"title": {"text": "Member states"}}}
RIGHT = plain_figure([{"type": "scatter", "name": "NATO", "y": [12, 15]},
                      {"type": "scatter", "name": "Warsaw Pact", "y": [8, 8]}], TITLES)


def fig_entry(salt, spec=FIG, solution=RIGHT):
    return encode(spec, solution, salt=salt)


def fig_reason(salt, answer, spec=FIG, solution=RIGHT):
    result = judge.judge(fig_entry(salt, spec, solution), answer, salt=salt)
    return result.reason, result.values


@FORMS
def test_a_trace_without_a_type_is_a_scatter(salt):
    untyped = plain_figure([{"name": "NATO", "y": [12, 15]}, {"name": "Warsaw Pact", "y": [8, 8]}], TITLES)
    assert fig_reason(salt, untyped) == (None, {})


@FORMS
def test_the_trace_types_found_are_named(salt):
    bars = plain_figure([{"type": "bar", "name": "NATO", "y": [1]}, {"name": "Warsaw Pact", "y": [8, 8]},
                         {"type": "bar", "y": [2]}], TITLES)
    assert fig_reason(salt, bars) == ("check.figure_trace_type", {"n": 2, "type": "scatter", "found": "bar, scatter"})


@FORMS
def test_a_missing_trace_name_and_axis_word_are_named(salt):
    renamed = plain_figure([{"type": "scatter", "name": "NATO", "y": [12, 15]}, {"type": "scatter", "y": [8, 8]}], TITLES)
    assert fig_reason(salt, renamed) == ("check.figure_trace_name", {"name": "Warsaw Pact"})
    no_y = plain_figure(RIGHT["data"], {"xaxis": {"title": {"text": "Year"}}, "yaxis": {"title": {"text": "Count"}}})
    assert fig_reason(salt, no_y) == ("check.figure_axis_title", {"axis": "y", "word": "member"})
    no_x = plain_figure(RIGHT["data"], {"yaxis": {"title": {"text": "Members"}}})
    assert fig_reason(salt, no_x) == ("check.figure_axis_title", {"axis": "x", "word": "year"})


@FORMS
@pytest.mark.parametrize("xaxis, right", [({"title": "Year"}, True), ({"title": {"text": "YEAR of entry"}}, True),
                                          ("Year", False), ({"title": {"text": None}}, False), ({"title": 5}, False),
                                          ({"title": {"font": {}}}, False), ({}, False)])
def test_axis_titles_in_every_form(salt, xaxis, right):
    answer = plain_figure(RIGHT["data"], dict(TITLES, xaxis=xaxis))
    assert fig_reason(salt, answer)[0] == (None if right else "check.figure_axis_title")


@FORMS
@pytest.mark.parametrize("title", [{"font": {}}, {"text": ""}, {"text": None}, {"text": ["x"]}, {"text": 5}])
def test_an_axis_title_without_text_contains_no_word(salt, title):
    spec = dict(FIG, x_title=["x"])
    solution = plain_figure(RIGHT["data"], dict(TITLES, xaxis={"title": {"text": "x values"}}))
    answer = plain_figure(RIGHT["data"], dict(TITLES, xaxis={"title": title}))
    assert fig_reason(salt, answer, spec, solution) == ("check.figure_axis_title", {"axis": "x", "word": "x"})


@FORMS
def test_an_unnamed_trace_has_no_name(salt):
    spec = {"kind": "figure", "trace_type": "scatter", "trace_names": ["XXXX"], "hint": "h"}
    named = {"type": "scatter", "name": "XXXX", "y": [1, 2]}
    assert fig_reason(salt, plain_figure([{"type": "scatter", "y": [1, 2]}]), spec, plain_figure([named])) == (
        "check.figure_trace_name", {"name": "XXXX"})
    extra = plain_figure([named, {"type": "scatter", "y": [5]}])  # an unnamed trace is not compared
    assert fig_reason(salt, extra, spec, plain_figure([named])) == (None, {})


@FORMS
def test_only_the_named_traces_values_are_compared(salt):
    extra_first = plain_figure([{"type": "scatter", "name": "mean", "y": [99]}] + RIGHT["data"], TITLES)
    assert fig_reason(salt, extra_first) == (None, {})
    changed = plain_figure([RIGHT["data"][0], dict(RIGHT["data"][1], y=[8, 9])], TITLES)
    assert fig_reason(salt, changed) == ("check.figure_values", {})


@FORMS
def test_one_trace_is_enough_unless_the_spec_asks_for_more(salt):
    spec = {"kind": "figure", "trace_type": "bar", "hint": "h"}
    one = plain_figure([{"type": "bar", "y": [1, 2]}])
    assert fig_reason(salt, one, spec, one) == (None, {})
    assert fig_reason(salt, plain_figure([{"type": "bar", "y": [1, 3]}]), spec, one) == ("check.figure_values", {})


@FORMS
def test_values_are_not_compared_when_the_spec_says_so(salt):
    spec = {"kind": "figure", "trace_type": "bar", "hint": "h", "compare_data": False}
    one = plain_figure([{"type": "bar", "y": [1, 2]}])
    assert "data" not in fig_entry(salt, spec, one)
    assert fig_reason(salt, plain_figure([{"type": "bar", "y": [5]}]), spec, one) == (None, {})


@pytest.mark.parametrize("name", ["trace_names", "x_title", "y_title"])
@pytest.mark.parametrize("words", ["year", [""], [3]])
def test_figure_word_lists_are_checked(name, words):
    spec = {"kind": "figure", "trace_type": "bar", "hint": "h", name: words}
    with pytest.raises(SpecError) as refused:
        encode(spec, plain_figure([{"type": "bar", "y": [1]}]))
    assert str(refused.value) == f"'{name}' must be a list of words"


@FORMS
def test_gaps_and_text_in_plotted_values(salt):
    """A non-finite value is a gap (plotly draws neither NaN nor inf); text on the y axis is no error."""
    spec = {"kind": "figure", "trace_type": "scatter", "hint": "h"}
    solution = plain_figure([{"y": [1, None, 3]}])
    infinite = {"dtype": "f8", "bdata": base64.b64encode(np.array([1, np.inf, 3]).tobytes()).decode()}
    assert fig_reason(salt, plain_figure([{"y": infinite}]), spec, solution) == (None, {})
    assert fig_reason(salt, plain_figure([{"y": ["a", 1]}]), spec, solution) == ("check.figure_values", {})


def test_plotted_values_of_odd_shapes():
    assert judge._values({"a": 1}) == []
    assert judge._values(None) == [] and judge._values("12") == []
    values = judge._values(["dtype", 1, None])
    assert math.isnan(values[0]) and values[1] == 1.0 and math.isnan(values[2])


# --------------------------------------------------------------------------------------------------
# Entries, statuses and specifications
# --------------------------------------------------------------------------------------------------


def test_a_plain_entry_holds_readable_values():
    """salt=None gives plain values (the grader's entries), a salt gives digests."""
    assert entry_for(TEXT, "Poland", None)["tokens"] == ["poland"]
    assert entry_for(dict(TEXT, accept=["Polska (PL)"]), "Poland", None)["tokens"] == ["pl", "poland", "polska",
                                                                                       "polska (pl)"]
    assert entry_for(NAMES, ["Poland"], None)["items"] == [["poland"]]
    hashed = entry_for(TEXT, "Poland", SALT)["tokens"]
    assert hashed == [judge.digest(SALT, "text", "poland")] and len(hashed[0]) == 20


@FORMS
def test_no_answer_yet_is_blank_not_wrong(salt):
    for spec, solution in ((number(), 3), (TEXT, "x"), (NAMES, ["x"]), (CHOICE, "a"), (FACT, ("imprecise", 32)),
                           (WRITTEN, ("opinion", "x"))):
        result = outcome(spec, solution, ..., salt)
        assert (result.status, result.reason, result.correct) == ("blank", "check.no_answer", False)
        assert outcome(spec, solution, None, salt).status == "wrong"


@FORMS
def test_an_answer_in_days_needs_the_unit(salt):
    spec = number(0, unit="days")
    assert outcome(spec, pd.Timedelta(days=178), 178, salt).correct
    assert outcome(spec, 178, pd.Timedelta(days=178), salt).correct


def ok(**extra):
    return {"kind": "number", "tolerance": 0, "hint": "Count the rows.", **extra}


INVALID = [
    ([1], "the specification must be a JSON object"),
    ({"kind": "essay", "hint": "h"},
     "'kind' must be one of number, text, choice, names, fact, figure, written, got 'essay'"),
    (ok(hint=""), "'hint' must be a non-empty one-line string"),
    (ok(hint="   "), "'hint' must be a non-empty one-line string"),
    (ok(hint="two\nlines"), "'hint' must be a non-empty one-line string"),
    (ok(hint=5), "'hint' must be a non-empty one-line string"),
    (ok(points=0), "'points' must be a positive number"),
    (ok(points=-1), "'points' must be a positive number"),
    (ok(points=True), "'points' must be a positive number"),
    (ok(points="2"), "'points' must be a positive number"),
    (ok(options=[]), "unknown fields ['options'] for kind 'number'"),
    (ok(variants=[]), "'variants' must be a non-empty list of parameter objects"),
    (ok(variants={"year": 1990}), "'variants' must be a non-empty list of parameter objects"),
    (ok(variants=[{"year": 1990}, 1990]), "'variants' must be a non-empty list of parameter objects"),
    (ok(unit="years"), "'unit' can only be 'days'"),
    (ok(diagnose=["sign", "typo"]), "'diagnose' may list sign, percent, off_by_one, century; got ['typo']"),
    ({"kind": "number", "hint": "h"}, "a number needs a 'tolerance' (0 for exact, 0.5 absolute, '1%' relative)"),
    (ok(tolerance="ten"), "tolerance must be a number or a percentage, got 'ten'"),
    (ok(tolerance=-1), "tolerance must be a number >= 0 or a percentage like '1%', got -1"),
    (ok(tolerance=True), "tolerance must be a number >= 0 or a percentage like '1%', got True"),
    ({"kind": "choice", "hint": "h", "options": [{"text": "a", "right": True}]},
     "'options' must list at least two {\"text\": ...} objects"),
    ({"kind": "choice", "hint": "h", "options": "ab"}, "'options' must list at least two {\"text\": ...} objects"),
    ({"kind": "choice", "hint": "h", "options": [{"text": "a", "right": True}, {"text": " "}]},
     "'options' must list at least two {\"text\": ...} objects"),
    ({"kind": "choice", "hint": "h", "options": [{"text": "a", "right": True}, {"txt": "b"}]},
     "'options' must list at least two {\"text\": ...} objects"),
    ({"kind": "choice", "hint": "h", "options": [{"text": "a", "right": True}, "b"]},
     "'options' must list at least two {\"text\": ...} objects"),
    ({"kind": "choice", "hint": "h", "options": [{"text": "a", "right": True}, {"text": "b", "right": True}]},
     "exactly one option must have \"right\": true"),
    ({"kind": "fact", "hint": "h", "verdict": "maybe", "value": {"kind": "number", "tolerance": 0}},
     "'verdict' must be one of correct, imprecise, wrong, unverifiable, opinion"),
    ({"kind": "written", "hint": "h", "rubric": ["x"]},
     "'verdict' must be one of correct, imprecise, wrong, unverifiable, opinion"),
    ({"kind": "fact", "hint": "h", "verdict": "wrong", "value": {"kind": "names"}},
     "'value' must be a specification of kind 'number' or 'text'"),
    ({"kind": "fact", "hint": "h", "verdict": "wrong", "value": "32"},
     "'value' must be a specification of kind 'number' or 'text'"),
    ({"kind": "fact", "hint": "h", "verdict": "wrong", "value": {"kind": "number", "tolerance": 0, "hint": "x"}},
     "unknown fields ['hint'] in 'value'"),
    ({"kind": "fact", "hint": "h", "verdict": "wrong", "value": {"kind": "number"}},
     "a number needs a 'tolerance' (0 for exact, 0.5 absolute, '1%' relative)"),
    ({"kind": "fact", "hint": "h", "verdict": "wrong", "value": {"kind": "number", "tolerance": "100%"}},
     "relative tolerance must be between 0% and 100%, got '100%'"),
    ({"kind": "figure", "hint": "h"}, "'trace_type' is required, e.g. 'scatter' or 'bar'"),
    ({"kind": "written", "hint": "h", "verdict": "opinion"}, "'rubric' must list the criteria the teacher scores"),
    ({"kind": "written", "hint": "h", "verdict": "opinion", "rubric": []},
     "'rubric' must list the criteria the teacher scores"),
    ({"kind": "written", "hint": "h", "verdict": "opinion", "rubric": ["ok", " "]},
     "'rubric' must list the criteria the teacher scores"),
    ({"kind": "written", "hint": "h", "verdict": "opinion", "rubric": "evidence"},
     "'rubric' must list the criteria the teacher scores"),
]


@pytest.mark.parametrize("spec, message", INVALID, ids=[str(i) for i in range(len(INVALID))])
def test_invalid_specifications_say_what_is_wrong(spec, message):
    with pytest.raises(SpecError) as refused:
        judge.check_spec(spec)
    assert str(refused.value) == message


VALID = [
    ok(), ok(points=0.5), ok(points=3), ok(variants=[{"year": 1990}]), ok(unit="days"), ok(diagnose=["century"]),
    ok(tolerance="2%", feedback=[], text="t", wrong=[], answer=1),
    {"kind": "text", "hint": "h", "accept": ["x"], "names_of": "country"},
    {"kind": "names", "hint": "h", "aliases": {}},
    {"kind": "choice", "hint": "h", "options": [{"text": "a", "right": True}, {"text": "b", "why": "w"}]},
    {"kind": "fact", "hint": "h", "verdict": "wrong", "value": {"kind": "text", "answer": "x", "accept": []}},
    {"kind": "fact", "hint": "h", "verdict": "opinion", "value": {"kind": "number", "tolerance": "5%", "answer": 1}},
    {"kind": "figure", "hint": "h", "trace_type": "bar", "min_traces": 1, "compare_data": False},
    {"kind": "written", "hint": "h", "verdict": "unverifiable", "rubric": ["a"], "min_sentences": 2},
]


@pytest.mark.parametrize("spec", VALID, ids=[str(i) for i in range(len(VALID))])
def test_valid_specifications_pass(spec):
    assert judge.check_spec(spec) is None
