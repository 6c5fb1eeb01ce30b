"""Instant feedback on homework answers: ``irc.check(question_id, answer)``.

A homework notebook ends each question with a check cell::

    irc.check("hw6_q1", answer)

which prints exactly one deterministic line and returns ``None``::

    ✅ hw6_q1: correct
    ❌ hw6_q1: not yet - <why, and a hint>

The check never raises, whatever ``answer`` holds (``None``, ``...``, NaN, a DataFrame, a figure...):
odd input gets a clear sentence instead of a traceback. All display text comes from the i18n
catalogue (``locales/<lang>/checks.json``); a question's own hint comes from its answer key and can
be translated by adding ``hint.<question id>`` to a language's catalogue.

Answer keys
-----------
One JSON file per homework in ``ircourse/keys/``, generated from the solution notebook by
``ircourse build-exercises`` (see :mod:`ircourse.exercises`). A key never holds an answer in plain
text: exact answers are salted SHA-256 digests of their normalised form, numbers with a tolerance are
digests of the tolerance "buckets" around the answer, and figures are described by the structure
they must have (trace type, axis titles, number of points), which is not the answer itself. This
keeps answers out of sight of a student browsing the notebook or the key; it is not cryptography
(the solution notebooks are public), and grading never relies on it (see :mod:`ircourse.grading`).

Question kinds (``"kind"`` in a question's specification)
---------------------------------------------------------
``number``
    A number; ``"tolerance": 0`` (exact, for counts), ``0.5`` (absolute) or ``"1%"`` (relative).
    ``"unit": "days"`` also accepts a time difference (``pandas.Timedelta``).
``text``
    A word or short phrase, compared after normalising case, accents, spaces and end punctuation.
    ``"accept"`` lists other acceptable spellings.
``choice``
    One letter among ``"options"`` (e.g. ``["a", "b", "c", "d"]``); ``"B"``, ``" b) "`` are fine.
``names``
    A set of names in any order (list, set, Series...), normalised like ``text``. A name written
    ``"Turkey (Türkiye)"`` in the data also matches ``"Turkey"`` and ``"Türkiye"``.
``fact``
    Fact-check of a claim: a pair ``(True or False, value)``; ``"verdict"`` is the right boolean and
    ``"value"`` the specification (``number`` or ``text``) of the correct value.
``figure``
    A plotly figure, checked structurally: ``"trace_type"``, ``"min_traces"``, ``"trace_names"``,
    ``"x_title"`` / ``"y_title"`` (words the axis titles must contain), ``"n_values"`` (number of
    values on the y axis over those traces) and ``"y_sum"`` (their sum, within ``"y_sum_tolerance"``).

Examples
--------
>>> from ircourse.checks import encode_question, evaluate
>>> key = {"q": encode_question("q", {"kind": "number", "answer": 32, "tolerance": 0, "hint": "Count."},
...                             salt="demo")}
>>> evaluate("q", 32, keys=key).line
'✅ q: correct'
>>> evaluate("q", None, keys=key).correct
False
"""

from __future__ import annotations

import datetime as _dt
import decimal
import difflib
import fractions
import hashlib
import itertools
import json
import math
import numbers
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import i18n

KEYS_DIR = Path(__file__).with_name("keys")

#: Question kinds understood by :func:`encode_question` and :func:`evaluate`.
KINDS = ("number", "text", "choice", "names", "fact", "figure")

_BUCKETS_PER_TOLERANCE = 8  # a tolerance interval is cut into this many buckets on each side
_DIGEST_CHARS = 20  # hex characters kept of each SHA-256 digest (80 bits)
_MAX_SHOWN = 40  # longest question id echoed back in a line
_MAX_NAMES = 10_000  # longest list of names looked at (a generator could be endless)


class KeySpecError(ValueError):
    """Raised by :func:`encode_question` for an invalid question specification (an authoring error)."""


