"""Judging an answer: plain data in, a verdict with a reason out.

One module judges for both sides of the trust boundary:

* the grader (trusted, outside the sandbox) compares a student's plain answer with the **plain**
  expected answer of the student's variant, computed from the solution notebook;
* the student's formative ``irc.check`` compares it with the **hashed** key shipped with the course
  (salted SHA-256 digests; feedback, not protection: the answer spaces are small).

Both use :func:`encode` to turn a question's specification and the solution's value into an
*entry* (``salt=None`` gives plain values, a salt gives digests) and :func:`judge` to compare. The
interpretation of an answer (is it a number? which names does it hold?) is the same for both, so a
student's check and the teacher's grade always agree.

Question kinds (``"kind"`` in a question's specification)
---------------------------------------------------------
``number``
    ``"tolerance"``: ``0`` (exact, for counts), ``0.5`` (absolute) or ``"1%"`` (relative);
    ``"unit": "days"`` also accepts a time difference; ``"diagnose"``: mistakes to recognise
    (``"sign"``, ``"percent"``, ``"off_by_one"``, ``"century"``).
``text``
    A word or phrase, normalised (case, accents, spaces, Uzbek apostrophes); ``"accept"`` lists
    other spellings; ``"names_of": "country"`` also accepts the Uzbek and Russian names.
``names``
    A set of names in any order; ``"aliases"`` maps a name to other spellings.
``choice``
    One letter; options are shown in an order of the student's own (:mod:`.variants`).
``fact``
    A pair ``(verdict, value)``: the verdict on the course's five-level scale (correct, imprecise,
    wrong, unverifiable, opinion), the value a ``number`` or ``text`` specification.
``figure``
    A plotly figure: trace type, trace names, words of the axis titles, and the plotted values.
``written``
    ``(verdict, text)``: a verdict and a justification of 3–5 sentences; recorded, not auto-graded.

Examples
--------
>>> entry = encode({"kind": "number", "tolerance": 0, "hint": "Count the rows."}, {"t": "number", "v": 32})
>>> judge(entry, {"t": "number", "v": 32}).correct
True
>>> judge(entry, {"t": "number", "v": 31}).reason
'check.wrong'
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

KINDS = ("number", "text", "choice", "names", "fact", "figure", "written")
VERDICTS = ("correct", "imprecise", "wrong", "unverifiable", "opinion")
DIAGNOSES = ("sign", "percent", "off_by_one", "century")

_BUCKETS_PER_TOLERANCE = 8
_DIGEST_CHARS = 20
_MAX_NAMES = 10_000


class SpecError(ValueError):
    """An invalid question specification (an authoring error, reported by ``ircourse build-exercises``)."""


class NotYet(Exception):
    """Internal signal: the answer is not right; ``key``/``values`` name the catalogue reason."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass(frozen=True)
class Outcome:
    """The result of judging one answer.

    Attributes
    ----------
    status : str
        ``correct``, ``wrong`` (a reason says why), ``blank`` (no answer given) or ``recorded``
        (a written answer in the right form, for the teacher to read).
    reason : str or None
        Catalogue key of the reason (``check.want_number``, ``check.names_count``...).
    values : dict
        Values for the reason's placeholders.
    """

    status: str
    reason: str | None = None
    values: dict = field(default_factory=dict)

    @property
    def correct(self) -> bool:
        """Whether the answer earns the points."""
        return self.status == "correct"


# --------------------------------------------------------------------------------------------------
# Normalisation and tokens
# --------------------------------------------------------------------------------------------------

_END_PUNCTUATION = " \t.,;:!?\"'`“”‘’«»"
#: Marks that Uzbek Latin writes for oʻ, gʻ (U+02BB) and the tutuq belgisi (U+02BC), and the forms
#: students type instead; all compare equal.
_APOSTROPHES = dict.fromkeys(map(ord, "\u2018\u2019\u02bb\u02bc\u0060\u00b4\u02b9\u2032"), "'")


def normalise_text(text: str) -> str:
    """Return ``text`` folded for comparison: no accents, lower case, one kind of apostrophe, single spaces.

    Examples
    --------
    >>> normalise_text("  Türkiye.  ")
    'turkiye'
    >>> normalise_text("Oʻzbekiston") == normalise_text("O'zbekiston")
    True
    """
    text = unicodedata.normalize("NFKD", str(text).translate(_APOSTROPHES))
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


