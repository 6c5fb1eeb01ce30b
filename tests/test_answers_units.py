"""Plain data, exactly: what a student's answer becomes, its caps, and what the grader accepts back.

The plain form is the contract between the sandbox and the judge (module docstring of
:mod:`ircourse.homework.answers`): the expected values below are written from that documented format,
not produced by the code. Two properties tie the sides together: everything :func:`to_plain` makes is
accepted by :func:`validate_plain` (so no honest answer is dropped by the grader), and everything else
is refused, for the reason named in the exception.
"""

from __future__ import annotations

import datetime as dt
import json
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from ircourse.homework import answers
from ircourse.homework.answers import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_ITEMS,
    MAX_TEXT,
    InvalidPlain,
    to_plain,
    validate_plain,
)


def num(v):
    return {"t": "number", "v": v}


def text(v):
    return {"t": "str", "v": v}


def seq(items, container="list"):
    return {"t": "list", "container": container, "items": items}


def nested(inner, levels):
    """``inner`` inside ``levels`` lists."""
    for _ in range(levels):
        inner = [inner]
    return inner


def nested_plain(inner, levels):
    for _ in range(levels):
        inner = seq([inner])
    return inner


TOO_DEEP_LIST = {"t": "other", "type": "list", "problem": "nested too deeply"}


# --------------------------------------------------------------------------------------------------
# Odd objects a student may assign (look-alikes and hostile ones)
# --------------------------------------------------------------------------------------------------


class ExplodingList(list):
    """A list whose iteration raises: the conversion fails inside, and says so."""

    def __iter__(self):
        raise KeyboardInterrupt


class NamelessMeta(type):
    @property
    def __name__(cls):
        raise RuntimeError("no name")


class Nameless(metaclass=NamelessMeta):
    pass


class ModulelessMeta(type):
    @property
    def __module__(cls):
        raise AttributeError("no module")


class Moduleless(metaclass=ModulelessMeta):
    pass


def numpy1_bool(value):
    """An object like numpy 1.x's booleans: type ``bool_`` of module ``numpy`` (numpy 2 names it ``bool``)."""
    return type("bool_", (), {"__module__": "numpy", "__bool__": lambda self: value})()


class Figure:
    """Not plotly's: e.g. matplotlib's figure has this name too."""


class ndarray:  # a look-alike of numpy's name, defined outside numpy
    pass


class Timedelta:
    """A time difference of another library (duck-typed by name, as pandas' is)."""

    def __init__(self, seconds):
        self.seconds = seconds

    def total_seconds(self):
        return self.seconds


class Timestamp:
    """A point in time of another library (duck-typed by name)."""

    def isoformat(self):
        return "1991-12-26T00:00:00"


class LongDate(dt.date):
    def isoformat(self):
        return "9" * 50


def zero_dim(obj):
    a = np.empty((), dtype=object)
    a[()] = obj
    return a