@dataclass(frozen=True)
class Verdict:
    """The outcome of checking one answer.

    Attributes
    ----------
    question_id : str
        The question id as displayed.
    correct : bool
        Whether the answer is right.
    line : str
        The one line printed by :func:`check` (``✅ ...`` or ``❌ ...``).
    """

    question_id: str
    correct: bool
    line: str


class _NotYet(Exception):
    """Internal signal: the answer is not right; ``key``/``values`` name the catalogue reason."""

    def __init__(self, key: str | None = None, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


# --------------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------------


def check(question_id: Any, answer: Any = ...) -> None:
    """Print one line of feedback on ``answer`` to question ``question_id``.

    Parameters
    ----------
    question_id : str
        The id shown in bold in the homework, e.g. ``"hw6_q1"``.
    answer : object
        Whatever the answer cell assigned to ``answer``.

    Returns
    -------
    None
        Nothing, so that no value is displayed below the line (and nothing leaks into nbval output).

    Notes
    -----
    Never raises for any ``answer``: a missing, odd or wrong answer prints a ``❌`` line with a hint.
    """
    print(evaluate(question_id, answer).line)


def evaluate(question_id: Any, answer: Any = ..., keys: dict | None = None) -> Verdict:
    """Check ``answer`` without printing.

    Parameters
    ----------
    question_id : str
        The question id.
    answer : object
        The student's answer.
    keys : dict, optional
        Question id -> encoded question (as in the ``"questions"`` of a key file, each with its
        ``"salt"``). By default the keys installed in ``ircourse/keys``.

    Returns
    -------
    Verdict
        Whether the answer is right, and the line to show.
    """
    qid = _display_id(question_id)
    try:
        if keys is None:
            try:
                keys = installed_keys()
            except Exception as exc:  # noqa: BLE001 - a broken key file must not break a student's notebook
                return _wrong(qid, "check.key_unreadable", problem=type(exc).__name__)
        if not isinstance(question_id, str):
            return _wrong(qid, "check.bad_id", got=_type_name(question_id))
        entry = keys.get(question_id.strip())
        if entry is None:
            close = difflib.get_close_matches(question_id.strip(), list(keys), n=1)
            if close:
                return _line(qid, False, i18n.t("check.unknown_id_close", qid=qid, close=close[0]))
            return _line(qid, False, i18n.t("check.unknown_id", qid=qid))
        try:
            _judge(entry, answer)
        except _NotYet as reason:
            return _wrong(qid, reason.key, hint=_hint(question_id.strip(), entry), **reason.values)
        return _line(qid, True, i18n.t("check.correct", qid=qid))
    except Exception as exc:  # noqa: BLE001 - last resort: never a traceback from our code
        try:
            return _wrong(qid, "check.internal", got=_type_name(answer), problem=type(exc).__name__)
        except Exception:  # noqa: BLE001 - odd input must never raise
            return Verdict(qid, False, f"❌ {qid}: ?")


def installed_keys() -> dict:
    """Return every installed question, question id -> encoded question (with its ``salt``).

    Raises
    ------
    ValueError
        If two key files define the same question id.
    """
    files = tuple(sorted(KEYS_DIR.glob("*.json"))) if KEYS_DIR.is_dir() else ()
    stamp = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in files)
    return _load_keys(files, stamp)