class _Tokens:
    """Turns normalised values into the tokens an entry stores: the values themselves, or their digests."""

    def __init__(self, salt: str | None) -> None:
        self.salt = salt
        self.plain = salt is None

    def __call__(self, kind: str, value: str) -> str:
        return value if self.salt is None else digest(self.salt, kind, value)


def _tokenizer(salt: str | None) -> _Tokens:
    return _Tokens(salt)


def localized_names(name: str) -> list[str]:
    """Return the other names of a country in the course's languages (CLDR through Babel), for ``names_of``.

    ``localized_names("Poland")`` includes ``"Polsha"`` and ``"Польша"``; an unknown name gives ``[]``.
    """
    try:
        from ..locale import country_names

        return sorted(n for n in country_names(name) if len(n) > 2)  # not the two-letter ISO codes
    except Exception:  # noqa: BLE001 - not a country (or no locale data): only the English spellings count
        return []


def axis_words(word: str) -> set[str]:
    """Return the normalised forms of an axis-title word in every course language.

    A figure question asks for axis titles that mention e.g. "year"; a student of the Uzbek or Russian
    homework may write "Yil" or "Год". The translations are the catalogue entries ``check.axis_word.<word>``.
    """
    from .. import i18n

    forms = {normalise_text(word)}
    for lang in i18n.languages():
        text = i18n.catalogue(lang).get(f"check.axis_word.{normalise_text(word)}")
        if text:
            forms |= {normalise_text(alternative) for alternative in text.split("|") if alternative.strip()}
    return forms


def _verdict_words() -> dict[str, str]:
    """Normalised verdict words of every course language -> the English scale word."""
    from .. import i18n

    words = {v: v for v in VERDICTS}
    for lang in i18n.languages():
        for verdict in VERDICTS:
            text = i18n.catalogue(lang).get(f"verdict.{verdict}")
            if text:
                words[normalise_text(text)] = verdict
    return words


# --------------------------------------------------------------------------------------------------
# Encoding: specification + the solution's value -> entry
# --------------------------------------------------------------------------------------------------

SPEC_FIELDS = {
    "number": {"tolerance", "unit", "diagnose"},
    "text": {"accept", "names_of"},
    "choice": {"options"},
    "names": {"aliases", "names_of"},
    "fact": {"verdict", "value"},
    "figure": {"trace_type", "min_traces", "trace_names", "x_title", "y_title", "compare_data"},
    "written": {"verdict", "rubric", "min_sentences", "max_sentences"},
}
COMMON_FIELDS = {"kind", "hint", "points", "text", "variants", "wrong", "answer", "feedback"}


def check_spec(spec: Any) -> None:
    """Raise :class:`SpecError` if ``spec`` is not a valid question specification."""
    if not isinstance(spec, dict):
        raise SpecError("the specification must be a JSON object")
    kind = spec.get("kind")
    if kind not in KINDS:
        raise SpecError(f"'kind' must be one of {', '.join(KINDS)}, got {kind!r}")
    hint = spec.get("hint")
    if not isinstance(hint, str) or not hint.strip() or "\n" in hint:
        raise SpecError("'hint' must be a non-empty one-line string")
    points = spec.get("points", 1)
    if isinstance(points, bool) or not isinstance(points, (int, float)) or points <= 0:
        raise SpecError("'points' must be a positive number")
    unknown = set(spec) - COMMON_FIELDS - SPEC_FIELDS[kind]
    if unknown:
        raise SpecError(f"unknown fields {sorted(unknown)} for kind {kind!r}")
    variants = spec.get("variants")
    if variants is not None and (not isinstance(variants, list) or not variants
                                 or not all(isinstance(v, dict) for v in variants)):
        raise SpecError("'variants' must be a non-empty list of parameter objects")
    if kind == "number":
        _parse_tolerance(spec.get("tolerance", None), required=True)
        if spec.get("unit") not in (None, "days"):
            raise SpecError("'unit' can only be 'days'")
        bad = set(spec.get("diagnose", [])) - set(DIAGNOSES)
        if bad:
            raise SpecError(f"'diagnose' may list {', '.join(DIAGNOSES)}; got {sorted(bad)}")
    if kind == "choice":
        options = spec.get("options")
        if (not isinstance(options, list) or len(options) < 2
                or not all(isinstance(o, dict) and isinstance(o.get("text"), str) and o["text"].strip()
                           for o in options)):
            raise SpecError("'options' must list at least two {\"text\": ...} objects")
        if sum(bool(o.get("right")) for o in options) != 1:
            raise SpecError("exactly one option must have \"right\": true")
    if kind in ("fact", "written") and spec.get("verdict") not in VERDICTS:
        raise SpecError(f"'verdict' must be one of {', '.join(VERDICTS)}")
    if kind == "fact":
        value = spec.get("value")
        if not isinstance(value, dict) or value.get("kind") not in ("number", "text"):
            raise SpecError("'value' must be a specification of kind 'number' or 'text'")
        extra = set(value) - {"kind", "answer"} - SPEC_FIELDS[value["kind"]]
        if extra:
            raise SpecError(f"unknown fields {sorted(extra)} in 'value'")
        if value["kind"] == "number":
            _parse_tolerance(value.get("tolerance"), required=True)
    if kind == "figure" and not isinstance(spec.get("trace_type"), str):
        raise SpecError("'trace_type' is required, e.g. 'scatter' or 'bar'")
    if kind == "written" and not (isinstance(spec.get("rubric"), list) and spec["rubric"]
                                  and all(isinstance(r, str) and r.strip() for r in spec["rubric"])):
        raise SpecError("'rubric' must list the criteria the teacher scores")