def matrix(rows):
    """numpy's matrix (deprecated, but a student may still make one)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        return np.matrix(rows)


def widget_named_figure():
    """An object of a plotly module named FigureWidget (the interactive figure)."""
    return type("FigureWidget", (go.Figure,), {"__module__": "plotly.graph_objs._figurewidget"})(
        go.Scatter(y=[1, 2]))


# --------------------------------------------------------------------------------------------------
# to_plain: one exact form per kind of value
# --------------------------------------------------------------------------------------------------


EXACT = [
    (lambda: float("-inf"), num("-inf")),
    (lambda: float("inf"), num("inf")),
    (lambda: 2**63 - 1, num(2**63 - 1)),
    (lambda: object(), {"t": "other", "type": "object"}),
    (lambda: Figure(), {"t": "other", "type": "Figure"}),
    (lambda: ndarray(), {"t": "other", "type": "ndarray"}),
    (lambda: type("A" * 100, (), {})(), {"t": "other", "type": "A" * 60}),
    (lambda: Nameless(), {"t": "other", "type": "object"}),
    (lambda: Moduleless(), {"t": "other", "type": "Moduleless"}),
    (lambda: numpy1_bool(True), {"t": "bool", "v": True}),
    (lambda: numpy1_bool(False), {"t": "bool", "v": False}),
    (lambda: ExplodingList([1]), {"t": "other", "type": "ExplodingList", "problem": "KeyboardInterrupt"}),
    (lambda: [ExplodingList([1]), 2], seq([{"t": "other", "type": "ExplodingList", "problem": "KeyboardInterrupt"}, num(2)])),
    (lambda: {"data": [1, 2]}, {"t": "other", "type": "dict", "problem": "not a figure"}),
    (lambda: 10**400, {"t": "other", "type": "int", "problem": "OverflowError"}),
    (lambda: np.datetime64("1991-07-01"), {"t": "datetime", "v": "1991-07-01T00:00:00"}),
    (lambda: np.datetime64("NaT"), {"t": "missing", "type": "NaT"}),
    (lambda: Timestamp(), {"t": "datetime", "v": "1991-12-26T00:00:00"}),
    (lambda: LongDate(1991, 7, 1), {"t": "datetime", "v": "9" * 40}),
    (lambda: Timedelta(43200.0), {"t": "timedelta", "days": 0.5}),
    (lambda: Timedelta(float("nan")), {"t": "missing", "type": "NaT"}),
    (lambda: Timedelta(float("inf")), {"t": "missing", "type": "NaT"}),
    (lambda: pd.Period("2020"), {"t": "other", "type": "Period"}),
    (lambda: matrix([[1, 2]]), {"t": "other", "type": "matrix"}),
    (lambda: pd.Index(["a", "b"]), seq([text("a"), text("b")], "index")),
    (lambda: pd.Series([1.5]), seq([num(1.5)], "series")),
    (lambda: np.array([1, 2]), seq([num(1), num(2)], "ndarray")),
    (lambda: np.array("Poland"), text("Poland")),
    (lambda: zero_dim([1, 2]), seq([num(1), num(2)])),
    (lambda: np.zeros((2, 3)), {"t": "other", "type": "ndarray", "shape": [2, 3]}),
    (lambda: np.zeros((1, 2, 3, 4, 5)), {"t": "other", "type": "ndarray", "shape": [1, 2, 3, 4]}),
    (lambda: {"a": 1}.keys(), seq([text("a")])),
    (lambda: {"a": 1}.values(), seq([num(1)])),
    (lambda: map(str, [1]), seq([text("1")])),
    (lambda: filter(None, [0, 2]), seq([num(2)])),
    (lambda: zip([1], ["a"]), seq([seq([num(1), text("a")], "tuple")])),
    (lambda: reversed((1, 2)), seq([num(2), num(1)])),
    (lambda: reversed([1, 2]), seq([num(2), num(1)])),  # a list's own reverse iterator (was refused: fixed)
    (lambda: {"a": 1}.items(), seq([seq([text("a"), num(1)], "tuple")])),  # (was refused: fixed)
    (lambda: iter([1]), seq([num(1)])),
    (lambda: (x for x in [1]), seq([num(1)])),
    (lambda: range(2), seq([num(0), num(1)])),
    (lambda: frozenset({2, 1}), seq([num(1), num(2)], "set")),
    (lambda: {2, "1"}, seq([num(2), text("1")], "set")),  # grouped by type, then by text
    (lambda: {(1, 2): "x"}, {"t": "dict", "items": [[seq([num(1), num(2)], "tuple"), text("x")]]}),
    (lambda: pd.DataFrame({"a": [1, 2], "b": ["x", "y"]}, index=[7, 8]),
     {"t": "table", "columns": ["a", "b"], "rows": [[num(1), text("x")], [num(2), text("y")]], "shape": [2, 2]}),
]


@pytest.mark.parametrize("make, plain", EXACT, ids=[str(i) for i in range(len(EXACT))])
def test_exact_plain_form(make, plain):
    """Values are made in the test (iterators are used up; a mutant run repeats the test)."""
    assert to_plain(make()) == plain


def test_whole_numbers_stay_whole_up_to_int64():
    """The class report shows 200, not 200.0; past int64 a number becomes a float (JSON readers)."""
    for n in (200, -200, 2**63 - 1, -(2**63 - 1)):
        assert type(to_plain(n)["v"]) is int and json.dumps(to_plain(n)) == f'{{"t": "number", "v": {n}}}'
    for n in (2**63, -(2**63), 2**64):
        assert to_plain(n) == num(float(n)) and type(to_plain(n)["v"]) is float


def test_a_plotly_figure_widget_is_a_figure():
    plain = to_plain(widget_named_figure())
    assert plain["t"] == "figure" and plain["data"][0]["y"] == [1, 2]
    assert to_plain(go.FigureWidget(go.Bar(y=[3])))["data"][0]["type"] == "bar"


def test_equal_sets_give_equal_plain_data():
    """0 and 8 share a hash slot: the two sets iterate in different orders, their answers must not differ."""
    first, second = set([8, 0]), set([0, 8])  # noqa: C405 - built in this order on purpose
    assert list(first) != list(second)
    assert to_plain(first) == to_plain(second) == seq([num(0), num(8)], "set")
    assert to_plain({"b", "a", "c"}) == seq([text("a"), text("b"), text("c")], "set")
    mixed_first, mixed_second = set([8, 0, "a"]), set([0, 8, "a"])  # noqa: C405 - as above; mixed types: no <
    assert [x for x in mixed_first if x != "a"] != [x for x in mixed_second if x != "a"]
    assert to_plain(mixed_first) == to_plain(mixed_second) == seq([num(0), num(8), text("a")], "set")


# --------------------------------------------------------------------------------------------------
# Caps: depth, length, size (boundaries on both sides)
# --------------------------------------------------------------------------------------------------


def test_lists_nest_to_max_depth():
    assert to_plain(nested(1, MAX_DEPTH)) == nested_plain(num(1), MAX_DEPTH)
    assert to_plain(nested(1, MAX_DEPTH + 1)) == nested_plain(TOO_DEEP_LIST, MAX_DEPTH)


def test_dict_values_and_keys_nest_like_lists():
    inner = {"k": [1]}
    assert to_plain(nested(inner, MAX_DEPTH - 2)) == nested_plain(
        {"t": "dict", "items": [[text("k"), seq([num(1)])]]}, MAX_DEPTH - 2)
    assert to_plain(nested(inner, MAX_DEPTH - 1)) == nested_plain(
        {"t": "dict", "items": [[text("k"), TOO_DEEP_LIST]]}, MAX_DEPTH - 1)
    keyed = {(1,): 0}
    assert to_plain(nested(keyed, MAX_DEPTH - 2)) == nested_plain(
        {"t": "dict", "items": [[seq([num(1)], "tuple"), num(0)]]}, MAX_DEPTH - 2)
    assert to_plain(nested(keyed, MAX_DEPTH - 1)) == nested_plain(
        {"t": "dict", "items": [[{"t": "other", "type": "tuple", "problem": "nested too deeply"}, num(0)]]},
        MAX_DEPTH - 1)


def test_table_cells_count_two_levels():
    """A cell is two levels below its table (row, then cell)."""

    def inside(plain, levels):
        for _ in range(levels):
            plain = plain["items"][0]
        return plain

    frame = pd.DataFrame({"a": [[1]]})
    assert inside(to_plain(nested(frame, MAX_DEPTH - 3)), MAX_DEPTH - 3)["rows"] == [[seq([num(1)])]]
    assert inside(to_plain(nested(frame, MAX_DEPTH - 2)), MAX_DEPTH - 2)["rows"] == [[TOO_DEEP_LIST]]
    assert to_plain(nested(frame, MAX_DEPTH)) == nested_plain(
        {"t": "other", "type": "DataFrame", "problem": "nested too deeply"}, MAX_DEPTH)


@pytest.mark.parametrize("make, container", [(list, "list"), (tuple, "tuple"), (lambda r: iter(list(r)), "list"),
                                             (pd.Series, "series")])
def test_sequences_are_cut_after_max_items(make, container):
    exact = to_plain(make(range(MAX_ITEMS)))
    assert len(exact["items"]) == MAX_ITEMS and "truncated" not in exact and exact["container"] == container
    longer = to_plain(make(range(MAX_ITEMS + 1)))
    assert len(longer["items"]) == MAX_ITEMS and longer["truncated"] is True
    assert longer["items"][-1] == num(MAX_ITEMS - 1)


def test_dicts_are_cut_after_max_items():
    exact = to_plain({k: 0 for k in range(MAX_ITEMS)})
    assert len(exact["items"]) == MAX_ITEMS and "truncated" not in exact
    longer = to_plain({k: 0 for k in range(MAX_ITEMS + 1)})
    assert len(longer["items"]) == MAX_ITEMS and longer["truncated"] is True
    assert longer["items"][-1] == [num(MAX_ITEMS - 1), num(0)]


def test_tables_are_cut_after_max_items_rows_and_200_columns():
    exact = to_plain(pd.DataFrame({"n": range(MAX_ITEMS)}))
    assert len(exact["rows"]) == MAX_ITEMS and "truncated" not in exact
    longer = to_plain(pd.DataFrame({"n": range(MAX_ITEMS + 1)}))
    assert len(longer["rows"]) == MAX_ITEMS and longer["truncated"] is True and longer["shape"] == [MAX_ITEMS + 1, 1]
    wide = to_plain(pd.DataFrame([list(range(250))], columns=[f"c{i}" for i in range(250)]))
    assert wide["shape"] == [1, 250] and len(wide["columns"]) == 200 and len(wide["rows"][0]) == 200
    assert wide["columns"][-1] == "c199" and wide["rows"][0][-1] == num(199)
    long_name = to_plain(pd.DataFrame({"x" * 300: [1]}))
    assert long_name["columns"] == ["x" * 200]


def test_text_is_cut_after_max_text():
    assert to_plain("é" * MAX_TEXT) == text("é" * MAX_TEXT)
    assert to_plain("é" * (MAX_TEXT + 1)) == {"t": "str", "v": "é" * MAX_TEXT, "truncated": True}


def _list_of_json_size(size):
    """A list of strings whose plain form is exactly ``size`` characters of JSON (measured by json.dumps)."""

    def measured(strings):
        return len(json.dumps(seq([text(s) for s in strings]), ensure_ascii=False))

    chunk, strings = "a" * 19_000, []
    while measured(strings + [chunk, ""]) <= size:
        strings.append(chunk)
    strings.append("a" * (size - measured(strings + [""])))
    assert measured(strings) == size and len(strings[-1]) <= MAX_TEXT
    return strings


def test_the_whole_answer_is_capped_at_max_bytes():
    kept = _list_of_json_size(MAX_BYTES)
    assert to_plain(kept) == seq([text(s) for s in kept])
    assert to_plain(_list_of_json_size(MAX_BYTES + 1)) == {"t": "other", "type": "list", "problem": "too large"}


def _figure_of_json_text(size):
    """A figure whose plotly JSON text is exactly ``size`` characters: Cyrillic names, escaped 6-fold there."""
    fig = go.Figure(go.Scatter(y=[1], name="ж" * 300_000, meta=""))
    short = len(pio.to_json(fig, validate=False, engine="json"))
    fig.data[0].meta = "x" * (size - short)
    assert len(pio.to_json(fig, validate=False, engine="json")) == size
    return fig


def test_a_figure_is_capped_on_its_json_text():
    kept = to_plain(_figure_of_json_text(MAX_BYTES))
    assert kept["t"] == "figure" and kept["data"][0]["name"] == "ж" * 300_000
    assert to_plain(_figure_of_json_text(MAX_BYTES + 1)) == {"t": "other", "type": "Figure", "problem": "too large"}


# --------------------------------------------------------------------------------------------------
# validate_plain: what to_plain makes passes; anything else is refused for its reason
# --------------------------------------------------------------------------------------------------


HONEST = [None, ..., float("nan"), pd.NA, True, np.bool_(False), 0, -7, 2.5, 2**70, float("inf"), float("-inf"),
          "Poland", "", pd.Timedelta(days=2), dt.timedelta(hours=-6), pd.Timestamp("1991-07-01"), dt.date(1991, 7, 1),
          [1, "a", None], (True, 4), {3, 1}, frozenset(), range(3), {"verdict": "wrong", "value": [1, 2]},
          {(1, 2): {"a": None}}, pd.Series([1.5, None]), pd.Index([1]), np.array([1, 2]), np.zeros((2, 2)),
          pd.DataFrame({"country": ["Poland", None], "n": [1, 2]}), pd.DataFrame(),
          go.Figure(go.Bar(x=["a"], y=[1], name="ж")), object(), 1 + 2j, b"x", ExplodingList([1]),
          nested(1, MAX_DEPTH + 3), nested(pd.DataFrame({"a": [[1]]}), MAX_DEPTH - 3), ["x" * MAX_TEXT] * 3,
          list(range(MAX_ITEMS)), list(range(MAX_ITEMS + 1)), pd.DataFrame({"n": range(MAX_ITEMS + 1)}),
          {k: k for k in range(MAX_ITEMS + 1)}]


@pytest.mark.parametrize("value", HONEST, ids=[f"{i}-{type(v).__name__[:20]}" for i, v in enumerate(HONEST)])
def test_every_honest_answer_is_accepted_back(value):
    """The grader reads the sandbox's JSON back: whatever to_plain made passes validate_plain unchanged."""
    plain = json.loads(json.dumps(to_plain(value), ensure_ascii=False))
    assert validate_plain(plain) == plain


