"""A student's ``answer`` as plain data: the only thing that crosses the trust boundary.

Whatever a student assigns to ``answer`` (a number, a list, a DataFrame, a plotly figure, an object
whose every method raises...) is turned by :func:`to_plain` into *plain data*: JSON-safe dicts,
lists, strings and numbers, each value tagged with what it was::

    {"t": "number", "v": 32}
    {"t": "str", "v": "Poland"}
    {"t": "list", "container": "tuple", "items": [{"t": "bool", "v": false}, {"t": "number", "v": 178}]}
    {"t": "table", "columns": ["country"], "rows": [["Poland"]], "shape": [1, 1]}
    {"t": "figure", "data": [...], "layout": {...}}

Inside the grading sandbox the kernel does nothing but this conversion, after each answer cell; the
grader then reads the plain values back (:func:`validate_plain` rejects anything else) and judges
them outside, against expected answers the sandbox never sees (:mod:`ircourse.homework.judge`). The
student's formative ``irc.check`` uses the same conversion, so the two always agree.

The conversion never raises (``BaseException`` included: an answer whose ``__len__`` raises
``SystemExit`` is reported as an odd object, not obeyed) and is capped in depth, length and size.

Examples
--------
>>> to_plain(32)
{'t': 'number', 'v': 32}
>>> to_plain(("no", 2.5))["items"][1]
{'t': 'number', 'v': 2.5}
"""

from __future__ import annotations

import datetime as _dt
import decimal
import fractions
import itertools
import json
import math
import numbers
from typing import Any

#: Plain-data tags (the ``"t"`` of every value).
TAGS = ("none", "ellipsis", "missing", "bool", "number", "str", "timedelta", "datetime", "list", "dict",
        "table", "figure", "other")

MAX_ITEMS = 10_000
"""Longest list (or table, in rows) kept; longer ones are cut and marked ``"truncated": true``."""

MAX_TEXT = 20_000
"""Longest text kept, in characters."""

MAX_DEPTH = 6
"""Deepest nesting of lists and dicts kept."""

MAX_BYTES = 2_000_000
"""Largest plain value, in bytes of JSON (a figure of several thousand points fits)."""

_CONTAINERS = (list, tuple, set, frozenset, range)


def to_plain(value: Any, depth: int = 0) -> dict:
    """Return ``value`` as tagged plain data; never raises.

    Parameters
    ----------
    value : object
        Whatever a student's answer cell assigned to ``answer``.
    depth : int
        Current nesting depth (internal).

    Returns
    -------
    dict
        A JSON-safe dict with a ``"t"`` tag, see the module docstring.
    """
    try:
        plain = _convert(value, depth)
    except BaseException as exc:  # noqa: BLE001 - hostile answers (SystemExit in __len__...) must not escape
        plain = {"t": "other", "type": _type_name(value), "problem": type(exc).__name__}
    if depth == 0:
        try:
            size = len(json.dumps(plain, allow_nan=False, ensure_ascii=False))
        except (TypeError, ValueError):
            return {"t": "other", "type": _type_name(value), "problem": "not serialisable"}
        if size > MAX_BYTES:
            return {"t": "other", "type": _type_name(value), "problem": "too large"}
    return plain


def _type_name(value: Any) -> str:
    try:
        return str(type(value).__name__)[:60]
    except BaseException:  # noqa: BLE001 - a metaclass can raise anything
        return "object"


def _number(x: float | int) -> dict:
    if isinstance(x, int):
        if abs(x) < 2**63:
            return {"t": "number", "v": x}
        x = float(x)
    if math.isnan(x):
        return {"t": "missing", "type": "nan"}
    if math.isinf(x):
        return {"t": "number", "v": "inf" if x > 0 else "-inf"}
    return {"t": "number", "v": x}