def _parse_tolerance(tol: Any, required: bool = False) -> tuple[str, float]:
    if tol is None:
        if required:
            raise SpecError("a number needs a 'tolerance' (0 for exact, 0.5 absolute, '1%' relative)")
        return "exact", 0.0
    if isinstance(tol, str):
        text = tol.strip()
        if text.endswith("%"):
            value = float(text[:-1]) / 100
            if not 0 < value < 1:
                raise SpecError(f"relative tolerance must be between 0% and 100%, got {tol!r}")
            return "rel", value
        try:
            tol = float(text)
        except ValueError:
            raise SpecError(f"tolerance must be a number or a percentage, got {tol!r}") from None
    if isinstance(tol, bool) or not isinstance(tol, (int, float)) or not math.isfinite(tol) or tol < 0:
        raise SpecError(f"tolerance must be a number >= 0 or a percentage like '1%', got {tol!r}")
    return ("exact", 0.0) if tol == 0 else ("abs", float(tol))


def encode(spec: dict, solution: dict, salt: str | None = None, options: list[str] | None = None) -> dict:
    """Return the entry against which answers to one variant of a question are judged.

    Parameters
    ----------
    spec : dict
        The question's specification (see the module docstring).
    solution : dict
        The solution's answer for this variant, as plain data (:func:`.answers.to_plain`). For
        ``choice`` questions it is not used: the right option is the one marked in ``spec``.
    salt : str, optional
        None for a plain entry (the grader's); a salt for a hashed entry (the shipped key).
    options : list of str, optional
        For ``choice``: the option texts in the public order (the canonical option numbers).

    Raises
    ------
    SpecError
        If the solution's value does not fit the question (e.g. text for a number question).
    """
    check_spec(spec)
    tok = _tokenizer(salt)
    kind = spec["kind"]
    entry: dict = {"kind": kind}
    try:
        entry.update(_ENCODERS[kind](spec, solution, tok, options))
    except NotYet as exc:
        raise SpecError(f"the solution's answer does not fit a {kind} question ({exc.key})") from None
    wrong = {}
    for item in spec.get("feedback", []):
        # targeted feedback on a known wrong answer: {"answer": ..., "say": "..."}
        try:
            wrong.update(_feedback_tokens(spec, item, tok))
        except NotYet:
            raise SpecError(f"feedback answer {item.get('answer')!r} does not fit the question") from None
    if wrong:
        entry["feedback"] = wrong
    return entry


def _feedback_tokens(spec: dict, item: dict, tok) -> dict:
    if not isinstance(item, dict) or not isinstance(item.get("say"), str) or "answer" not in item:
        raise SpecError("each 'feedback' item is {\"answer\": ..., \"say\": \"...\"}")
    from .answers import to_plain

    plain = to_plain(item["answer"])
    kind = spec["kind"]
    if kind == "number":
        return {tok("number", _number_token(as_number(plain, spec.get("unit")))): item["say"]}
    if kind == "text":
        return {tok("text", as_text(plain)): item["say"]}
    if kind == "names":
        return {tok("names", "\x1e".join(as_names(plain))): item["say"]}
    raise SpecError(f"'feedback' is not supported for {kind} questions")


def _number_token(x: float) -> str:
    if float(x).is_integer() and abs(x) < 2**53:
        return str(int(x))
    return repr(float(x))