def test_plain_data_nests_to_max_depth_plus_three():
    """Three levels of room above MAX_DEPTH (a table's cell is two below it); deeper is forged."""
    deepest = MAX_DEPTH + 3
    assert validate_plain(nested_plain(num(1), deepest)) == nested_plain(num(1), deepest)
    with pytest.raises(InvalidPlain, match="^nested too deeply$"):
        validate_plain(nested_plain(num(1), deepest + 1))

    def in_dict(inner, levels, as_key):
        for _ in range(levels):
            inner = {"t": "dict", "items": [[inner, num(0)] if as_key else [text("k"), inner]]}
        return inner

    def in_table(inner, levels):
        for _ in range(levels):
            inner = {"t": "table", "columns": ["c"], "rows": [[inner]], "shape": [1, 1]}
        return inner

    for build in (lambda n: in_dict(num(1), n, False), lambda n: in_dict(num(1), n, True),
                  lambda n: in_table(num(1), n)):
        assert validate_plain(build(deepest))
        with pytest.raises(InvalidPlain, match="^nested too deeply$"):
            validate_plain(build(deepest + 1))


@pytest.mark.parametrize("good, bad, reason", [
    (seq([num(0)] * MAX_ITEMS), seq([num(0)] * (MAX_ITEMS + 1)), "bad list"),
    ({"t": "dict", "items": [[num(0), num(0)]] * MAX_ITEMS},
     {"t": "dict", "items": [[num(0), num(0)]] * (MAX_ITEMS + 1)}, "bad dict"),
    ({"t": "table", "columns": ["a"], "rows": [[num(0)]] * MAX_ITEMS},
     {"t": "table", "columns": ["a"], "rows": [[num(0)]] * (MAX_ITEMS + 1)}, "bad table"),
    (text("x" * MAX_TEXT), text("x" * (MAX_TEXT + 1)), "bad text"),
])
def test_lengths_are_capped_as_to_plain_caps_them(good, bad, reason):
    assert validate_plain(good) == good
    with pytest.raises(InvalidPlain, match=f"^{reason}$"):
        validate_plain(bad)