def load_key_file(path: Path | str) -> dict:
    """Return the questions of one key file, question id -> encoded question (with its ``salt``)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    salt = data["salt"]
    return {qid: dict(entry, salt=salt, homework=data["homework"]) for qid, entry in data["questions"].items()}


@lru_cache(maxsize=4)
def _load_keys(files: tuple[Path, ...], stamp: tuple) -> dict:
    merged: dict = {}
    for path in files:
        questions = load_key_file(path)
        twice = merged.keys() & questions.keys()
        if twice:
            raise ValueError(f"question ids defined twice ({path.name}): {sorted(twice)}")
        merged.update(questions)
    return merged


# --------------------------------------------------------------------------------------------------
# Normalisation and digests (shared by the checker and the key generator)
# --------------------------------------------------------------------------------------------------

_END_PUNCTUATION = " \t.,;:!?\"'`“”‘’«»"


def normalise_text(text: str) -> str:
    """Return ``text`` folded for comparison: no accents, lower case, single spaces, no end punctuation.

    Examples
    --------
    >>> normalise_text("  Türkiye.  ")
    'turkiye'
    """
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"\s+", " ", text.casefold())
    return text.strip(_END_PUNCTUATION)


def name_variants(name: str) -> list[str]:
    """Return the normalised spellings accepted for ``name``.

    ``"Czech Republic (Czechia)"`` is accepted as written, as ``"Czech Republic"`` and as ``"Czechia"``.
    """
    variants = [normalise_text(name)]
    match = re.fullmatch(r"\s*(.+?)\s*\((.+)\)\s*", str(name))
    if match:
        variants += [normalise_text(match.group(1)), normalise_text(match.group(2))]
    return sorted({v for v in variants if v})


def digest(salt: str, kind: str, value: str) -> str:
    """Return the salted digest of a normalised ``value`` for questions of ``kind``."""
    return hashlib.sha256(f"{salt}\x1f{kind}\x1f{value}".encode()).hexdigest()[:_DIGEST_CHARS]


def _number_token(x: float) -> str:
    if float(x).is_integer() and abs(x) < 2**53:
        return str(int(x))
    return repr(float(x))


def _parse_tolerance(tol: Any) -> tuple[str, float]:
    if isinstance(tol, str):
        text = tol.strip()
        if text.endswith("%"):
            value = float(text[:-1]) / 100
            if not 0 < value < 1:
                raise KeySpecError(f"relative tolerance must be between 0% and 100%, got {tol!r}")
            return "rel", value
        tol = float(text)
    if isinstance(tol, bool) or not isinstance(tol, (int, float)) or not math.isfinite(tol) or tol < 0:
        raise KeySpecError(f"tolerance must be a number >= 0 or a percentage like '1%', got {tol!r}")
    return ("exact", 0.0) if tol == 0 else ("abs", float(tol))


def _abs_bucket(x: float, step: float) -> int:
    return math.floor(x / step)


def _rel_bucket(x: float, step: float) -> int:
    return math.floor(math.log(abs(x)) / step)


# --------------------------------------------------------------------------------------------------
# Encoding a question specification into a key entry (used by ircourse.exercises)
# --------------------------------------------------------------------------------------------------


def encode_question(qid: str, spec: dict, salt: str) -> dict:
    """Turn the specification of question ``qid`` (from the solution notebook) into its key entry.

    Parameters
    ----------
    qid : str
        Question id.
    spec : dict
        ``{"kind": ..., "answer": ..., "hint": ..., ...}``, see the module docstring.
    salt : str
        Salt of the homework's digests.

    Returns
    -------
    dict
        The entry stored in the key file: kind, hint, points and digests, no plain answer.

    Raises
    ------
    KeySpecError
        If the specification is incomplete or inconsistent.
    """
    if not isinstance(spec, dict):
        raise KeySpecError(f"{qid}: the specification must be a JSON object")
    kind = spec.get("kind")
    if kind not in KINDS:
        raise KeySpecError(f"{qid}: 'kind' must be one of {', '.join(KINDS)}, got {kind!r}")
    hint = spec.get("hint")
    if not isinstance(hint, str) or not hint.strip() or "\n" in hint:
        raise KeySpecError(f"{qid}: 'hint' must be a non-empty one-line string")
    points = spec.get("points", 1)
    if isinstance(points, bool) or not isinstance(points, (int, float)) or points <= 0:
        raise KeySpecError(f"{qid}: 'points' must be a positive number")
    known = {"kind", "hint", "points", "answer", "wrong"} | _SPEC_FIELDS[kind]
    unknown = set(spec) - known
    if unknown:
        raise KeySpecError(f"{qid}: unknown fields {sorted(unknown)} for kind {kind!r}")
    entry = {"kind": kind, "hint": hint.strip(), "points": points}
    try:
        entry.update(_ENCODERS[kind](spec, salt))
    except KeySpecError as exc:
        raise KeySpecError(f"{qid}: {exc}") from None
    return entry


_SPEC_FIELDS = {
    "number": {"tolerance", "unit"},
    "text": {"accept"},
    "choice": {"options"},
    "names": {"aliases"},
    "fact": {"verdict", "value"},
    "figure": {"trace_type", "min_traces", "trace_names", "x_title", "y_title", "n_values", "y_sum",
               "y_sum_tolerance"},
}


def _encode_number(spec: dict, salt: str) -> dict:
    answer = spec.get("answer")
    if isinstance(answer, bool) or not isinstance(answer, (int, float)) or not math.isfinite(answer):
        raise KeySpecError(f"'answer' must be a finite number, got {answer!r}")
    if "tolerance" not in spec:
        raise KeySpecError("a number needs a 'tolerance' (0 for exact, 0.5 absolute, '1%' relative)")
    mode, tol = _parse_tolerance(spec["tolerance"])
    out: dict = {"mode": mode}
    if spec.get("unit") is not None:
        if spec["unit"] != "days":
            raise KeySpecError("'unit' can only be 'days'")
        out["unit"] = "days"
    if mode == "exact":
        if not float(answer).is_integer():
            raise KeySpecError("an exact answer must be a whole number; give a tolerance for others")
        out["digests"] = [digest(salt, "number", _number_token(answer))]
    elif mode == "abs":
        step = tol / _BUCKETS_PER_TOLERANCE
        lo, hi = _abs_bucket(answer - tol, step), _abs_bucket(answer + tol, step)
        out["step"] = step
        out["digests"] = sorted(digest(salt, "bucket", str(k)) for k in range(lo, hi + 1))
    else:
        if answer == 0:
            raise KeySpecError("a relative tolerance needs a non-zero answer")
        step = math.log1p(tol) / _BUCKETS_PER_TOLERANCE
        sign = "+" if answer > 0 else "-"
        lo = math.floor((math.log(abs(answer)) + math.log1p(-tol)) / step)
        hi = math.floor((math.log(abs(answer)) + math.log1p(tol)) / step)
        out["step"] = step
        out["digests"] = sorted(digest(salt, "logbucket", f"{sign}{k}") for k in range(lo, hi + 1))
    return out


def _encode_text(spec: dict, salt: str) -> dict:
    answers = [spec.get("answer")] + list(spec.get("accept", []))
    if not all(isinstance(a, str) and normalise_text(a) for a in answers):
        raise KeySpecError("'answer' (and each of 'accept') must be a non-empty string")
    variants = {v for a in answers for v in name_variants(a)}
    return {"digests": sorted(digest(salt, "text", v) for v in variants)}


def _encode_choice(spec: dict, salt: str) -> dict:
    options = spec.get("options")
    if not isinstance(options, list) or len(options) < 2 or not all(
        isinstance(o, str) and re.fullmatch(r"[a-z]", o) for o in options
    ):
        raise KeySpecError("'options' must list single lower-case letters, e.g. ['a', 'b', 'c', 'd']")
    answer = spec.get("answer")
    if not isinstance(answer, str) or answer.strip().lower() not in options:
        raise KeySpecError(f"'answer' must be one of the options {options}")
    return {"options": options, "digests": [digest(salt, "choice", answer.strip().lower())]}


def _encode_names(spec: dict, salt: str) -> dict:
    names = spec.get("answer")
    if not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
        raise KeySpecError("'answer' must be a non-empty list of names")
    aliases = spec.get("aliases", {})
    if not isinstance(aliases, dict):
        raise KeySpecError("'aliases' must map a name to a list of other spellings")
    items = []
    for name in names:
        spellings = [name] + list(aliases.get(name, []))
        items.append(sorted({digest(salt, "name", v) for s in spellings for v in name_variants(s)}))
    if len({tuple(i) for i in items}) != len(items):
        raise KeySpecError("'answer' lists the same name twice")
    return {"items": sorted(items)}


def _encode_fact(spec: dict, salt: str) -> dict:
    verdict = spec.get("verdict")
    if not isinstance(verdict, bool):
        raise KeySpecError("'verdict' must be true or false")
    value = spec.get("value")
    if not isinstance(value, dict) or value.get("kind") not in ("number", "text"):
        raise KeySpecError("'value' must be a specification of kind 'number' or 'text'")
    extra = set(value) - ({"kind", "answer"} | _SPEC_FIELDS[value["kind"]])
    if extra:
        raise KeySpecError(f"unknown fields {sorted(extra)} in 'value'")
    encoded_value = {"kind": value["kind"]} | _ENCODERS[value["kind"]](value, salt)
    return {"verdict": digest(salt, "verdict", str(verdict).lower()), "value": encoded_value}


def _encode_figure(spec: dict, salt: str) -> dict:
    out: dict = {}
    trace_type = spec.get("trace_type")
    if not isinstance(trace_type, str) or not trace_type:
        raise KeySpecError("'trace_type' is required, e.g. 'scatter' or 'bar'")
    out["trace_type"] = trace_type
    out["min_traces"] = int(spec.get("min_traces", 1))
    for field in ("trace_names", "x_title", "y_title"):
        words = spec.get(field, [])
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise KeySpecError(f"'{field}' must be a list of words")
        if words:
            out[field] = words
    if "n_values" in spec:
        out["n_values"] = int(spec["n_values"])
    if "y_sum" in spec:
        out["y_sum"] = float(spec["y_sum"])
        out["y_sum_tolerance"] = float(spec.get("y_sum_tolerance", 1e-6))
    return out


_ENCODERS = {
    "number": _encode_number,
    "text": _encode_text,
    "choice": _encode_choice,
    "names": _encode_names,
    "fact": _encode_fact,
    "figure": _encode_figure,
}


# --------------------------------------------------------------------------------------------------
# Judging an answer against a key entry
# --------------------------------------------------------------------------------------------------


def _judge(entry: dict, answer: Any) -> None:
    """Return if ``answer`` is right; raise :class:`_NotYet` with a reason otherwise."""
    _reject_missing(answer, entry["kind"])
    _JUDGES[entry["kind"]](entry, answer, entry["salt"])


def _reject_missing(answer: Any, kind: str) -> None:
    if answer is ...:
        raise _NotYet("check.no_answer")
    if answer is None:
        raise _NotYet("check.none")
    if kind == "figure":
        return
    if _is_missing_scalar(answer):
        raise _NotYet("check.missing_value")


def _is_missing_scalar(x: Any) -> bool:
    if isinstance(x, float) and math.isnan(x):
        return True
    name = type(x).__name__
    if name in ("NAType", "NaTType"):
        return True
    if isinstance(x, numbers.Real) and not isinstance(x, (int, bool)):
        try:
            return math.isnan(float(x))
        except (TypeError, ValueError, OverflowError):
            return False
    return False


def _type_name(x: Any) -> str:
    """Return a short, deterministic description of the type of ``x`` (never its repr)."""
    if x is None:
        return "None"
    if x is ...:
        return "..."
    return type(x).__name__


def _size_of(x: Any) -> int | None:
    try:
        return len(x)
    except Exception:  # noqa: BLE001 - odd input must never raise
        return None


def _unwrap_single(x: Any) -> Any:
    """Return the element of a one-element container (list, tuple, set, Series, 1x1 DataFrame, array)."""
    if isinstance(x, (str, bytes, dict)):
        return x
    name = type(x).__name__
    try:
        if name == "DataFrame":
            return x.iloc[0, 0] if x.shape == (1, 1) else x
        if name in ("Series", "Index", "ndarray") and getattr(x, "size", None) == 1:
            return x.item() if hasattr(x, "item") else next(iter(x))
        if isinstance(x, (list, tuple, set, frozenset)) and len(x) == 1:
            return next(iter(x))
    except Exception:  # noqa: BLE001 - odd input must never raise
        return x
    return x


def _as_number(entry: dict, answer: Any) -> float:
    value = _unwrap_single(answer)
    if _is_missing_scalar(value):
        raise _NotYet("check.missing_value")
    if value is None or value is ...:
        raise _NotYet("check.none")
    name = type(value).__name__
    if name in ("Timedelta", "timedelta") or isinstance(value, _dt.timedelta):
        if entry.get("unit") == "days":
            return value.total_seconds() / 86400
        raise _NotYet("check.want_number_not_timedelta")
    if _is_bool(value):
        raise _NotYet("check.want_number_not_bool")
    if isinstance(value, str):
        text = value.strip().replace("\u2212", "-")
        try:
            return _finite(float(text))
        except ValueError:
            raise _NotYet("check.want_number_not_text") from None
    if isinstance(value, (numbers.Real, decimal.Decimal, fractions.Fraction)):
        return _finite(float(value))
    size = _size_of(value)
    if name == "DataFrame":
        raise _NotYet("check.want_number_not_table", rows=value.shape[0], cols=value.shape[1])
    if size is not None:
        raise _NotYet("check.want_one_number", got=name, n=size)
    raise _NotYet("check.want_number", got=name)


def _finite(x: float) -> float:
    if math.isnan(x):
        raise _NotYet("check.missing_value")
    if math.isinf(x):
        raise _NotYet("check.want_finite")
    return x


def _number_digests(entry: dict, x: float, salt: str) -> str:
    mode = entry["mode"]
    if mode == "exact":
        return digest(salt, "number", _number_token(x)) if float(x).is_integer() else ""
    if mode == "abs":
        return digest(salt, "bucket", str(_abs_bucket(x, entry["step"])))
    if x == 0:
        return ""
    return digest(salt, "logbucket", ("+" if x > 0 else "-") + str(_rel_bucket(x, entry["step"])))


def _judge_number(entry: dict, answer: Any, salt: str) -> None:
    x = _as_number(entry, answer)
    if _number_digests(entry, x, salt) not in entry["digests"]:
        raise _NotYet()


def _as_text(answer: Any) -> str:
    value = _unwrap_single(answer)
    if type(value).__name__ == "str_" or isinstance(value, str):
        text = normalise_text(value)
        if not text:
            raise _NotYet("check.empty_text")
        return text
    if value is None or value is ...:
        raise _NotYet("check.none")
    if isinstance(value, numbers.Number):
        raise _NotYet("check.want_text_not_number")
    if type(value).__name__ == "DataFrame":
        raise _NotYet("check.want_text_not_table")
    size = _size_of(value)
    if size is not None and size != 1:
        raise _NotYet("check.want_one_text", got=type(value).__name__, n=size)
    raise _NotYet("check.want_text", got=type(value).__name__)


def _judge_text(entry: dict, answer: Any, salt: str) -> None:
    if digest(salt, "text", _as_text(answer)) not in entry["digests"]:
        raise _NotYet()


def _judge_choice(entry: dict, answer: Any, salt: str) -> None:
    options = entry["options"]
    shown = ", ".join(o.upper() for o in options)
    value = _unwrap_single(answer)
    if not isinstance(value, str):
        raise _NotYet("check.want_choice", options=shown)
    match = re.fullmatch(r"\s*[(\[]?\s*([A-Za-z])\s*[)\].:]?\s*", value)
    if not match or match.group(1).lower() not in options:
        raise _NotYet("check.want_choice", options=shown)
    if digest(salt, "choice", match.group(1).lower()) not in entry["digests"]:
        raise _NotYet()


def _as_names(answer: Any) -> list[str]:
    name = type(answer).__name__
    if isinstance(answer, str):
        raise _NotYet("check.want_names_not_text")
    if name == "DataFrame":
        raise _NotYet("check.want_names_not_table")
    if isinstance(answer, (bytes, numbers.Number)) or name in ("Figure", "FigureWidget"):
        raise _NotYet("check.want_names", got=name)
    try:
        items = answer.tolist() if name in ("Series", "Index", "ndarray") else answer
        values = list(itertools.islice(iter(items), _MAX_NAMES + 1))
    except Exception:  # noqa: BLE001 - odd input must never raise
        raise _NotYet("check.want_names", got=name) from None
    if len(values) > _MAX_NAMES:
        raise _NotYet("check.names_too_many", n=_MAX_NAMES)
    names = []
    for value in values:
        if isinstance(value, (list, tuple)) or _is_missing_scalar(value) or value is None:
            raise _NotYet("check.names_odd_item")
        text = normalise_text(value)
        if text:
            names.append(text)
    if not names:
        raise _NotYet("check.names_empty")
    return sorted(set(names))


def _judge_names(entry: dict, answer: Any, salt: str) -> None:
    names = _as_names(answer)
    items = [set(item) for item in entry["items"]]
    matched: set[int] = set()
    extra = 0
    for text in names:
        h = digest(salt, "name", text)
        hits = [i for i, item in enumerate(items) if h in item]
        if hits:
            matched.update(hits)
        else:
            extra += 1
    if extra or len(matched) != len(items) or len(names) != len(items):
        raise _NotYet("check.names_count", right=len(matched), expected=len(items), extra=extra)


_TRUE = {"true", "yes", "t", "y", "correct", "right"}
_FALSE = {"false", "no", "f", "n", "wrong", "incorrect"}


def _is_bool(x: Any) -> bool:
    """Whether ``x`` is a Python or numpy boolean scalar."""
    if isinstance(x, bool):
        return True
    dtype = getattr(x, "dtype", None)
    return getattr(dtype, "kind", "") == "b" and getattr(x, "ndim", 1) == 0


def _as_verdict(value: Any) -> bool:
    if _is_bool(value):
        return bool(value)
    if isinstance(value, str):
        text = normalise_text(value)
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    raise _NotYet("check.want_verdict", got=_type_name(value))


def _judge_fact(entry: dict, answer: Any, salt: str) -> None:
    if isinstance(answer, dict):
        lowered = {str(k).lower(): v for k, v in answer.items()}
        if {"verdict", "value"} <= lowered.keys():
            answer = (lowered["verdict"], lowered["value"])
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        raise _NotYet("check.want_pair")
    verdict, value = answer
    if value is ... or value is None:
        if _try_verdict(verdict) is None:
            raise _NotYet("check.want_verdict", got=_type_name(verdict))
        raise _NotYet("check.pair_value_missing")
    given = _as_verdict(verdict)
    value_entry = entry["value"]
    try:
        _reject_missing(value, value_entry["kind"])
        _JUDGES[value_entry["kind"]](value_entry, value, salt)
        value_right = True
    except _NotYet as reason:
        if reason.key is not None and reason.key not in ("check.missing_value",):
            raise  # the value has the wrong type: say so first
        value_right = False
    verdict_right = digest(salt, "verdict", str(given).lower()) == entry["verdict"]
    if not verdict_right and not value_right:
        raise _NotYet("check.fact_both_wrong")
    if not verdict_right:
        raise _NotYet("check.fact_verdict_wrong")
    if not value_right:
        raise _NotYet("check.fact_value_wrong")


def _try_verdict(value: Any) -> bool | None:
    try:
        return _as_verdict(value)
    except _NotYet:
        return None


def _as_figure(answer: Any) -> Any:
    from plotly.basedatatypes import BaseFigure

    if isinstance(answer, BaseFigure):
        return answer
    if isinstance(answer, dict) and "data" in answer:
        import plotly.graph_objects as go

        try:
            return go.Figure(answer)
        except Exception:  # noqa: BLE001 - odd input must never raise
            raise _NotYet("check.want_figure", got="dict") from None
    raise _NotYet("check.want_figure", got=_type_name(answer))


def _axis_title(fig: Any, axis: str) -> str:
    try:
        text = fig.layout[axis].title.text
    except Exception:  # noqa: BLE001 - odd input must never raise
        return ""
    return normalise_text(text or "")


def _judge_figure(entry: dict, answer: Any, salt: str) -> None:
    fig = _as_figure(answer)
    traces = list(fig.data)
    if not traces:
        raise _NotYet("check.figure_empty")
    wanted = entry["trace_type"]
    chosen = [tr for tr in traces if tr.type == wanted]
    if len(chosen) < entry["min_traces"]:
        found = ", ".join(sorted({tr.type for tr in traces}))
        raise _NotYet("check.figure_trace_type", n=entry["min_traces"], type=wanted, found=found)
    names = [normalise_text(tr.name or "") for tr in chosen]
    for name in entry.get("trace_names", []):
        if normalise_text(name) not in names:
            raise _NotYet("check.figure_trace_name", name=name)
    for axis, field in (("xaxis", "x_title"), ("yaxis", "y_title")):
        title = _axis_title(fig, axis)
        for word in entry.get(field, []):
            if normalise_text(word) not in title:
                raise _NotYet("check.figure_axis_title", axis=axis[0], word=word)
    if "n_values" in entry or "y_sum" in entry:
        values = _trace_values(chosen)
        if "n_values" in entry and len(values) != entry["n_values"]:
            raise _NotYet("check.figure_n_values", type=wanted, found=len(values), expected=entry["n_values"])
        if "y_sum" in entry and not (
            all(math.isfinite(v) for v in values)
            and abs(sum(values) - entry["y_sum"]) <= entry["y_sum_tolerance"]
        ):
            raise _NotYet("check.figure_values")


def _trace_values(traces: list) -> list[float]:
    values: list[float] = []
    for trace in traces:
        y = _decode_typed_array(getattr(trace, "y", None))
        if y is None:
            continue
        for v in list(y):
            try:
                values.append(float(v))
            except (TypeError, ValueError):
                values.append(math.nan)
    return values


def _decode_typed_array(values: Any) -> Any:
    """Decode plotly's base64 "typed array" form (``{"dtype": "i1", "bdata": "..."}``) of figures from JSON."""
    if isinstance(values, dict) and "bdata" in values and "dtype" in values:
        import base64

        import numpy as np

        try:
            return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).ravel()
        except Exception:  # noqa: BLE001 - odd input must never raise
            return [math.nan]
    return values