def _encode_number(spec: dict, solution: dict, tok, options) -> dict:
    value = as_number(solution, spec.get("unit"))
    mode, tol = _parse_tolerance(spec.get("tolerance"), required=True)
    out: dict = {"mode": mode}
    if spec.get("unit"):
        out["unit"] = spec["unit"]
    if spec.get("diagnose"):
        out["diagnose"] = list(spec["diagnose"])
    if tok.plain:
        out.update(value=value, tol=tol)
        return out
    if mode == "exact":
        if not float(value).is_integer():
            raise SpecError("an exact answer must be a whole number; give a tolerance for others")
        out["digests"] = [tok("number", _number_token(value))]
    elif mode == "abs":
        step = tol / _BUCKETS_PER_TOLERANCE
        lo, hi = math.floor((value - tol) / step), math.floor((value + tol) / step)
        out["step"] = step
        out["digests"] = sorted(tok("bucket", str(k)) for k in range(lo, hi + 1))
    else:
        if value == 0:
            raise SpecError("a relative tolerance needs a non-zero answer")
        step = math.log1p(tol) / _BUCKETS_PER_TOLERANCE
        sign = "+" if value > 0 else "-"
        lo = math.floor((math.log(abs(value)) + math.log1p(-tol)) / step)
        hi = math.floor((math.log(abs(value)) + math.log1p(tol)) / step)
        out["step"] = step
        out["digests"] = sorted(tok("logbucket", f"{sign}{k}") for k in range(lo, hi + 1))
    return out


def _text_variants(spec: dict, answer: str) -> set[str]:
    spellings = [answer] + list(spec.get("accept", []))
    if spec.get("names_of"):
        spellings += [n for s in list(spellings) for n in localized_names(s)]
    return {v for s in spellings for v in name_variants(s)}


def _encode_text(spec: dict, solution: dict, tok, options) -> dict:
    answer = _raw_text(solution)
    return {"tokens": sorted(tok("text", v) for v in _text_variants(spec, answer))}


def _encode_names(spec: dict, solution: dict, tok, options) -> dict:
    names = _raw_names(solution)
    aliases = spec.get("aliases", {})
    if not isinstance(aliases, dict):
        raise SpecError("'aliases' must map a name to a list of other spellings")
    items = []
    for name in names:
        spellings = [name] + list(aliases.get(name, []))
        if spec.get("names_of"):
            spellings += [n for s in list(spellings) for n in localized_names(s)]
        items.append(sorted({tok("name", v) for s in spellings for v in name_variants(s)}))
    if len({tuple(i) for i in items}) != len(items):
        raise SpecError("the solution lists the same name twice")
    return {"items": sorted(items)}


def _encode_choice(spec: dict, solution: dict, tok, options: list[str] | None) -> dict:
    texts = options if options is not None else [o["text"] for o in spec["options"]]
    by_text = {o["text"]: o for o in spec["options"]}
    if sorted(texts) != sorted(by_text):
        raise SpecError("the public options do not match the specification's options")
    right = next(i for i, text in enumerate(texts) if by_text[text].get("right"))
    why = {tok("choice", str(i)): by_text[text]["why"] for i, text in enumerate(texts) if by_text[text].get("why")}
    out = {"n": len(texts), "right": tok("choice", str(right))}
    if why:
        out["why"] = why
    return out


def _encode_fact(spec: dict, solution: dict, tok, options) -> dict:
    verdict_plain, value_plain = _pair(solution)
    verdict = as_verdict(verdict_plain)
    if verdict != spec["verdict"]:
        raise SpecError(f"the solution's verdict {verdict!r} differs from the specification's {spec['verdict']!r}")
    sub = dict(spec["value"], hint=spec["hint"])
    value_entry = {"kind": sub["kind"]} | _ENCODERS[sub["kind"]](sub, value_plain, tok, None)
    return {"verdict": tok("verdict", verdict), "value": value_entry}


def _encode_figure(spec: dict, solution: dict, tok, options) -> dict:
    out: dict = {"trace_type": spec["trace_type"], "min_traces": int(spec.get("min_traces", 1))}
    for name in ("trace_names", "x_title", "y_title"):
        words = spec.get(name, [])
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise SpecError(f"'{name}' must be a list of words")
        if words:
            out[name] = words
    fig = as_figure(solution)
    _check_figure_structure(out, fig)  # the solution's own figure must pass
    if spec.get("compare_data", True):
        out["data"] = tok("figure", _figure_signature(out, fig))
    return out