@pytest.mark.parametrize("container", ["list", "tuple", "set", "series", "index", "ndarray"])
def test_every_container_of_to_plain_is_accepted(container):
    assert validate_plain(seq([num(1)], container)) == seq([num(1)], container)


@pytest.mark.parametrize("forged, reason", [
    ([1], "not a tagged value"), ("x", "not a tagged value"), ({"t": "forged"}, "not a tagged value"),
    ({"v": 1}, "not a tagged value"),
    ({"t": "number", "v": "12"}, "bad number"), ({"t": "number", "v": True}, "bad number"),
    ({"t": "number"}, "bad number"), ({"t": "number", "v": float("nan")}, "bad number"),
    ({"t": "number", "v": float("-inf")}, "bad number"), ({"t": "number", "v": "INF"}, "bad number"),
    ({"t": "str", "v": 5}, "bad text"), ({"t": "str"}, "bad text"),
    ({"t": "bool", "v": 1}, "bad boolean"), ({"t": "bool"}, "bad boolean"),
    ({"t": "timedelta", "days": True}, "bad time difference"), ({"t": "timedelta", "days": "1"}, "bad time difference"),
    ({"t": "timedelta", "days": float("nan")}, "bad time difference"), ({"t": "timedelta"}, "bad time difference"),
    ({"t": "list", "container": "list", "items": "x"}, "bad list"), ({"t": "list", "container": "list"}, "bad list"),
    ({"t": "list", "container": "weird", "items": []}, "bad container"), ({"t": "list", "items": []}, "bad container"),
    (seq([num(1), {"t": "number", "v": "1"}]), "bad number"),
    ({"t": "dict", "items": "x"}, "bad dict"), ({"t": "dict"}, "bad dict"),
    ({"t": "dict", "items": [[text("a")]]}, "bad dict item"), ({"t": "dict", "items": [(text("a"), num(1))]}, "bad dict item"),
    ({"t": "dict", "items": [[text("a"), num(1), num(2)]]}, "bad dict item"),
    ({"t": "dict", "items": [[{"t": "str", "v": 1}, num(1)]]}, "bad text"),
    ({"t": "dict", "items": [[text("a"), {"t": "bool", "v": "no"}]]}, "bad boolean"),
    ({"t": "table", "columns": "a", "rows": []}, "bad table"), ({"t": "table", "columns": [], "rows": {}}, "bad table"),
    ({"t": "table", "rows": []}, "bad table"), ({"t": "table", "columns": []}, "bad table"),
    ({"t": "table", "columns": ["a"], "rows": [num(1)]}, "bad table row"),
    ({"t": "table", "columns": ["a"], "rows": [[{"t": "nope"}]]}, "not a tagged value"),
    ({"t": "figure", "data": {}, "layout": {}}, "bad figure"), ({"t": "figure", "data": [], "layout": []}, "bad figure"),
    ({"t": "figure", "layout": {}}, "bad figure"),
])
def test_forged_plain_data_is_refused_for_its_reason(forged, reason):
    with pytest.raises(InvalidPlain, match=f"^{reason}$"):
        validate_plain(forged)


