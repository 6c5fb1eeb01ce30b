"""Grade homework submissions: run the student's answers in a sandbox, judge their values outside.

Threat model. The student controls every line of the answer cells (and everything else in the file
they hand in). The teacher's machine, the other submissions, the answer keys and the gradebook must
not be reachable from that code, and a student can earn points only by giving answers that are right.
So, for each submitted notebook, the grader

1. reads it as data, with caps on size and number of cells (it is never executed as it is, and
   never modified), tells which homework it is, and reads the student id of its start cell as a
   string literal (never by running it);
2. builds a *job*: the homework's own setup cells and start cell (with that id), its question cells,
   and the **sources of the student's answer cells**, matched by cell id or ``answer:<id>`` tag, in
   one pass (:func:`merge`). The job holds no check cells, keys or solutions;
3. runs the job in a bubblewrap sandbox (:mod:`ircourse.homework.sandbox`), which hands back only
   the value of ``answer`` after each answer cell, as plain data;
4. judges each value against the expected answer of the student's own variant, computed from the
   solution notebook by a trusted run (:mod:`ircourse.homework.expected`), with the same judge as the
   student's ``irc.check`` (:mod:`ircourse.homework.judge`);
5. appends the gradebook row and writes the feedback file as soon as the submission is done.

:func:`grade_folder` does this for every entry under a folder whose name ends in ``.ipynb`` (any
case), in parallel; every entry gets a row, whatever it holds. :func:`grade_notebook` grades one
file (the student's ``ircourse check``).
"""

from __future__ import annotations

import ast
import json
import math
import os
import re
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import t
from . import authoring, expected, judge, sandbox, session, variants
from .authoring import Homework

DEFAULT_CELL_TIMEOUT = 60
"""Seconds one cell may run before it is stopped (``--timeout``)."""

DEFAULT_TOTAL_TIMEOUT = 300
"""Seconds a whole submission may take before its sandbox is killed (``--total-timeout``)."""

MAX_FILE_BYTES = 20_000_000
"""Largest submission read (a notebook with outputs is rarely over a few MB)."""

MAX_CELLS = 5_000
"""Most cells looked at in a submission."""

MAX_SOURCE_CHARS = 100_000
"""Longest answer cell source kept."""

STATUSES = ("ok", "partial", "not attempted", "error")
_MESSAGE_LIMIT = 400


@dataclass
class QuestionResult:
    """Result of one question of one submission.

    Attributes
    ----------
    qid : str
        Question id.
    points : float or None
        Points earned (None for a written answer waiting for the teacher's score).
    max_points : float
        Points possible.
    line : str
        The line the student reads (``✅ ...`` / ``❌ ... - hint`` / ``📝 ...``).
    status : str
        ``correct``, ``wrong``, ``blank``, ``error``, ``recorded`` or ``not_run``.
    answer : str
        A short rendering of the student's answer (for the class report's common wrong answers).
    """

    qid: str
    points: float | None
    max_points: float
    line: str
    status: str = "wrong"
    answer: str = ""


@dataclass
class SubmissionResult:
    """Result of grading one submitted file.

    Attributes
    ----------
    file : str
        The submission's path relative to the graded folder (or as given).
    homework : str or None
        The homework it was graded as.
    student : str
        The student id read from its start cell ("" when missing).
    questions : dict
        Question id -> :class:`QuestionResult` (every question of the homework, in order; empty for
        an ``error`` row).
    status : str
        ``ok``, ``partial``, ``not attempted`` or ``error`` (could not be graded).
    notes : list of str
        Sentences for the student and the teacher.
    flags : list of str
        Things the teacher should look at (id missing, id not in roster, id shared...).
    written : dict
        Question id -> ``{"verdict": ..., "text": ...}`` of written answers, for the review sheet.
    seconds : float
        Wall time spent on this submission.
    contained : bool or None
        Whether every process the submission's code started is known to be gone after its run (the
        sandbox's PID namespace ended); None when nothing ran or without the sandbox.
    lang : str or None
        The language of the student's notebook (a translated homework), for the feedback.
    """

    file: str
    homework: str | None
    student: str = ""
    questions: dict[str, QuestionResult] = field(default_factory=dict)
    status: str = "error"
    notes: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    written: dict = field(default_factory=dict)
    seconds: float = 0.0
    contained: bool | None = None
    lang: str | None = None

    @property
    def total(self) -> float:
        """Points earned (written answers not yet scored count 0)."""
        return sum(q.points or 0 for q in self.questions.values())

    @property
    def max_total(self) -> float:
        """Points possible."""
        return sum(q.max_points for q in self.questions.values())

    @property
    def message(self) -> str:
        """One-line summary of the notes for the gradebook."""
        text = " | ".join(" ".join(n.split()) for n in self.notes)
        return text if len(text) <= _MESSAGE_LIMIT else text[: _MESSAGE_LIMIT - 1] + "…"