def _encode_written(spec: dict, solution: dict, tok, options) -> dict:
    return {"min_sentences": int(spec.get("min_sentences", 3)), "max_sentences": int(spec.get("max_sentences", 5))}


_ENCODERS = {
    "number": _encode_number, "text": _encode_text, "choice": _encode_choice, "names": _encode_names,
    "fact": _encode_fact, "figure": _encode_figure, "written": _encode_written,
}


# --------------------------------------------------------------------------------------------------
# Interpreting plain data
# --------------------------------------------------------------------------------------------------


def _reject_blank(plain: dict) -> None:
    tag = plain.get("t")
    if tag == "ellipsis":
        raise NotYet("check.no_answer")
    if tag == "none":
        raise NotYet("check.none")
    if tag == "missing":
        raise NotYet("check.missing_value")


def _unwrap_single(plain: dict) -> dict:
    """Return the element of a one-element list, set, Series or 1x1 table."""
    if plain.get("t") == "list" and len(plain.get("items", [])) == 1:
        return plain["items"][0]
    if plain.get("t") == "table" and plain.get("shape") == [1, 1] and plain["rows"]:
        return plain["rows"][0][0]
    return plain


def _other_name(plain: dict) -> str:
    tag = plain.get("t")
    if tag == "other":
        return str(plain.get("type", "object"))[:60]
    return {"list": str(plain.get("container", "list")), "dict": "dict", "table": "DataFrame",
            "figure": "Figure", "timedelta": "Timedelta", "datetime": "Timestamp", "bool": "bool",
            "str": "str", "number": "number"}.get(tag, str(tag))


def as_number(plain: dict, unit: str | None = None) -> float:
    """Return the number a plain answer holds, or raise :class:`NotYet` saying what it is instead."""
    _reject_blank(plain)
    value = _unwrap_single(plain)
    _reject_blank(value)
    tag = value.get("t")
    if tag == "timedelta":
        if unit == "days":
            return float(value["days"])
        raise NotYet("check.want_number_not_timedelta")
    if tag == "bool":
        raise NotYet("check.want_number_not_bool")
    if tag == "str":
        text = value["v"].strip().replace("\u2212", "-").replace("\u00a0", "").replace(" ", "")
        try:
            x = float(text.replace(",", ".")) if text.count(",") == 1 and "." not in text else float(text)
        except ValueError:
            raise NotYet("check.want_number_not_text") from None
        return _finite(x)
    if tag == "number":
        v = value["v"]
        if isinstance(v, str):
            raise NotYet("check.want_finite")
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise NotYet("check.want_number", got="?")
        return _finite(float(v))
    if tag == "table":
        rows, cols = value.get("shape", [0, 0])
        raise NotYet("check.want_number_not_table", rows=rows, cols=cols)
    if tag in ("list", "dict"):
        raise NotYet("check.want_one_number", got=_other_name(value), n=len(value.get("items", [])))
    raise NotYet("check.want_number", got=_other_name(value))


def _finite(x: float) -> float:
    if math.isnan(x):
        raise NotYet("check.missing_value")
    if math.isinf(x):
        raise NotYet("check.want_finite")
    return x


def _raw_text(plain: dict) -> str:
    _reject_blank(plain)
    value = _unwrap_single(plain)
    _reject_blank(value)
    tag = value.get("t")
    if tag == "str":
        if not normalise_text(value["v"]):
            raise NotYet("check.empty_text")
        return value["v"]
    if tag in ("number", "bool"):
        raise NotYet("check.want_text_not_number")
    if tag == "table":
        raise NotYet("check.want_text_not_table")
    if tag in ("list", "dict"):
        raise NotYet("check.want_one_text", got=_other_name(value), n=len(value.get("items", [])))
    raise NotYet("check.want_text", got=_other_name(value))


def as_text(plain: dict) -> str:
    """Return the normalised text a plain answer holds, or raise :class:`NotYet`."""
    return normalise_text(_raw_text(plain))