# --------------------------------------------------------------------------------------------------
# from_plain and emit
# --------------------------------------------------------------------------------------------------


def test_from_plain_gives_python_values_back():
    assert answers.from_plain({"t": "ellipsis"}) is ...
    assert answers.from_plain({"t": "none"}) is None
    missing = answers.from_plain({"t": "missing", "type": "nan"})
    assert isinstance(missing, float) and math.isnan(missing)
    assert answers.from_plain(num("inf")) == float("inf") and answers.from_plain(num("-inf")) == float("-inf")
    assert type(answers.from_plain(num(3))) is int and type(answers.from_plain(num(2.5))) is float
    assert answers.from_plain({"t": "timedelta", "days": 1.5}) == dt.timedelta(days=1, hours=12)
    list_key = {"t": "dict", "items": [[seq([num(1), num(2)]), text("a")]]}
    assert answers.from_plain(list_key) == {(1, 2): "a"}
    table = to_plain(pd.DataFrame({"a": [1]}))
    assert answers.from_plain(table) == table


def test_emit_shows_the_plain_answer_to_the_runner(monkeypatch):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj, **kwargs: shown.append((obj, kwargs)))
    answers.emit(7, [1, "a"])
    assert shown == [({answers.MIMETYPE: {"qid": "7", "value": seq([num(1), text("a")])}}, {"raw": True})]


def test_emit_never_raises(monkeypatch):
    import IPython.display

    def broken(*args, **kwargs):
        raise SystemExit("display is gone")

    monkeypatch.setattr(IPython.display, "display", broken)
    assert answers.emit("q", ExplodingList([1])) is None
