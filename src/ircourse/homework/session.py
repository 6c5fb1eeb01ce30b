"""The student's side of a homework: ``start``, ``show`` and ``check``, inside the notebook's kernel.

The first code cell of every homework is::

    hw = irc.homework.start("06", student="U2023-017")   # your id, as on your teacher's list

From the id, each question that computes something from data gets the student's own parameters
(which year, which country...), and each multiple-choice question its own order of options.
A question cell shows them::

    q = hw.show("hw6_q1")       # prints the question with your parameters; q.date is your date

and the check cell under the answer cell prints one line::

    irc.check("hw6_q1", answer)
    ✅ hw6_q1: correct
    ❌ hw6_q1: not yet - the number is off by one: is the boundary day included? Hint: ...

``check`` never raises, whatever ``answer`` holds. It uses the hashed key shipped with the course
(:mod:`ircourse.homework.keys`): instant feedback, not the grade. The teacher's grader never runs
it; it reads the value of ``answer`` and judges it outside the student's code.
"""

from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass, field
from typing import Any

from .. import i18n
from . import answers, judge, keys, variants

_MAX_SHOWN = 40


@dataclass
class _State:
    session: "Session | None" = None
    last_error: str | None = None  # the error of the last cell that ran, if it failed
    last_cell_id: str | None = None
    hooked: bool = False


_STATE = _State()


class Pending:
    """The value of ``answer`` after a question cell ran and before its answer cell did."""

    def __init__(self, qid: str) -> None:
        self.qid = qid

    def __repr__(self) -> str:
        return f"<no answer yet to {self.qid}>"


@dataclass
class Question:
    """One question as this student sees it (returned by :meth:`Session.show`).

    Attributes
    ----------
    qid : str
        Question id.
    params : dict
        This student's parameters; also readable as attributes (``q.year``).
    order : list of int
        Display order of the options of a multiple-choice question.
    options : list of str
        The options, in the public order.
    """

    qid: str
    params: dict = field(default_factory=dict)
    order: list = field(default_factory=list)
    options: list = field(default_factory=list)

    def __getattr__(self, name: str) -> Any:
        params = self.__dict__.get("params", {})
        if name in params:
            return params[name]
        raise AttributeError(f"question {self.__dict__.get('qid')} has no parameter {name!r}; "
                             f"its parameters are: {', '.join(params) or 'none'}")

    def letter(self, text: str) -> str:
        """Return the letter under which the option starting with ``text`` is shown to this student."""
        matches = [i for i, option in enumerate(self.options) if option.startswith(text)]
        if len(matches) != 1:
            raise ValueError(f"{len(matches)} options of {self.qid} start with {text!r}")
        return variants.option_to_letter(matches[0], self.order)