def _raw_names(plain: dict) -> list[str]:
    _reject_blank(plain)
    tag = plain.get("t")
    if tag == "str":
        raise NotYet("check.want_names_not_text")
    if tag == "table":
        if plain.get("shape", [0, 0])[1] == 1:
            plain = {"t": "list", "container": "list", "items": [row[0] for row in plain["rows"] if row]}
        else:
            raise NotYet("check.want_names_not_table")
    if plain.get("t") != "list":
        raise NotYet("check.want_names", got=_other_name(plain))
    if plain.get("truncated") or len(plain["items"]) > _MAX_NAMES:
        raise NotYet("check.names_too_many", n=_MAX_NAMES)
    names = []
    for item in plain["items"]:
        if item.get("t") != "str":
            raise NotYet("check.names_odd_item")
        if normalise_text(item["v"]):
            names.append(item["v"])
    if not names:
        raise NotYet("check.names_empty")
    return names


def as_names(plain: dict) -> list[str]:
    """Return the sorted, normalised, distinct names a plain answer holds, or raise :class:`NotYet`."""
    return sorted({normalise_text(n) for n in _raw_names(plain)})


def as_verdict(plain: dict) -> str:
    """Return the verdict word (one of :data:`VERDICTS`) of a plain answer, or raise :class:`NotYet`."""
    _reject_blank(plain)
    value = _unwrap_single(plain)
    if value.get("t") == "bool":
        raise NotYet("check.want_scale_verdict_not_bool")
    if value.get("t") == "str":
        word = _verdict_words().get(normalise_text(value["v"]))
        if word:
            return word
    raise NotYet("check.want_scale_verdict")


def _pair(plain: dict) -> tuple[dict, dict]:
    _reject_blank(plain)
    if plain.get("t") == "dict":
        lowered = {}
        for key, value in plain["items"]:
            if key.get("t") == "str":
                lowered[key["v"].strip().lower()] = value
        for a, b in (("verdict", "value"), ("verdict", "justification"), ("verdict", "text")):
            if a in lowered and b in lowered:
                return lowered[a], lowered[b]
    if plain.get("t") == "list" and plain.get("container") in ("tuple", "list") and len(plain["items"]) == 2:
        return plain["items"][0], plain["items"][1]
    raise NotYet("check.want_pair")


def as_figure(plain: dict) -> dict:
    """Return a plain figure (``{"data": [...], "layout": {...}}``), or raise :class:`NotYet`."""
    _reject_blank(plain)
    if plain.get("t") != "figure":
        raise NotYet("check.want_figure", got=_other_name(plain))
    return plain


#: Abbreviations after which a full stop does not end a sentence (English, Uzbek, Russian forms).
_ABBREVIATIONS = {"e.g", "i.e", "etc", "cf", "vs", "art", "arts", "ch", "p", "pp", "no", "vol", "ed", "eds", "al",
                  "fig", "c", "ca", "mr", "dr", "st", "bn", "mln", "mlrd", "yil", "y", "va", "sh", "g", "gg", "t",
                  "tt", "str", "s", "masalan", "ст", "см", "т.е", "т.д", "т.п", "г", "гг", "в", "вв", "млн", "млрд", "с", "ш",
                  "им", "гл", "стр", "рис", "напр", "др", "пр", "ср"}


def _sentences(text: str) -> int:
    """Count sentences: a ``.``, ``!``, ``?`` or ``…`` followed by a capital letter or a quote starts a new one,
    unless the full stop ends an abbreviation (``Art. 173``, ``e.g. Poland``) or an initial (``S. P. Huntington``)."""
    parts, current = [], []
    for token in text.split():
        current.append(token)
        if re.search(r"[.!?…][\"'»”)]*$", token):
            word = re.sub(r"[.!?…\"'»”)]+$", "", token).lstrip("(«“\"'").casefold()
            if token.endswith(".") and (word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())):
                continue
            parts.append(" ".join(current))
            current = []
    if current:
        parts.append(" ".join(current))
    return sum(1 for p in parts if len(re.findall(r"\w+", p)) >= 3)


# --------------------------------------------------------------------------------------------------
# Judging
# --------------------------------------------------------------------------------------------------


def judge(entry: dict, plain: dict, salt: str | None = None, order: list[int] | None = None) -> Outcome:
    """Judge a plain answer against an entry from :func:`encode`.

    Parameters
    ----------
    entry : dict
        The expected answer of the student's variant (plain or hashed).
    plain : dict
        The student's answer as plain data.
    salt : str, optional
        The salt of a hashed entry (None for a plain one).
    order : list of int, optional
        For ``choice``: the student's display order of the options (:func:`.variants.permutation`).

    Returns
    -------
    Outcome
        Never raises for any well-formed plain data.
    """
    tok = _tokenizer(salt)
    try:
        _JUDGES[entry["kind"]](entry, plain, tok, order)
    except NotYet as exc:
        status = "blank" if exc.key == "check.no_answer" else "wrong"
        if exc.key == "check.recorded":
            status = "recorded"
        return Outcome(status, exc.key, exc.values)
    return Outcome("correct")