_JUDGES = {
    "number": _judge_number,
    "text": _judge_text,
    "choice": _judge_choice,
    "names": _judge_names,
    "fact": _judge_fact,
    "figure": _judge_figure,
}


# --------------------------------------------------------------------------------------------------
# Lines
# --------------------------------------------------------------------------------------------------


def _display_id(question_id: Any) -> str:
    if isinstance(question_id, str):
        text = " ".join(question_id.split()) or "''"
    elif isinstance(question_id, (int, float)) and not isinstance(question_id, bool):
        text = str(question_id)
    else:
        text = f"<{_type_name(question_id)}>"
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "…"


def _hint(qid: str, entry: dict) -> str:
    """Return the question's hint: a translation ``hint.<qid>`` if the catalogue has one, else the key's."""
    translated = i18n.catalogue(i18n.get_language()).get(f"hint.{qid}")
    return translated or entry.get("hint", "")


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _line(qid: str, correct: bool, text: str) -> Verdict:
    return Verdict(qid, correct, _one_line(text))


def _wrong(qid: str, reason_key: str | None, hint: str = "", **values: Any) -> Verdict:
    reason = i18n.t(reason_key, **values) if reason_key else ""
    if reason and hint:
        detail = i18n.t("check.reason_and_hint", reason=reason, hint=hint)
    else:
        detail = reason or hint or i18n.t("check.no_hint")
    return _line(qid, False, i18n.t("check.not_yet", qid=qid, hint=detail))