class Session:
    """A student's homework session: which homework, which student, hence which variants.

    Parameters
    ----------
    homework : str
        Full homework name, e.g. ``"06_bipolar_world_and_nato"``.
    student : str
        The student id as the teacher's roster has it.
    forced_variant : int, optional
        Give every question its variant number ``forced_variant`` (modulo its number of variants)
        instead of the student's: used by the trusted run that computes expected answers.
    """

    def __init__(self, homework: str, student: str, forced_variant: int | None = None) -> None:
        self.homework = homework
        self.student = student if isinstance(student, str) else ""
        self.forced_variant = forced_variant

    def _public(self, qid: str) -> dict:
        return keys.public_files()[self.homework]["questions"][qid]

    def variant(self, qid: str) -> int:
        """Return the number of this student's variant of question ``qid``."""
        n = len(self._public(qid).get("variants", [])) or 1
        if self.forced_variant is not None:
            return self.forced_variant % n
        return variants.variant_index(self.homework, self.student, qid, n)

    def order(self, qid: str) -> list[int]:
        """Return this student's display order of the options of question ``qid``."""
        n = len(self._public(qid).get("options", []))
        return variants.permutation(self.homework, self.student, qid, n)

    def question(self, qid: str) -> Question:
        """Return question ``qid`` as this student sees it, without displaying it."""
        public = self._public(qid)
        params = dict(public["variants"][self.variant(qid)]) if public.get("variants") else {}
        return Question(qid, params, self.order(qid), list(public.get("options", [])))

    def show(self, qid: str) -> Question:
        """Display question ``qid`` with this student's parameters and options; clear ``answer``.

        Returns
        -------
        Question
            Its parameters are attributes: ``q = hw.show("hw6_q1")`` then ``q.date``.
        """
        if qid not in keys.public_files()[self.homework]["questions"]:
            raise KeyError(f"{self.homework} has no question {qid!r}")
        _display_markdown(self.markdown(qid))
        _reset_answer(qid)
        return self.question(qid)

    def markdown(self, qid: str) -> str:
        """Return the text :meth:`show` displays: the personalised question and the options in this student's order."""
        q = self.question(qid)
        public = self._public(qid)
        lines = []
        text = i18n.homework_text(self.homework, qid, "text", public.get("text", ""))
        if text:
            k = self.variant(qid)
            shown = {name: i18n.homework_text(self.homework, qid, f"v{k}.{name}", value)
                     if name.endswith("_text") and isinstance(value, str) else value
                     for name, value in q.params.items()}
            lines.append(f"**{qid}** " + text.format(**shown))
        if q.options:
            for position, option in enumerate(q.order):
                label = i18n.homework_text(self.homework, qid, f"option{option}", q.options[option])
                lines.append(f"- **{variants.LETTERS[position].upper()}.** {label}")
            lines.append("")
            lines.append(i18n.t("check.choice_instruction"))
        return "\n".join(lines)

    def check(self, qid: Any, answer: Any = ...) -> None:
        """Print one line of feedback on ``answer`` (same as :func:`check`)."""
        print(evaluate(qid, answer, session=self).line)

    def __repr__(self) -> str:
        return f"<homework {self.homework}, student {self.student!r}>"


def start(homework: str, student: str = "", *, _variant: int | None = None) -> Session:
    """Start a homework: remember which student you are, so that your questions are your own.

    Parameters
    ----------
    homework : str
        ``"06"`` or ``"06_bipolar_world_and_nato"``.
    student : str
        Your student id exactly as your teacher's list has it (upper/lower case and spaces at the
        ends do not matter).

    Returns
    -------
    Session
        Use it to show questions: ``hw.show("hw6_q1")``.
    """
    name = keys.find_homework(homework)
    if name is None:
        known = ", ".join(n.split("_", 1)[0] for n in sorted(keys.public_files()))
        raise ValueError(i18n.t("homework.unknown", homework=str(homework)[:40], known=known))
    session = Session(name, student, _variant)
    _STATE.session = session
    _install_hook()
    if _variant is None:
        if isinstance(student, str) and student.strip():
            print(i18n.t("homework.started", homework=name, student=" ".join(student.split())[:60]))
        else:
            print(i18n.t("homework.no_student"))
    return session


def current() -> Session | None:
    """Return the session started by :func:`start` in this kernel, if any."""
    return _STATE.session


# --------------------------------------------------------------------------------------------------
# Checking
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    """What :func:`check` prints.

    Attributes
    ----------
    question_id : str
        The id as displayed.
    correct : bool
        Whether the answer is right.
    line : str
        The one line printed.
    status : str
        ``correct``, ``wrong``, ``blank``, ``recorded`` or ``error``.
    """

    question_id: str
    correct: bool
    line: str
    status: str = "wrong"


def check(question_id: Any, answer: Any = ...) -> None:
    """Print one line of feedback on ``answer`` to question ``question_id``; never raises.

    Parameters
    ----------
    question_id : str
        The id shown in bold above the question, e.g. ``"hw6_q1"``.
    answer : object
        Whatever the answer cell assigned to ``answer``.
    """
    try:
        line = evaluate(question_id, answer).line
    except BaseException:  # noqa: BLE001 - a check must never stop Run All
        line = f"❌ {_display_id(question_id)}: ?"
    print(line)