@dataclass(frozen=True)
class Options:
    """How to grade.

    Attributes
    ----------
    cell_timeout, total_timeout : float
        Seconds per cell, and per submission.
    limits : sandbox.Limits
        Memory, CPU, file size, processes and output of each run.
    sandbox : bool
        Run each submission in bubblewrap (False only with ``--no-sandbox``).
    """

    cell_timeout: float = DEFAULT_CELL_TIMEOUT
    total_timeout: float = DEFAULT_TOTAL_TIMEOUT
    limits: sandbox.Limits = field(default_factory=sandbox.Limits)
    sandbox: bool = True

    def __post_init__(self) -> None:
        for name in ("cell_timeout", "total_timeout"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
                raise GradingError(f"{name.replace('_', ' ')} must be a finite number of seconds > 0, got {value!r}")


class GradingError(RuntimeError):
    """A problem with the grading request itself (not with a submission), e.g. an unknown homework."""


# --------------------------------------------------------------------------------------------------
# Reading a submission
# --------------------------------------------------------------------------------------------------


class _Unusable(Exception):
    """The submission cannot be graded; the message is the note for the gradebook."""


def read_submission(path: Path) -> dict:
    """Return a submitted notebook as a plain dict, tolerating anything that is JSON with a list of cells.

    Raises
    ------
    _Unusable
        With a clear sentence when the file is not a usable notebook (or is too large).
    """
    path = Path(path)
    if path.is_symlink():
        raise _Unusable(t("grade.symlink"))
    if not path.is_file():
        raise _Unusable(t("grade.not_a_file"))
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise _Unusable(t("grade.unreadable", detail=exc.strerror or type(exc).__name__)) from None
    if len(raw) > MAX_FILE_BYTES:
        raise _Unusable(t("grade.too_large", mb=MAX_FILE_BYTES // 1_000_000))
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise _Unusable(t("grade.not_json", detail="not UTF-8 text")) from None
    except json.JSONDecodeError as exc:
        raise _Unusable(t("grade.not_json", detail=f"line {exc.lineno}, column {exc.colno}: {exc.msg}")) from None
    except RecursionError:
        raise _Unusable(t("grade.not_json", detail="nested too deeply")) from None
    if not isinstance(data, dict):
        raise _Unusable(t("grade.not_notebook"))
    if "worksheets" in data and "cells" not in data:
        raise _Unusable(t("grade.old_format", version=data.get("nbformat", "3")))
    if not isinstance(data.get("cells"), list):
        raise _Unusable(t("grade.not_notebook"))
    if len(data["cells"]) > MAX_CELLS:
        raise _Unusable(t("grade.too_many_cells", n=MAX_CELLS))
    return data


def _source_text(source: object) -> str:
    if isinstance(source, str):
        return source
    if isinstance(source, list) and all(isinstance(s, str) for s in source):
        return "".join(source)
    return ""


def identify_homework(submission: dict, qid_homework: dict[str, str], filename: str = "") -> str | None:
    """Return the homework a submission belongs to, or None if it shows no sign of any.

    Looks at the notebook metadata, then the ``answer:<id>`` tags, then the file name (``06_...``).
    """
    known = set(qid_homework.values())
    metadata = submission.get("metadata")
    ircourse = metadata.get("ircourse") if isinstance(metadata, dict) else None
    if isinstance(ircourse, dict) and isinstance(ircourse.get("homework"), str) and ircourse["homework"] in known:
        return ircourse["homework"]
    votes = Counter()
    for cell in submission["cells"]:
        role, qid = authoring.cell_role(cell)
        if role in ("answer", "check") and qid in qid_homework:
            votes[qid_homework[qid]] += 1
    if votes:
        return votes.most_common(1)[0][0]
    match = re.match(r"(\d\d)_", Path(filename).name)
    if match:
        candidates = [h for h in sorted(known) if h.startswith(match.group(1) + "_")]
        if len(candidates) == 1:
            return candidates[0]
    return None


def notebook_language(submission: dict) -> str | None:
    """Return the course language a submitted notebook is written in (a generated translation), or None."""
    from .. import i18n

    metadata = submission.get("metadata")
    ircourse = metadata.get("ircourse") if isinstance(metadata, dict) else None
    translation = ircourse.get("translation") if isinstance(ircourse, dict) else None
    lang = translation.get("language") if isinstance(translation, dict) else None
    return lang if isinstance(lang, str) and lang in i18n.languages() else None


def student_id(submission: dict, hw: Homework) -> str | None:
    """Return the student id written in the submission's start cell, or None.

    The id is read from the source as a string literal (``student="..."``), never by running it.
    """
    cells = [c for c in submission["cells"] if isinstance(c, dict)]
    start = [c for c in cells if c.get("id") == hw.start_cell_id] or [
        c for c in cells if authoring.cell_role(c)[0] == "start"]
    for cell in start[:3]:
        source = _source_text(cell.get("source"))[:10_000]
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "start":
                for keyword in node.keywords:
                    if keyword.arg == "student" and isinstance(keyword.value, ast.Constant) and isinstance(
                            keyword.value.value, str):
                        return " ".join(keyword.value.value.split())[:100]
    return None


# --------------------------------------------------------------------------------------------------
# Merging answers into the homework's template
# --------------------------------------------------------------------------------------------------


def _code_lines(source: str) -> list[str]:
    return [line.rstrip() for line in source.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _unanswered(source: str, blank_code: list[str]) -> bool:
    """Whether an answer cell still holds only the blank template (``answer = ...`` and comments)."""
    code = _code_lines(source)
    return code == blank_code or all(re.fullmatch(r"\s*[\w.]+\s*=\s*\.\.\.\s*", line) for line in code)


def merge(hw: Homework, submission: dict) -> tuple[dict[str, str], list[str], int, int]:
    """Return the student's answer-cell sources, matched to the homework's questions.

    One pass over the submission's cells: answer cells are found by cell id, else by their
    ``answer:<id>`` tag. Among several candidates, a cell the student worked in wins; among those,
    the one with the original id, else the first.

    Returns
    -------
    sources : dict
        Question id -> the source to run (the blank template when the cell is missing).
    notes : list of str
        What the student should know (missing or duplicated answer cells...).
    found : int
        How many answer cells were found.
    answered : int
        How many of them hold something else than the blank template.
    """
    wanted_ids = {q.answer_cell_id: q.qid for q in hw.questions}
    candidates: dict[str, list[dict]] = {q.qid: [] for q in hw.questions}
    for cell in submission["cells"][:MAX_CELLS]:
        if not isinstance(cell, dict):
            continue
        cell_id = cell.get("id")
        role, qid = authoring.cell_role(cell)
        target = wanted_ids.get(cell_id) if isinstance(cell_id, str) else None
        if target is None and role == "answer" and qid in candidates:
            target = qid
        if target is not None and len(candidates[target]) < 20:
            candidates[target].append(cell)
    solution_cells = {c.get("id"): c for c in hw.notebook.cells}
    sources, notes, found, answered = {}, [], 0, 0
    for q in hw.questions:
        blank = authoring.strip_solutions(solution_cells[q.answer_cell_id].source)
        cells = candidates[q.qid]
        code = [c for c in cells if c.get("cell_type") == "code"]
        if not cells:
            sources[q.qid] = blank
            notes.append(t("grade.answer_missing", qid=q.qid))
            continue
        if not code:
            sources[q.qid] = blank
            notes.append(t("grade.answer_not_code", qid=q.qid))
            continue
        found += 1
        blank_code = _code_lines(blank)
        worked = [c for c in code if not _unanswered(_source_text(c.get("source")), blank_code)]
        original = [c for c in worked if c.get("id") == q.answer_cell_id]
        chosen = (original or worked or code)[0]
        source = _source_text(chosen.get("source"))
        if len(source) > MAX_SOURCE_CHARS:
            source = blank
            notes.append(t("grade.answer_too_long", qid=q.qid, n=MAX_SOURCE_CHARS))
        elif worked:
            answered += 1
        if len(code) > 1:
            notes.append(t("grade.answer_duplicated", qid=q.qid, n=len(code)))
        sources[q.qid] = source
    return sources, notes, found, answered


def build_job(hw: Homework, student: str, sources: dict[str, str], cell_timeout: float) -> dict:
    """Return the sandbox job: setup, start (with the student's id), question cells and the student's answers."""
    cells = [{"role": "setup", "source": s} for s in expected.setup_cells(hw)]
    cells.append({"role": "start", "source": expected.start_source(hw, student=student)})
    questions = expected.question_sources(hw)
    for q in hw.questions:
        if questions[q.qid]:
            cells.append({"role": "question", "qid": q.qid, "source": questions[q.qid]})
        cells.append({"role": "answer", "qid": q.qid, "source": sources[q.qid]})
    return {"homework": hw.name, "cell_timeout": cell_timeout, "cells": cells}


# --------------------------------------------------------------------------------------------------
# Grading one notebook
# --------------------------------------------------------------------------------------------------


def load_homeworks(folder: Path | None = None) -> dict[str, Homework]:
    """Return every homework that has a valid solution notebook, name -> :class:`Homework`."""
    import warnings

    import nbformat

    folder = Path(folder) if folder else authoring.installed_solutions_dir()
    homeworks = {}
    for path in sorted(folder.glob("*.ipynb")):
        try:
            homeworks[path.stem] = authoring.read_solution(path)
        except (authoring.ExerciseError, OSError, ValueError, nbformat.ValidationError) as exc:
            warnings.warn(f"skipping the homework {path.stem}: {str(exc).splitlines()[0]}", stacklevel=2)
    return homeworks


class Expected:
    """The plain expected answers of each homework, computed once (trusted run, cached) per grading."""

    def __init__(self) -> None:
        self._entries: dict[str, dict[str, list[dict]]] = {}
        self._lock = threading.Lock()

    def entries(self, hw: Homework) -> dict[str, list[dict]]:
        """Return question id -> plain entry per variant for ``hw``."""
        with self._lock:
            if hw.name not in self._entries:
                try:
                    self._entries[hw.name] = expected.expected_entries(hw)
                except expected.TrustedRunError as exc:
                    raise GradingError(f"the solution of {hw.name} could not be run: {exc}") from None
            return self._entries[hw.name]

    def judge(self, hw: Homework, qid: str, student: str, plain: dict) -> judge.Outcome:
        """Judge a student's plain answer to ``qid`` against the expected answer of their variant."""
        entries = self.entries(hw)[qid]
        entry = entries[variants.variant_index(hw.name, student, qid, len(entries))]
        order = variants.permutation(hw.name, student, qid, entry["n"]) if entry["kind"] == "choice" else None
        return judge.judge(entry, plain, salt=None, order=order)


class FormativeExpected(Expected):
    """Judges against the hashed key shipped with the course: for a student's own ``ircourse check``.

    It needs no solution notebook and no trusted run, and gives the same verdicts as ``irc.check``.
    """

    def entries(self, hw: Homework) -> dict[str, list[dict]]:
        """Return question id -> hashed entry per variant, from the installed key."""
        from . import keys

        try:
            return keys.key_files()[hw.name]["questions"]
        except (KeyError, OSError, ValueError) as exc:
            raise GradingError(f"the answer key of {hw.name} could not be read ({type(exc).__name__})") from None

    def judge(self, hw: Homework, qid: str, student: str, plain: dict) -> judge.Outcome:
        """Judge against the hashed entry of the student's variant."""
        entries = self.entries(hw)[qid]
        entry = entries[variants.variant_index(hw.name, student, qid, len(entries))]
        order = variants.permutation(hw.name, student, qid, entry["n"]) if entry["kind"] == "choice" else None
        return judge.judge(entry, plain, salt=hw.salt, order=order)


def _error_result(name: str, hw: Homework | None, note: str, student: str = "") -> SubmissionResult:
    return SubmissionResult(name, hw.name if hw else None, student=student, status="error", notes=[note])


def _render_answer(plain: dict | None) -> str:
    """A short, single-line rendering of a plain answer (for the class report)."""
    if plain is None:
        return ""
    tag = plain.get("t")
    if tag in ("number", "str", "bool"):
        text = str(plain["v"])
    elif tag == "list":
        text = "[" + ", ".join(_render_answer(i) for i in plain["items"][:12]) + ("…" if len(plain["items"]) > 12 else "") + "]"
        if plain.get("container") == "tuple":
            text = "(" + text[1:-1] + ")"
    elif tag == "timedelta":
        text = f"{plain['days']:g} days"
    elif tag == "figure":
        types = sorted({str(tr.get("type", "scatter")) for tr in plain["data"] if isinstance(tr, dict)})
        text = f"<figure: {len(plain['data'])} {'/'.join(types) or 'no'} traces>"
    else:
        text = f"<{tag}>"
    text = " ".join(text.split())
    return text if len(text) <= 120 else text[:119] + "…"


def grade_notebook(path: Path | str, homeworks: dict[str, Homework] | None = None, homework: str | None = None,
                   options: Options | None = None, name: str | None = None,
                   expectations: Expected | None = None) -> SubmissionResult:
    """Grade one submitted notebook; never raises for a bad submission.

    Parameters
    ----------
    path : path-like
        The submission (read only).
    homeworks : dict, optional
        From :func:`load_homeworks` (loaded if omitted).
    homework : str, optional
        Grade as this homework; a submission of another homework is then an error row.
    options : Options, optional
        Timeouts, limits, sandbox.
    name : str, optional
        How the file is named in the result (default: ``path`` as given).
    expectations : Expected, optional
        Shared cache of expected answers (one per grading run).

    Raises
    ------
    sandbox.SandboxUnavailable
        If the sandbox is asked for and cannot run (nothing can be graded then).
    GradingError
        If the solution of the homework cannot be run.
    """
    start_time = time.perf_counter()
    path = Path(path)
    name = name or str(path)
    options = options or Options()
    homeworks = homeworks if homeworks is not None else load_homeworks()
    expectations = expectations or Expected()
    expected_hw = homeworks.get(homework) if homework else None
    try:
        submission = read_submission(path)
        qid_homework = {q.qid: h.name for h in homeworks.values() for q in h.questions}
        found = identify_homework(submission, qid_homework, path.name)
        if expected_hw is not None and found is not None and found != expected_hw.name:
            raise _Unusable(t("grade.wrong_homework", found=found, expected=expected_hw.name))
        hw = expected_hw or homeworks.get(found or "")
        if hw is None:
            raise _Unusable(t("grade.unknown_homework"))
        student = student_id(submission, hw)
        sources, notes, answers_found, answered = merge(hw, submission)
        if answers_found == 0:
            raise _Unusable(t("grade.no_answer_cells", homework=hw.name))
    except _Unusable as exc:
        result = _error_result(name, expected_hw, str(exc))
        result.seconds = time.perf_counter() - start_time
        return result
    result = SubmissionResult(name, hw.name, student=student or "", notes=list(notes),
                              lang=notebook_language(submission))
    if not student:
        result.flags.append("no student id")
        result.notes.append(t("grade.no_student_id"))
    expectations.entries(hw)  # the trusted run happens before any student code runs
    if answered == 0:
        _fill_blank(result, hw)
        result.seconds = time.perf_counter() - start_time
        return result
    job = build_job(hw, student or "", sources, options.cell_timeout)
    run = sandbox.run(job, options.limits, options.total_timeout, sandbox=options.sandbox)
    _judge_run(result, hw, expectations, run, options)
    result.seconds = time.perf_counter() - start_time
    return result


def _fill_blank(result: SubmissionResult, hw: Homework) -> None:
    for q in hw.questions:
        result.questions[q.qid] = QuestionResult(q.qid, 0, q.points, session.feedback_line(
            q.qid, hw.name, judge.Outcome("blank"), result.lang), "blank")
    result.status = "not attempted"


def _judge_run(result: SubmissionResult, hw: Homework, expectations: Expected, run: sandbox.RunResult,
               options: Options) -> None:
    result.contained = run.contained
    if run.contained is False:
        result.flags.append("processes not confirmed stopped")
    records = {r["qid"]: r for r in run.records if "qid" in r and r.get("round", 0) == 0}
    events = [r for r in run.records if "event" in r]
    if any(e["event"] == "setup_error" for e in events):
        detail = next(e["error"] for e in events if e["event"] == "setup_error")
        result.notes.append(t("grade.setup_failed", error=detail))
    if any(e["event"] == "restarted" for e in events):
        result.notes.append(t("grade.restarted"))
    if run.problem == "timeout":
        result.notes.append(t("grade.timeout", seconds=f"{options.total_timeout:g}"))
    elif run.problem == "output":
        result.notes.append(t("grade.output_too_large"))
    elif run.problem == "failed":
        result.notes.append(t("grade.run_failed", detail="the sandbox did not start"))
    blank = 0
    for q in hw.questions:
        record = records.get(q.qid)
        status = record["status"] if record else "not_run"
        if status == "ok":
            outcome = expectations.judge(hw, q.qid, result.student, record["value"])
            line = session.feedback_line(q.qid, hw.name, outcome, result.lang)
            points = q.points if outcome.correct else 0
            if outcome.status == "recorded":
                points = None
                verdict, text = _written_parts(record["value"])
                result.written[q.qid] = {"verdict": verdict, "text": text}
            if outcome.status == "blank":
                blank += 1
            result.questions[q.qid] = QuestionResult(q.qid, points, q.points, line, outcome.status,
                                                     _render_answer(record["value"]))
            continue
        if status == "error":
            line = t("grade.line_error", lang=result.lang, qid=q.qid, error=record.get("error", ""))
            result.notes.append(t("grade.answer_error", qid=q.qid, error=record.get("error", "")))
        elif status == "timeout":
            line = t("grade.line_timeout", lang=result.lang, qid=q.qid, seconds=f"{options.cell_timeout:g}")
        elif status.startswith("limit"):
            line = t("grade.line_limit", lang=result.lang, qid=q.qid,
                     what=t(f"grade.limit.{status.split(':', 1)[1]}", lang=result.lang))
        elif status == "dead":
            line = t("grade.line_dead", lang=result.lang, qid=q.qid)
        else:
            line = t("grade.not_graded", lang=result.lang, qid=q.qid)
        result.questions[q.qid] = QuestionResult(q.qid, 0, q.points, line, "error" if status == "error" else "not_run")
    if blank == len(hw.questions):
        result.status = "not attempted"
    elif not any(r.get("qid") for r in run.records) and run.problem:
        result.status = "error"
        result.questions = {}
    else:
        # "ok": every automatically graded question earned its points (written answers wait for the teacher)
        scored = [q for q in result.questions.values() if q.points is not None]
        result.status = "ok" if all(q.points == q.max_points for q in scored) else "partial"


def _written_parts(plain: dict) -> tuple[str, str]:
    try:
        first, second = judge._pair(plain)
        verdict = judge.as_verdict(first)
        text = judge._raw_text(second)
    except judge.NotYet:
        return "", ""
    return verdict, text[:5000]


# --------------------------------------------------------------------------------------------------
# Grading a folder
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One entry of a submissions folder whose name ends in ``.ipynb`` (any case).

    Attributes
    ----------
    path : pathlib.Path
        Where it is.
    name : str
        Its path relative to the folder (the gradebook's ``file``).
    problem : str or None
        Why it cannot be graded (a symlink, a folder, unreadable), or None.
    """

    path: Path
    name: str
    problem: str | None = None


def find_submissions(folder: Path | str) -> list[Entry]:
    """Return every entry under ``folder`` whose name ends in ``.ipynb`` (any case), in name order.

    Symlinks are listed but never followed (their row says so); hidden folders and
    ``.ipynb_checkpoints`` are skipped; folders are not entered through symlinks.
    """
    folder = Path(folder)
    entries: list[Entry] = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        base = Path(dirpath)
        for dirname in list(dirnames):
            full = base / dirname
            if dirname.startswith("."):
                dirnames.remove(dirname)
            elif dirname.lower().endswith(".ipynb"):
                entries.append(Entry(full, str(full.relative_to(folder)), t("grade.not_a_file")))
                dirnames.remove(dirname)
            elif full.is_symlink():
                dirnames.remove(dirname)
        for filename in filenames:
            if not filename.lower().endswith(".ipynb") or filename.startswith("."):
                continue
            full = base / filename
            relative = str(full.relative_to(folder))
            if full.is_symlink():
                entries.append(Entry(full, relative, t("grade.symlink")))
            elif not os.access(full, os.R_OK):
                entries.append(Entry(full, relative, t("grade.unreadable", detail="permission denied")))
            else:
                entries.append(Entry(full, relative))
    return sorted(entries, key=lambda e: e.name)


class Progress:
    """A text progress bar on stderr (one line per submission when stderr is not a terminal)."""

    def __init__(self, total: int, stream=None, enabled: bool = True) -> None:
        self.total, self.done, self.enabled = total, 0, enabled
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.lock = threading.Lock()

    def update(self, result: SubmissionResult) -> None:
        """Advance by one graded submission."""
        with self.lock:
            self.done += 1
            if not self.enabled:
                return
            width = 30
            filled = int(width * self.done / max(self.total, 1))
            bar = "#" * filled + "-" * (width - filled)
            score = f"{result.total:g}/{result.max_total:g}" if result.questions else "-"
            text = f"[{bar}] {self.done}/{self.total}  {result.file}: {score} {result.status}"
            if self.tty:
                self.stream.write("\r\x1b[K" + text + ("\n" if self.done == self.total else ""))
            else:
                self.stream.write(text + "\n")
            self.stream.flush()


def grade_folder(folder: Path | str, homework: str | None = None, jobs: int | None = None,
                 options: Options | None = None, homeworks: dict[str, Homework] | None = None,
                 progress: bool = True, on_result: Callable[[SubmissionResult], None] | None = None,
                 roster: set[str] | None = None) -> list[SubmissionResult]:
    """Grade every notebook under ``folder``; one result per entry, in name order.

    Parameters
    ----------
    folder : path-like
        Folder of submissions (subfolders included, e.g. one per student).
    homework : str, optional
        The homework to grade against; by default the one most submissions belong to.
    jobs : int, optional
        Submissions graded at once (default: number of CPU cores).
    options : Options, optional
        Timeouts, limits and sandbox.
    homeworks : dict, optional
        From :func:`load_homeworks`.
    progress : bool
        Show a progress bar on stderr.
    on_result : callable, optional
        Called with each result as soon as it is ready (the gradebook writer); flags that compare
        submissions (shared ids) are added after all are graded.
    roster : set of str, optional
        Normalised student ids of the class (:func:`read_roster`); ids not in it are flagged.

    Raises
    ------
    GradingError
        If the folder does not exist, holds no notebooks, or the homework cannot be determined.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise GradingError(f"{folder} is not a folder")
    entries = find_submissions(folder)
    if not entries:
        raise GradingError(f"no .ipynb files under {folder}")
    options = options or Options()
    if options.sandbox:
        sandbox.check_available()
    homeworks = homeworks if homeworks is not None else load_homeworks()
    if homework is not None and homework not in homeworks:
        raise GradingError(f"unknown homework {homework!r}; known: {', '.join(sorted(homeworks)) or 'none'}")
    if homework is None:
        homework = majority_homework([e for e in entries if e.problem is None], homeworks)
    expectations = Expected()
    expectations.entries(homeworks[homework])  # the trusted run, once, before any student code runs
    jobs = max(1, jobs or os.cpu_count() or 1)
    bar = Progress(len(entries), enabled=progress)
    results: dict[str, SubmissionResult] = {}

    def finish(result: SubmissionResult) -> None:
        results[result.file] = result
        bar.update(result)
        if on_result:
            on_result(result)

    for entry in entries:
        if entry.problem:
            finish(_error_result(entry.name, homeworks[homework], entry.problem))
    todo = [e for e in entries if e.problem is None]
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(grade_notebook, e.path, homeworks, homework, options, e.name, expectations): e
                   for e in todo}
        for future in as_completed(futures):
            entry = futures[future]
            try:
                result = future.result()
            except sandbox.SandboxUnavailable:
                raise
            except Exception as exc:  # noqa: BLE001 - a bug of ours must not lose the row
                result = _error_result(entry.name, homeworks[homework],
                                       t("grade.run_failed", detail=f"{type(exc).__name__}: {exc}"))
            finish(result)
    ordered = [results[e.name] for e in entries]
    _flag_ids(ordered, roster)
    return ordered


def _norm_id(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", variants.normalise_student(text))


def _flag_ids(results: list[SubmissionResult], roster: set[str] | None) -> None:
    """Flag ids shared by several submissions, ids not in the roster, ids not in the file name."""
    by_id: dict[str, list[SubmissionResult]] = {}
    for r in results:
        if r.student:
            by_id.setdefault(_norm_id(r.student), []).append(r)
    for same in by_id.values():
        if len(same) > 1:
            for r in same:
                others = ", ".join(o.file for o in same if o is not r)
                r.flags.append(f"same student id as {others}")
    for r in results:
        if not r.student:
            continue
        if roster is not None and _norm_id(r.student) not in roster:
            r.flags.append("id not in roster")
        if _norm_id(r.student) not in _norm_id(r.file):
            r.flags.append("id not in file name")


def read_roster(path: Path | str) -> set[str]:
    """Return the normalised student ids of a roster CSV (a column ``student``, ``id`` or the first one).

    Raises
    ------
    GradingError
        If the file cannot be read or holds no ids.
    """
    import csv

    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise GradingError(f"the roster {path} could not be read ({exc})") from None
    if not rows:
        raise GradingError(f"the roster {path} is empty")
    header = [h.strip().lower() for h in rows[0]]
    column = next((header.index(c) for c in ("student", "id", "student_id", "student id") if c in header), None)
    body = rows[1:] if column is not None else rows
    column = column or 0
    ids = {_norm_id(row[column]) for row in body if len(row) > column and row[column].strip()}
    if not ids:
        raise GradingError(f"the roster {path} holds no student ids")
    return ids


def majority_homework(entries: list[Entry], homeworks: dict[str, Homework]) -> str:
    qid_homework = {q.qid: h.name for h in homeworks.values() for q in h.questions}
    votes = Counter()
    for entry in entries:
        try:
            found = identify_homework(read_submission(entry.path), qid_homework, entry.path.name)
        except _Unusable:
            continue
        if found:
            votes[found] += 1
    if not votes:
        raise GradingError("could not tell which homework these notebooks are; pass --homework NAME")
    return votes.most_common(1)[0][0]