def _number_matches(entry: dict, x: float, tok) -> bool:
    mode = entry["mode"]
    if "value" in entry:  # plain
        v, tol = entry["value"], entry["tol"]
        if mode == "exact":
            return x == v
        if mode == "abs":
            return abs(x - v) <= tol * (1 + 1e-12) + 1e-12
        return abs(x - v) <= tol * abs(v) * (1 + 1e-12)
    if mode == "exact":
        return float(x).is_integer() and tok("number", _number_token(x)) in entry["digests"]
    if mode == "abs":
        return tok("bucket", str(math.floor(x / entry["step"]))) in entry["digests"]
    if x == 0:
        return False
    sign = "+" if x > 0 else "-"
    return tok("logbucket", sign + str(math.floor(math.log(abs(x)) / entry["step"]))) in entry["digests"]


_TRANSFORMS = {
    "sign": (lambda x: -x,),
    "percent": (lambda x: x / 100, lambda x: x * 100),
    "off_by_one": (lambda x: x + 1, lambda x: x - 1),
    "century": (lambda x: x + 100, lambda x: x - 100),
}


def _judge_number(entry: dict, plain: dict, tok, order) -> None:
    x = as_number(plain, entry.get("unit"))
    if _number_matches(entry, x, tok):
        return
    said = entry.get("feedback", {}).get(tok("number", _number_token(x)))
    if said:
        raise NotYet("check.feedback", say=said)
    for name in entry.get("diagnose", []):
        if any(_number_matches(entry, f(x), tok) for f in _TRANSFORMS[name]):
            raise NotYet(f"check.diagnose_{name}")
    raise NotYet("check.wrong")


def _judge_text(entry: dict, plain: dict, tok, order) -> None:
    text = as_text(plain)
    if tok("text", text) in entry["tokens"]:
        return
    said = entry.get("feedback", {}).get(tok("text", text))
    if said:
        raise NotYet("check.feedback", say=said)
    raise NotYet("check.wrong")


def _judge_names(entry: dict, plain: dict, tok, order) -> None:
    names = as_names(plain)
    items = [set(item) for item in entry["items"]]
    matched: set[int] = set()
    extra = 0
    for text in names:
        hits = [i for i, item in enumerate(items) if tok("name", text) in item]
        if hits:
            matched.update(hits)
        else:
            extra += 1
    if not extra and len(matched) == len(items) and len(names) == len(items):
        return
    said = entry.get("feedback", {}).get(tok("names", "\x1e".join(names)))
    if said:
        raise NotYet("check.feedback", say=said)
    missing = len(items) - len(matched)
    if extra == 0 and missing == 1:
        raise NotYet("check.names_one_missing", right=len(matched), expected=len(items))
    if missing == 0 and extra == 1:
        raise NotYet("check.names_one_extra", expected=len(items))
    raise NotYet("check.names_count", right=len(matched), expected=len(items), extra=extra)


def _judge_choice(entry: dict, plain: dict, tok, order) -> None:
    from .variants import LETTERS, letter_to_option

    n = entry["n"]
    order = order if order is not None else list(range(n))
    shown = ", ".join(LETTERS[i].upper() for i in range(n))
    _reject_blank(plain)
    value = _unwrap_single(plain)
    if value.get("t") != "str":
        raise NotYet("check.want_choice", options=shown)
    match = re.fullmatch(r"\s*[(\[]?\s*([A-Za-z])\s*[)\].:]?\s*", value["v"])
    option = letter_to_option(match.group(1), order) if match else None
    if option is None:
        raise NotYet("check.want_choice", options=shown)
    if tok("choice", str(option)) == entry["right"]:
        return
    why = entry.get("why", {}).get(tok("choice", str(option)))
    if why:
        raise NotYet("check.feedback", say=why)
    raise NotYet("check.wrong")