def evaluate(question_id: Any, answer: Any = ..., session: Session | None = None) -> Verdict:
    """Check ``answer`` without printing; never raises (``BaseException`` included).

    Parameters
    ----------
    question_id : str
        The question id.
    answer : object
        The student's answer.
    session : Session, optional
        Whose variant to check against (default: the session of :func:`start`, or no student id).
    """
    try:
        qid = _display_id(question_id)
    except BaseException:  # noqa: BLE001
        qid = "?"
    try:
        return _evaluate(qid, question_id, answer, session)
    except BaseException as exc:  # noqa: BLE001 - last resort: never a traceback from our code
        try:
            return _line(qid, "error", i18n.t("check.internal", got=_type_name(answer), problem=type(exc).__name__))
        except BaseException:  # noqa: BLE001
            return Verdict(qid, False, f"❌ {qid}: ?", "error")


def _evaluate(qid: str, question_id: Any, answer: Any, session: Session | None) -> Verdict:
    if not isinstance(question_id, str):
        return _line(qid, "wrong", i18n.t("check.bad_id", got=_type_name(question_id)))
    key_id = question_id.strip()
    homework = keys.homework_of(key_id)
    if homework is None:
        close = difflib.get_close_matches(key_id, keys.all_question_ids(), n=1)
        if close:
            return _line(qid, "error", i18n.t("check.unknown_id_close", close=close[0]))
        return _line(qid, "error", i18n.t("check.unknown_id"))
    error = _answer_cell_error(homework, key_id)
    if error:
        return _line(qid, "error", i18n.t("check.answer_cell_failed", error=error))
    if isinstance(answer, Pending):
        if answer.qid == key_id:
            return _line(qid, "blank")
        return _line(qid, "error", i18n.t("check.stale_answer", other=answer.qid))
    try:
        all_keys = keys.key_files()
    except Exception as exc:  # noqa: BLE001 - a broken key file must not break a student's notebook
        return _line(qid, "error", i18n.t("check.key_unreadable", problem=type(exc).__name__))
    key = all_keys.get(homework)
    if key is None or key_id not in key.get("questions", {}):
        return _line(qid, "error", i18n.t("check.key_unreadable", problem="missing"))
    session = session if session is not None and session.homework == homework else _session_for(homework)
    entries = key["questions"][key_id]
    entry = entries[session.variant(key_id) % len(entries)]
    plain = answers.to_plain(answer)
    outcome = judge.judge(entry, plain, salt=key["salt"], order=session.order(key_id))
    public = keys.public_files()[homework]["questions"][key_id]
    note = ""
    if _STATE.session is None and (public.get("variants") or public.get("options")):
        note = " " + i18n.t("check.start_first")
    return _outcome_line(qid, homework, key_id, outcome, public, note)


def _session_for(homework: str) -> Session:
    current_session = _STATE.session
    if current_session is not None and current_session.homework == homework:
        return current_session
    student = current_session.student if current_session is not None else ""
    return Session(homework, student)


def _outcome_line(qid: str, homework: str, key_id: str, outcome: judge.Outcome, public: dict,
                  note: str = "", lang: str | None = None) -> Verdict:
    if outcome.status == "correct":
        return Verdict(qid, True, _one_line(i18n.t("check.correct", lang=lang, qid=qid) + note), "correct")
    if outcome.status == "recorded":
        return _line(qid, "recorded", i18n.t("check.recorded", lang=lang, **outcome.values) + note, lang)
    if outcome.status == "blank":
        return _line(qid, "blank", lang=lang)
    values = dict(outcome.values)
    if outcome.reason == "check.figure_axis_title":  # the word in the student's language, e.g. "Год"
        word = i18n.t(f"check.axis_word.{judge.normalise_text(values['word'])}", lang=lang) if i18n.catalogue(
            "en").get(f"check.axis_word.{judge.normalise_text(values['word'])}") else values["word"]
        values["word"] = word.split("|")[0]
    if "say" in values:  # a sentence about a known wrong answer, from the answer key
        values["say"] = i18n.homework_text(homework, key_id, "say." + i18n.say_key(values["say"]), values["say"],
                                           lang=lang)
    reason = i18n.t(outcome.reason, lang=lang, **values) if outcome.reason and outcome.reason != "check.wrong" else ""
    hint = i18n.homework_text(homework, key_id, "hint", public.get("hint", ""), lang=lang)
    if reason and hint:
        detail = i18n.t("check.reason_and_hint", lang=lang, reason=reason, hint=hint)
    else:
        detail = reason or hint or i18n.t("check.no_hint", lang=lang)
    return _line(qid, "wrong", detail + note, lang)