def _convert(value: Any, depth: int) -> dict:  # noqa: C901 - one branch per kind of value, on purpose
    if value is None:
        return {"t": "none"}
    if value is ...:
        return {"t": "ellipsis"}
    name = _type_name(value)
    module = str(getattr(type(value), "__module__", ""))
    if name in ("NAType", "NaTType"):
        return {"t": "missing", "type": name}
    if isinstance(value, bool) or (name in ("bool_", "bool") and module == "numpy"):
        return {"t": "bool", "v": bool(value)}
    if isinstance(value, str):  # numpy.str_ is a str
        text = str.__str__(value)
        out = {"t": "str", "v": text[:MAX_TEXT]}
        if len(text) > MAX_TEXT:
            out["truncated"] = True
        return out
    if isinstance(value, (_dt.timedelta,)) or name in ("Timedelta", "timedelta64"):
        return _timedelta(value)
    if isinstance(value, (_dt.date,)) or name in ("Timestamp", "datetime64"):
        return _datetime(value)
    if isinstance(value, numbers.Integral):
        return _number(int(value))
    if isinstance(value, (numbers.Real, decimal.Decimal, fractions.Fraction)):
        return _number(float(value))
    if isinstance(value, numbers.Complex):
        return {"t": "other", "type": "complex"}
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"t": "other", "type": "bytes"}
    if _is_figure(value, name, module):
        return _figure(value)
    if depth >= MAX_DEPTH:
        return {"t": "other", "type": name, "problem": "nested too deeply"}
    if name == "DataFrame" and module.startswith("pandas"):
        return _table(value, depth)
    if isinstance(value, dict):
        items = []
        for key, item in itertools.islice(value.items(), MAX_ITEMS):
            items.append([_convert_safe(key, depth + 1), _convert_safe(item, depth + 1)])
        out = {"t": "dict", "items": items}
        if len(value) > MAX_ITEMS:
            out["truncated"] = True
        return out
    if name in ("Series", "Index") and module.startswith("pandas") or (name == "ndarray" and module == "numpy"):
        if name == "ndarray" and getattr(value, "ndim", 1) == 0:
            return _convert(value.item(), depth)
        if name == "ndarray" and getattr(value, "ndim", 1) > 1:
            return {"t": "other", "type": "ndarray", "shape": [int(n) for n in value.shape][:4]}
        return _sequence(list(itertools.islice(value.tolist(), MAX_ITEMS + 1)), name.lower(), depth)
    if isinstance(value, _CONTAINERS) or name in ("generator", "dict_keys", "dict_values", "dict_items", "map",
                                                  "filter", "zip", "reversed", "list_reverseiterator",
                                                  "list_iterator"):
        container = {"frozenset": "set", "range": "list"}.get(name, name if name in ("list", "tuple", "set")
                                                              else "list")
        items = list(itertools.islice(iter(value), MAX_ITEMS + 1))
        if container == "set":
            items = _sorted_safely(items)
        return _sequence(items, container, depth)
    if name == "ndarray":
        return {"t": "other", "type": name}
    return {"t": "other", "type": name}


def _convert_safe(value: Any, depth: int) -> dict:
    try:
        return _convert(value, depth)
    except BaseException as exc:  # noqa: BLE001 - see to_plain
        return {"t": "other", "type": _type_name(value), "problem": type(exc).__name__}


def _sorted_safely(items: list) -> list:
    try:
        return sorted(items, key=lambda x: (str(type(x)), str(x)))
    except BaseException:  # noqa: BLE001 - unorderable or hostile items keep their order
        return items


def _sequence(items: list, container: str, depth: int) -> dict:
    out = {"t": "list", "container": container,
           "items": [_convert_safe(item, depth + 1) for item in items[:MAX_ITEMS]]}
    if len(items) > MAX_ITEMS:
        out["truncated"] = True
    return out


def _timedelta(value: Any) -> dict:
    name = _type_name(value)
    if name == "timedelta64":
        import numpy as np

        if np.isnat(value):
            return {"t": "missing", "type": "NaT"}
        seconds = value / np.timedelta64(1, "s")
    else:
        seconds = value.total_seconds()
    if not math.isfinite(seconds):
        return {"t": "missing", "type": "NaT"}
    return {"t": "timedelta", "days": float(seconds) / 86400}


def _datetime(value: Any) -> dict:
    name = _type_name(value)
    if name == "datetime64":
        import numpy as np

        if np.isnat(value):
            return {"t": "missing", "type": "NaT"}
        text = str(np.datetime_as_string(value, unit="s"))
    else:
        text = value.isoformat()
    return {"t": "datetime", "v": text[:40]}


def _is_figure(value: Any, name: str, module: str) -> bool:
    if module.startswith("plotly") and name in ("Figure", "FigureWidget"):
        return True
    return isinstance(value, dict) and "data" in value and isinstance(value.get("data"), (list, tuple))


def _figure(value: Any) -> dict:
    import plotly.io as pio

    if isinstance(value, dict):
        import plotly.graph_objects as go

        try:
            value = go.Figure(value)
        except Exception:  # noqa: BLE001 - a dict that is not a figure
            return {"t": "other", "type": "dict", "problem": "not a figure"}
    text = pio.to_json(value, validate=False, engine="json")
    if len(text) > MAX_BYTES:
        return {"t": "other", "type": "Figure", "problem": "too large"}
    fig = json.loads(text)
    return {"t": "figure", "data": fig.get("data", []), "layout": fig.get("layout", {})}


def _table(frame: Any, depth: int) -> dict:
    rows, cols = (int(n) for n in frame.shape)
    head = frame.iloc[:MAX_ITEMS, :200]
    records = [[_convert_safe(v, depth + 2) for v in row] for row in head.itertuples(index=False, name=None)]
    columns = [str(c)[:200] for c in head.columns]
    out = {"t": "table", "columns": columns, "rows": records, "shape": [rows, cols]}
    if rows > MAX_ITEMS:
        out["truncated"] = True
    return out