def _judge_fact(entry: dict, plain: dict, tok, order) -> None:
    first, second = _pair(plain)
    if second.get("t") in ("ellipsis", "none"):
        as_verdict(first)  # a verdict of the wrong form is reported first
        raise NotYet("check.pair_value_missing")
    verdict = as_verdict(first)
    value_entry = entry["value"]
    value_reason = None
    try:
        _JUDGES[value_entry["kind"]](value_entry, second, tok, order)
    except NotYet as reason:
        if reason.key not in ("check.wrong", "check.missing_value", "check.feedback") and not reason.key.startswith(
                "check.diagnose"):
            raise  # the value has the wrong type: say so first
        value_reason = reason
    verdict_right = tok("verdict", verdict) == entry["verdict"]
    if not verdict_right and value_reason is not None:
        raise NotYet("check.fact_both_wrong")
    if not verdict_right:
        raise NotYet("check.fact_verdict_wrong")
    if value_reason is not None:
        if value_reason.key.startswith("check.diagnose") or value_reason.key == "check.feedback":
            raise value_reason  # the verdict is right; say what is wrong with the value
        raise NotYet("check.fact_value_wrong")


def _axis_title(layout: dict, axis: str) -> str:
    title = layout.get(axis, {}).get("title", {}) if isinstance(layout.get(axis), dict) else {}
    text = title.get("text", "") if isinstance(title, dict) else title
    return normalise_text(text or "") if isinstance(text, str) else ""


def _chosen_traces(entry: dict, fig: dict) -> list[dict]:
    wanted = entry["trace_type"]
    return [tr for tr in fig["data"] if isinstance(tr, dict) and tr.get("type", "scatter") == wanted]


def _check_figure_structure(entry: dict, fig: dict) -> None:
    traces = [tr for tr in fig["data"] if isinstance(tr, dict)]
    if not traces:
        raise NotYet("check.figure_empty")
    chosen = _chosen_traces(entry, fig)
    if len(chosen) < entry["min_traces"]:
        found = ", ".join(sorted({str(tr.get("type", "scatter")) for tr in traces}))
        raise NotYet("check.figure_trace_type", n=entry["min_traces"], type=entry["trace_type"], found=found)
    names = [normalise_text(tr.get("name") or "") for tr in chosen]
    for name in entry.get("trace_names", []):
        if normalise_text(name) not in names:
            raise NotYet("check.figure_trace_name", name=name)
    for axis, field_name in (("xaxis", "x_title"), ("yaxis", "y_title")):
        title = _axis_title(fig["layout"], axis)
        for word in entry.get(field_name, []):
            if not any(form in title for form in axis_words(word)):
                raise NotYet("check.figure_axis_title", axis=axis[0], word=word)


def _values(values: Any) -> list[float]:
    if isinstance(values, dict) and "bdata" in values and "dtype" in values:
        import base64

        import numpy as np

        try:
            values = np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).ravel().tolist()
        except Exception:  # noqa: BLE001 - a malformed typed array
            return [math.nan]
    if not isinstance(values, list):
        return []
    out = []
    for v in values:
        try:
            out.append(float(v))
        except (TypeError, ValueError):
            out.append(math.nan)
    return out


def _figure_signature(entry: dict, fig: dict) -> str:
    """The plotted values that must match the solution's: y values of the chosen traces, as a multiset."""
    chosen = _chosen_traces(entry, fig)
    wanted = [normalise_text(n) for n in entry.get("trace_names", [])]
    values: list[str] = []
    for trace in chosen:
        if wanted and normalise_text(trace.get("name") or "") not in wanted:
            continue
        for v in _values(trace.get("y")):
            values.append("nan" if not math.isfinite(v) else f"{v:.6g}")
    return json.dumps(sorted(values))


def _judge_figure(entry: dict, plain: dict, tok, order) -> None:
    fig = as_figure(plain)
    _check_figure_structure(entry, fig)
    if "data" in entry and tok("figure", _figure_signature(entry, fig)) != entry["data"]:
        raise NotYet("check.figure_values")


def _judge_written(entry: dict, plain: dict, tok, order) -> None:
    first, second = _pair(plain)
    as_verdict(first)
    text = _raw_text(second)
    n = _sentences(text)
    if n < entry["min_sentences"]:
        raise NotYet("check.written_too_short", n=n, low=entry["min_sentences"], high=entry["max_sentences"])
    if n > entry["max_sentences"]:
        raise NotYet("check.written_too_long", n=n, low=entry["min_sentences"], high=entry["max_sentences"])
    raise NotYet("check.recorded", n=n)


_JUDGES = {
    "number": _judge_number, "text": _judge_text, "choice": _judge_choice, "names": _judge_names,
    "fact": _judge_fact, "figure": _judge_figure, "written": _judge_written,
}