def feedback_line(qid: str, homework: str, outcome: judge.Outcome, lang: str | None = None) -> str:
    """Return the line a student reads for ``outcome``, in ``lang`` (used by the grader's feedback files too)."""
    public = keys.public_files().get(homework, {}).get("questions", {}).get(qid, {})
    return _outcome_line(_display_id(qid), homework, qid, outcome, public, lang=lang).line


def _display_id(question_id: Any) -> str:
    if isinstance(question_id, str):
        text = " ".join(question_id.split()) or "''"
    elif isinstance(question_id, (int, float)) and not isinstance(question_id, bool):
        text = str(question_id)
    else:
        text = f"<{_type_name(question_id)}>"
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 1] + "…"


def _type_name(x: Any) -> str:
    if x is None:
        return "None"
    if x is ...:
        return "..."
    try:
        return str(type(x).__name__)[:60]
    except BaseException:  # noqa: BLE001
        return "object"


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


_TEMPLATES = {"wrong": "check.line_wrong", "blank": "check.line_blank", "error": "check.line_error",
              "recorded": "check.line_recorded"}


def _line(qid: str, status: str, detail: str = "", lang: str | None = None) -> Verdict:
    """Return the verdict line for a ``status`` (``wrong``, ``blank``, ``error``, ``recorded``)."""
    return Verdict(qid, False, _one_line(i18n.t(_TEMPLATES[status], lang=lang, qid=qid, detail=detail)), status)


# --------------------------------------------------------------------------------------------------
# IPython: which cell failed, and resetting ``answer``
# --------------------------------------------------------------------------------------------------


def _ipython():
    if "IPython" not in sys.modules:
        return None
    try:
        from IPython import get_ipython

        return get_ipython()
    except Exception:  # noqa: BLE001
        return None


def _install_hook() -> None:
    if _STATE.hooked:
        return
    ip = _ipython()
    if ip is None:
        return
    ip.events.register("post_run_cell", _after_cell)
    _STATE.hooked = True


def _after_cell(result) -> None:
    try:
        error = result.error_in_exec or result.error_before_exec
        _STATE.last_error = f"{type(error).__name__}: {error}"[:200] if error is not None else None
        _STATE.last_cell_id = getattr(result.info, "cell_id", None) if result.info is not None else None
    except Exception:  # noqa: BLE001 - a hook must never disturb the notebook
        _STATE.last_error = None


def _answer_cell_error(homework: str, qid: str) -> str | None:
    """The error of the answer cell of ``qid`` if it was the last cell run and it failed."""
    _install_hook()
    if not _STATE.last_error:
        return None
    answer_cell = keys.public_files()[homework]["questions"][qid].get("answer_cell")
    if _STATE.last_cell_id and answer_cell and _STATE.last_cell_id != answer_cell:
        return None
    return _STATE.last_error


def _reset_answer(qid: str) -> None:
    ip = _ipython()
    if ip is not None:
        ip.user_ns["answer"] = Pending(qid)


def _display_markdown(text: str) -> None:
    if not text.strip():
        return
    try:
        from IPython.display import Markdown, display

        if _ipython() is not None:
            display(Markdown(text))
            return
    except Exception:  # noqa: BLE001
        pass
    print(text)