# --------------------------------------------------------------------------------------------------
# Validating plain data read back from the sandbox
# --------------------------------------------------------------------------------------------------


class InvalidPlain(ValueError):
    """Raised by :func:`validate_plain` for data that :func:`to_plain` cannot have produced."""


def validate_plain(value: Any, depth: int = 0) -> dict:
    """Return ``value`` if it is well-formed plain data, else raise :class:`InvalidPlain`.

    The grader calls this on everything read back from the sandbox: only the documented shapes pass,
    with the documented caps, so a forged file cannot smuggle anything else into the judge.
    """
    if depth > MAX_DEPTH + 3:
        raise InvalidPlain("nested too deeply")
    if not isinstance(value, dict) or value.get("t") not in TAGS:
        raise InvalidPlain("not a tagged value")
    tag = value["t"]
    if tag == "number":
        v = value.get("v")
        if isinstance(v, bool) or not (isinstance(v, (int, float)) or v in ("inf", "-inf")):
            raise InvalidPlain("bad number")
        if isinstance(v, float) and not math.isfinite(v):
            raise InvalidPlain("bad number")
    elif tag == "str":
        if not isinstance(value.get("v"), str) or len(value["v"]) > MAX_TEXT:
            raise InvalidPlain("bad text")
    elif tag == "bool":
        if not isinstance(value.get("v"), bool):
            raise InvalidPlain("bad boolean")
    elif tag == "timedelta":
        days = value.get("days")
        if isinstance(days, bool) or not isinstance(days, (int, float)) or not math.isfinite(days):
            raise InvalidPlain("bad time difference")
    elif tag == "list":
        items = value.get("items")
        if not isinstance(items, list) or len(items) > MAX_ITEMS:
            raise InvalidPlain("bad list")
        if value.get("container") not in ("list", "tuple", "set", "series", "index", "ndarray"):
            raise InvalidPlain("bad container")
        for item in items:
            validate_plain(item, depth + 1)
    elif tag == "dict":
        items = value.get("items")
        if not isinstance(items, list) or len(items) > MAX_ITEMS:
            raise InvalidPlain("bad dict")
        for pair in items:
            if not isinstance(pair, list) or len(pair) != 2:
                raise InvalidPlain("bad dict item")
            validate_plain(pair[0], depth + 1)
            validate_plain(pair[1], depth + 1)
    elif tag == "table":
        if not isinstance(value.get("columns"), list) or not isinstance(value.get("rows"), list):
            raise InvalidPlain("bad table")
        if len(value["rows"]) > MAX_ITEMS:
            raise InvalidPlain("bad table")
        for row in value["rows"]:
            if not isinstance(row, list):
                raise InvalidPlain("bad table row")
            for cell in row:
                validate_plain(cell, depth + 1)
    elif tag == "figure":
        if not isinstance(value.get("data"), list) or not isinstance(value.get("layout"), dict):
            raise InvalidPlain("bad figure")
    return value


def from_plain(plain: dict) -> Any:
    """Return a Python value for simple plain data (numbers, text, lists, tuples, dicts).

    Used by tests and by the trusted run to show expected answers; tables and figures come back as
    their plain form.
    """
    tag = plain["t"]
    if tag == "none":
        return None
    if tag == "ellipsis":
        return ...
    if tag == "missing":
        return math.nan
    if tag in ("bool", "str"):
        return plain["v"]
    if tag == "number":
        v = plain["v"]
        return float(v) if isinstance(v, str) else v
    if tag == "timedelta":
        return _dt.timedelta(days=plain["days"])
    if tag == "list":
        items = [from_plain(i) for i in plain["items"]]
        return tuple(items) if plain.get("container") == "tuple" else items
    if tag == "dict":
        return {_hashable(from_plain(k)): from_plain(v) for k, v in plain["items"]}
    return plain


def _hashable(x: Any) -> Any:
    return tuple(x) if isinstance(x, list) else x


# --------------------------------------------------------------------------------------------------
# Handing an answer to the runner (inside the kernel)
# --------------------------------------------------------------------------------------------------

#: The output type under which :func:`emit` shows an answer to the runner.
MIMETYPE = "application/vnd.ircourse.answer+json"


def emit(qid: str, value: Any) -> None:
    """Show ``value`` as plain data for the runner that executes the notebook (never raises).

    Called by :mod:`ircourse.homework.runner` after each answer cell; a student never needs it.
    """
    plain = to_plain(value)
    try:
        from IPython.display import display

        display({MIMETYPE: {"qid": str(qid), "value": plain}}, raw=True)
    except BaseException:  # noqa: BLE001 - nothing to report to if display is broken
        pass
