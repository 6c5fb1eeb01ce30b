"""Grade homework submissions with nbval, trusting nothing in the submitted file but the answers.

For each submitted notebook the grader

1. reads it (read-only; it is never modified) and tells which homework it is (notebook metadata,
   then the ``answer:<id>`` tags, then the file name);
2. takes the pristine solution notebook of that homework and replaces **only the sources of its
   answer cells** with the student's, found by cell id and, failing that, by the ``answer:<id>`` tag.
   The submission's own check cells, outputs and other cells are never used or run;
3. runs ``python -m pytest --nbval-lax`` on that merged notebook in a fresh temporary folder (so files
   the student's code writes land there and vanish), with a per-cell timeout and an overall timeout;
4. reads the JUnit report: a question earns its points when its check cell reproduced the solution's
   ``✅`` line. Failing answer cells, timeouts and a dead kernel become notes for the student.

:func:`grade_folder` does this for every ``*.ipynb`` under a folder, in parallel, and writes a
gradebook CSV (one row per submission, whatever the file holds) and one feedback ``.txt`` per
submission. :func:`grade_notebook` grades one file (the student's ``ircourse check``).

Notes
-----
The grader runs student code on the teacher's machine without a sandbox: timeouts stop endless
loops and the temporary folder catches stray files, but code that deliberately deletes files or
tampers with the checker in the kernel is not prevented. Answer cells that touch the checker
(``irc.check``, ``builtins``, ``sys.stdout``...) are flagged for review in the gradebook.
"""

from __future__ import annotations

import copy
import csv
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import warnings
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from . import exercises
from .i18n import t

DEFAULT_CELL_TIMEOUT = 60
"""Seconds one cell may run before it is interrupted (``--timeout``)."""

DEFAULT_TOTAL_TIMEOUT = 900
"""Seconds a whole submission may take before its pytest process is killed (``--total-timeout``)."""

STATUSES = ("ok", "partial", "error")

_ANSI = re.compile(r"(\x1b|#x1B)\[[0-9;]*[A-Za-z]")  # junit XML writes ESC as "#x1B"
_SUSPICIOUS = re.compile(
    r"\b(irc\.check|ircourse\.checks|checks\._|builtins|__builtins__|get_ipython|sys\.stdout|sys\.modules"
    r"|ircourse\.i18n|setattr\s*\(\s*irc)\b"
)
_MESSAGE_LIMIT = 400


@dataclass
class QuestionResult:
    """Result of one question of one submission.

    Attributes
    ----------
    qid : str
        Question id.
    points, max_points : float
        Points earned and possible.
    line : str
        The check's line as the student would see it (``✅ ...`` / ``❌ ... - hint``).
    """

    qid: str
    points: float
    max_points: float
    line: str


@dataclass
class SubmissionResult:
    """Result of grading one submitted file.

    Attributes
    ----------
    file : str
        The submission's path relative to the graded folder (or as given).
    homework : str or None
        The homework it was graded as.
    questions : dict
        Question id -> :class:`QuestionResult` (every question of the homework, in order).
    status : str
        ``ok`` (all points), ``partial`` (graded, some points missing) or ``error`` (could not be graded).
    notes : list of str
        Sentences for the student and the teacher (missing cells, errors, timeouts...).
    seconds : float
        Wall time spent on this submission.
    """

    file: str
    homework: str | None
    questions: dict[str, QuestionResult] = field(default_factory=dict)
    status: str = "error"
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def total(self) -> float:
        """Points earned."""
        return sum(q.points for q in self.questions.values())

    @property
    def max_total(self) -> float:
        """Points possible."""
        return sum(q.max_points for q in self.questions.values())

    @property
    def message(self) -> str:
        """One-line summary of the notes for the gradebook."""
        text = " | ".join(" ".join(n.split()) for n in self.notes)
        return text if len(text) <= _MESSAGE_LIMIT else text[: _MESSAGE_LIMIT - 1] + "…"


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
        With a clear sentence when the file is not a usable notebook.
    """
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise _Unusable(t("grade.unreadable", detail=exc.strerror or type(exc).__name__)) from None
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
    return data


def _source_text(source: object) -> str:
    if isinstance(source, str):
        return source
    if isinstance(source, list) and all(isinstance(s, str) for s in source):
        return "".join(source)
    return ""


def identify_homework(submission: dict, qid_homework: dict[str, str], filename: str = "") -> str | None:
    """Return the homework a submission belongs to, or None if it shows no sign of any.

    Parameters
    ----------
    submission : dict
        The notebook as read by :func:`read_submission`.
    qid_homework : dict
        Question id -> homework name, for every known homework.
    filename : str
        The submission's file name (last resort: ``06_...`` names homework 06).
    """
    known = set(qid_homework.values())
    metadata = submission.get("metadata")
    ircourse = metadata.get("ircourse") if isinstance(metadata, dict) else None
    if isinstance(ircourse, dict) and ircourse.get("homework") in known:
        return ircourse["homework"]
    votes = Counter()
    for cell in submission["cells"]:
        role, qid = exercises.cell_role(cell)
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


# --------------------------------------------------------------------------------------------------
# Merging answers into the pristine solution
# --------------------------------------------------------------------------------------------------


def merge(hw: exercises.Homework, submission: dict) -> tuple[nbformat.NotebookNode, list[str], int]:
    """Return the solution notebook with the student's answer cells in place of its own.

    Parameters
    ----------
    hw : Homework
        The pristine solution.
    submission : dict
        The submitted notebook (only the sources of its answer cells are used).

    Returns
    -------
    merged : nbformat.NotebookNode
        The notebook to run: solution cells, check cells with their stored ``✅`` outputs, and the
        student's answer sources (outputs cleared).
    notes : list of str
        What the student should know about the merge (missing or duplicated answer cells...).
    found : int
        How many answer cells were found in the submission.
    """
    by_id: dict[str, dict] = {}
    by_tag: dict[str, list[dict]] = {}
    for cell in submission["cells"]:
        if not isinstance(cell, dict):
            continue
        cell_id = cell.get("id")
        if isinstance(cell_id, str) and cell_id not in by_id:
            by_id[cell_id] = cell
        role, qid = exercises.cell_role(cell)
        if role == "answer":
            by_tag.setdefault(qid, []).append(cell)
    merged = copy.deepcopy(hw.notebook)
    notes: list[str] = []
    found = 0
    for cell in merged.cells:
        role, qid = exercises.cell_role(cell)
        if role != "answer":
            continue
        blank = exercises.strip_solutions(cell.source)
        blank_code = _code_lines(blank)
        candidates = []
        for candidate in [by_id.get(cell.get("id"))] + by_tag.get(qid, []):
            if candidate is not None and all(candidate is not c for c in candidates):
                candidates.append(candidate)
        code = [c for c in candidates if c.get("cell_type") == "code"]
        if not candidates:
            source = blank
            notes.append(t("grade.answer_missing", qid=qid))
        elif not code:
            source = blank
            notes.append(t("grade.answer_not_code", qid=qid))
        else:
            found += 1
            # Prefer a cell the student worked in; among those the one with the original id, else the last.
            worked = [c for c in code if not _unanswered(_source_text(c.get("source")), blank_code)] or code
            original = by_id.get(cell.get("id"))
            chosen = original if any(c is original for c in worked) else worked[-1]
            source = _source_text(chosen.get("source"))
            if len(code) > 1:
                notes.append(t("grade.answer_duplicated", qid=qid, n=len(code)))
        if _SUSPICIOUS.search(source):
            notes.append(t("grade.review", qid=qid, what=_SUSPICIOUS.search(source).group(0)))
        cell.source = source
        cell.outputs = []
        cell.execution_count = None
    return merged, notes, found


def _code_lines(source: str) -> list[str]:
    return [line.rstrip() for line in source.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _unanswered(source: str, blank_code: list[str]) -> bool:
    """Whether an answer cell still holds only the blank template (``answer = ...`` and comments)."""
    code = _code_lines(source)
    return code == blank_code or all(re.fullmatch(r"\s*[\w.]+\s*=\s*\.\.\.\s*", line) for line in code)


# --------------------------------------------------------------------------------------------------
# Running nbval
# --------------------------------------------------------------------------------------------------


@dataclass
class _CellOutcome:
    passed: bool
    text: str  # failure message and details, ANSI codes removed


#: Modules replaced in the grading processes (pytest and the kernel) by a stub whose import fails.
#: ``rfc3987_syntax`` is an optional format checker of jsonschema, imported with nbformat by nbval and by
#: plotly's ``fig.show()``; it compiles a grammar on import (about 1 s per process on a 2-core machine,
#: see notebook-testing.md). Grading never validates IRIs, and jsonschema skips the checker when the
#: import fails, so each submission saves that second twice.
_STUB_MODULES = {
    "rfc3987_syntax.py": 'raise ImportError("not needed while grading (ircourse.grading stub)")\n',
}


def _pytest_command(notebook: Path, report: Path, ini: Path, cell_timeout: float) -> list[str]:
    return [
        sys.executable, "-m", "pytest", str(notebook),
        "--nbval-lax", "--nbval-current-env", f"--nbval-cell-timeout={cell_timeout:g}",
        f"--junitxml={report}", "-c", str(ini), "--rootdir", str(notebook.parent),
        "-p", "no:cacheprovider", "-p", "no:randomly", "-vv", "--color=no", "-o", "junit_family=xunit2",
    ]


def _kill_tree(proc: subprocess.Popen) -> None:
    """Kill a process and every process it started (the kernel runs in a session of its own)."""
    try:
        import psutil

        try:
            parent = psutil.Process(proc.pid)
            family = parent.children(recursive=True) + [parent]
        except psutil.NoSuchProcess:
            family = []
        for process in family:
            try:
                process.kill()
            except psutil.NoSuchProcess:
                pass
    except ImportError:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    proc.wait()


def run_nbval(notebook: nbformat.NotebookNode, cell_timeout: float, total_timeout: float,
              workdir: Path) -> tuple[dict[int, _CellOutcome] | None, str | None]:
    """Run ``pytest --nbval-lax`` on ``notebook`` inside ``workdir``.

    Returns
    -------
    outcomes : dict or None
        Code-cell index (nbval's ``Cell N``) -> outcome; None if no report was written.
    problem : str or None
        A note when the run did not complete (overall timeout, pytest failure).
    """
    workdir = Path(workdir)
    path = workdir / "submission.ipynb"
    path.write_text(nbformat.writes(notebook), encoding="utf-8")
    ini = workdir / "pytest.ini"
    ini.write_text("[pytest]\n", encoding="utf-8")
    report = workdir / "report.xml"
    stubs = workdir / "_grader_stubs"
    stubs.mkdir(exist_ok=True)
    for module, text in _STUB_MODULES.items():
        (stubs / module).write_text(text, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(stubs), env.get("PYTHONPATH")]))
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["IRCOURSE_GRADER_RUN"] = workdir.name  # lets tests find any process a run left behind
    env["MPLBACKEND"] = "Agg"
    with open(workdir / "pytest.log", "wb") as log:
        proc = subprocess.Popen(
            _pytest_command(path, report, ini, cell_timeout), cwd=workdir, stdin=subprocess.DEVNULL,
            stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True,
        )
        try:
            proc.wait(timeout=total_timeout)
        except subprocess.TimeoutExpired:
            _kill_tree(proc)
            return None, t("grade.timeout", seconds=f"{total_timeout:g}")
    if not report.is_file():
        tail = (workdir / "pytest.log").read_bytes()[-300:].decode("utf-8", "replace")
        return None, t("grade.run_failed", detail=" ".join(_ANSI.sub("", tail).split()[-20:]))
    return _parse_junit(report), None


def _parse_junit(report: Path) -> dict[int, _CellOutcome]:
    outcomes: dict[int, _CellOutcome] = {}
    try:
        root = ET.parse(report).getroot()
    except ET.ParseError:
        return outcomes
    for case in root.iter("testcase"):
        match = re.search(r"Cell (\d+)$", case.get("name", ""))
        if not match:
            continue
        bad = [child for child in case if child.tag in ("failure", "error", "skipped")]
        text = "\n".join(f"{c.get('message', '')}\n{c.text or ''}" for c in bad)
        outcomes[int(match.group(1))] = _CellOutcome(not bad, _ANSI.sub("", text))
    return outcomes


def _error_summary(text: str) -> str:
    """Return the last ``SomeError: message`` line of a cell failure, or its first line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    errors = [line for line in lines if re.match(r"^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt)\b", line)]
    summary = errors[-1] if errors else (lines[0] if lines else "an error")
    return summary if len(summary) <= 160 else summary[:159] + "…"


def _check_line(qid: str, text: str) -> str | None:
    """Return the ``❌`` line the check printed, found in nbval's output diff."""
    # pytest's verbose diff shows the printed line verbatim on a line of its own ("  - ❌ ..."); the
    # assertion line before it shows it as a Python repr (quotes escaped), used only as a fallback.
    raw = re.search(r"^\s*[-+] ❌ " + re.escape(qid) + r":(.*)$", text, re.MULTILINE)
    if raw and raw.group(1).strip():
        return f"❌ {qid}:{raw.group(1).rstrip()}"
    for match in re.finditer(r"❌ " + re.escape(qid) + r":(.*)", text):
        body = re.split(r"\\n|\n", match.group(1))[0].rstrip().rstrip("'\"").rstrip()
        if body:
            return f"❌ {qid}:" + body.replace("\\'", "'").replace('\\"', '"')
    return None


# --------------------------------------------------------------------------------------------------
# Grading one notebook
# --------------------------------------------------------------------------------------------------


def load_homeworks(folder: Path | None = None) -> dict[str, exercises.Homework]:
    """Return every homework that has a valid solution notebook, name -> :class:`~ircourse.exercises.Homework`.

    A solution notebook that breaks the conventions is left out with a warning, so that it cannot
    stop the grading of the other homeworks (``ircourse build-exercises`` reports it in full).
    """
    folder = Path(folder) if folder else exercises.installed_solutions_dir()
    homeworks = {}
    for path in sorted(folder.glob("*.ipynb")):
        try:
            homeworks[path.stem] = exercises.read_solution(path)
        except (exercises.ExerciseError, OSError, ValueError) as exc:
            warnings.warn(f"skipping the homework {path.stem}: {str(exc).splitlines()[0]}", stacklevel=2)
    return homeworks


def _empty_result(name: str, hw: exercises.Homework | None, note: str) -> SubmissionResult:
    result = SubmissionResult(name, hw.name if hw else None, status="error", notes=[note])
    if hw:
        for q in hw.questions:
            result.questions[q.qid] = QuestionResult(q.qid, 0, q.points, t("grade.not_graded", qid=q.qid))
    return result


def grade_notebook(path: Path | str, homeworks: dict[str, exercises.Homework] | None = None,
                   homework: str | None = None, cell_timeout: float = DEFAULT_CELL_TIMEOUT,
                   total_timeout: float = DEFAULT_TOTAL_TIMEOUT, name: str | None = None) -> SubmissionResult:
    """Grade one submitted notebook; never raises for a bad submission.

    Parameters
    ----------
    path : path-like
        The submission (read only).
    homeworks : dict, optional
        From :func:`load_homeworks` (loaded if omitted).
    homework : str, optional
        Grade as this homework; a submission of another homework is then an error row.
    cell_timeout, total_timeout : float
        Seconds per cell, and for the whole run.
    name : str, optional
        How the file is named in the result (default: ``path`` as given).

    Returns
    -------
    SubmissionResult
    """
    start = time.perf_counter()
    path = Path(path)
    name = name or str(path)
    homeworks = homeworks if homeworks is not None else load_homeworks()
    expected = homeworks.get(homework) if homework else None
    try:
        submission = read_submission(path)
        qid_homework = {q.qid: h.name for h in homeworks.values() for q in h.questions}
        found = identify_homework(submission, qid_homework, path.name)
        if expected is not None and found is not None and found != expected.name:
            raise _Unusable(t("grade.wrong_homework", found=found, expected=expected.name))
        hw = expected or homeworks.get(found or "")
        if hw is None:
            raise _Unusable(t("grade.unknown_homework"))
        merged, notes, answers_found = merge(hw, submission)
        if answers_found == 0:
            raise _Unusable(t("grade.no_answer_cells", homework=hw.name))
    except _Unusable as exc:
        result = _empty_result(name, expected, str(exc))
        result.seconds = time.perf_counter() - start
        return result
    with tempfile.TemporaryDirectory(prefix="ircourse-grade-") as tmp:
        outcomes, problem = run_nbval(merged, cell_timeout, total_timeout, Path(tmp))
    result = _result_from_outcomes(name, hw, merged, outcomes, notes, problem, cell_timeout)
    result.seconds = time.perf_counter() - start
    return result


def _result_from_outcomes(name: str, hw: exercises.Homework, merged: nbformat.NotebookNode,
                          outcomes: dict[int, _CellOutcome] | None, notes: list[str], problem: str | None,
                          cell_timeout: float) -> SubmissionResult:
    if outcomes is None:
        return _empty_result(name, hw, problem or t("grade.run_failed", detail="no report"))
    result = SubmissionResult(name, hw.name, notes=list(notes))
    points = {q.qid: q.points for q in hw.questions}
    code_cells = [c for c in merged.cells if c.cell_type == "code"]
    setup_failed = False
    kernel_noted = False
    for index, cell in enumerate(code_cells):
        role, qid = exercises.cell_role(cell)
        outcome = outcomes.get(index, _CellOutcome(False, "not run"))
        if outcome.passed:
            if role == "check":
                result.questions[qid] = QuestionResult(qid, points[qid], points[qid], t("check.correct", qid=qid))
            continue
        text = outcome.text
        if "Previous cell timed out" in text or "Kernel dead" in text:
            pass  # a consequence of an earlier cell, already noted
        elif "Failed to interrupt kernel" in text or "Kernel died" in text:
            if not kernel_noted:
                result.notes.append(t("grade.kernel_died", qid=qid or "-"))
                kernel_noted = True
        elif role == "answer":
            if "Timeout of" in text:
                result.notes.append(t("grade.answer_timeout", qid=qid, seconds=f"{cell_timeout:g}"))
            else:
                result.notes.append(t("grade.answer_error", qid=qid, error=_error_summary(text)))
        elif role is None and not setup_failed:
            setup_failed = True
            result.notes.append(t("grade.setup_failed", error=_error_summary(text)))
        if role == "check":
            line = _check_line(qid, text) or t("grade.check_failed", qid=qid)
            result.questions[qid] = QuestionResult(qid, 0, points[qid], line)
    for q in hw.questions:  # a check cell missing from the report counts as failed
        failed = QuestionResult(q.qid, 0, q.points, t("grade.check_failed", qid=q.qid))
        result.questions.setdefault(q.qid, failed)
    result.questions = {q.qid: result.questions[q.qid] for q in hw.questions}
    if problem:
        result.notes.append(problem)
    if setup_failed and result.total == 0:
        result.status = "error"
    else:
        result.status = "ok" if result.total == result.max_total else "partial"
    return result


# --------------------------------------------------------------------------------------------------
# Grading a folder
# --------------------------------------------------------------------------------------------------


def find_submissions(folder: Path | str) -> list[Path]:
    """Return every ``*.ipynb`` under ``folder`` (recursively), skipping hidden folders and checkpoints."""
    folder = Path(folder)
    found = []
    for path in folder.rglob("*.ipynb"):
        parts = path.relative_to(folder).parts
        if any(p.startswith(".") for p in parts) or not path.is_file():
            continue
        found.append(path)
    return sorted(found)


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
                 cell_timeout: float = DEFAULT_CELL_TIMEOUT, total_timeout: float = DEFAULT_TOTAL_TIMEOUT,
                 homeworks: dict[str, exercises.Homework] | None = None, progress: bool = True,
                 on_result: Callable[[SubmissionResult], None] | None = None) -> list[SubmissionResult]:
    """Grade every notebook under ``folder``; one result per file, in file order.

    Parameters
    ----------
    folder : path-like
        Folder of submissions (subfolders included, e.g. one per student).
    homework : str, optional
        The homework to grade against; by default the one most submissions belong to.
    jobs : int, optional
        Submissions graded at once (default: number of CPU cores). Each one runs in its own
        ``pytest`` process with its own kernel; threads only wait for those processes.
    cell_timeout, total_timeout : float
        Seconds per cell, and per submission.
    homeworks : dict, optional
        From :func:`load_homeworks`.
    progress : bool
        Show a progress bar on stderr.
    on_result : callable, optional
        Called with each result as soon as it is ready.

    Raises
    ------
    GradingError
        If the folder does not exist, holds no notebooks, or the homework cannot be determined.

    """
    folder = Path(folder)
    if not folder.is_dir():
        raise GradingError(f"{folder} is not a folder")
    paths = find_submissions(folder)
    if not paths:
        raise GradingError(f"no .ipynb files under {folder}")
    homeworks = homeworks if homeworks is not None else load_homeworks()
    if homework is not None and homework not in homeworks:
        raise GradingError(f"unknown homework {homework!r}; known: {', '.join(sorted(homeworks)) or 'none'}")
    if homework is None:
        homework = _majority_homework(paths, homeworks)
    jobs = max(1, jobs or os.cpu_count() or 1)
    bar = Progress(len(paths), enabled=progress)
    results: dict[Path, SubmissionResult] = {}
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {
            pool.submit(grade_notebook, p, homeworks, homework, cell_timeout, total_timeout,
                        str(p.relative_to(folder))): p
            for p in paths
        }
        for future in as_completed(futures):
            path = futures[future]
            try:
                result = future.result()
            except Exception as exc:  # noqa: BLE001 - a bug of ours must not lose the row
                result = _empty_result(str(path.relative_to(folder)), homeworks[homework],
                                       t("grade.run_failed", detail=f"{type(exc).__name__}: {exc}"))
            results[path] = result
            bar.update(result)
            if on_result:
                on_result(result)
    return [results[p] for p in paths]


def _majority_homework(paths: Iterable[Path], homeworks: dict[str, exercises.Homework]) -> str:
    qid_homework = {q.qid: h.name for h in homeworks.values() for q in h.questions}
    votes = Counter()
    for path in paths:
        try:
            found = identify_homework(read_submission(path), qid_homework, path.name)
        except _Unusable:
            continue
        if found:
            votes[found] += 1
    if not votes:
        raise GradingError("could not tell which homework these notebooks are; pass --homework NAME")
    return votes.most_common(1)[0][0]


# --------------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------------


def _fmt(points: float) -> str:
    return f"{points:g}"


def write_gradebook(results: list[SubmissionResult], path: Path | str, question_ids: list[str]) -> None:
    """Write the gradebook CSV: ``file``, one column per question, ``total``, ``status``, ``message``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", *question_ids, "total", "status", "message"])
        for r in results:
            scores = [_fmt(r.questions[q].points) if q in r.questions else "0" for q in question_ids]
            writer.writerow([r.file, *scores, _fmt(r.total), r.status, r.message])


def feedback_text(result: SubmissionResult) -> str:
    """Return the feedback a student receives for one submission."""
    lines = [t("grade.feedback_title", file=result.file, homework=result.homework or "?")]
    if result.questions:
        lines += [""] + [q.line for q in result.questions.values()]
        lines += ["", t("grade.score", total=_fmt(result.total), max=_fmt(result.max_total))]
    if result.notes:
        lines += ["", t("grade.notes")] + [f"- {n}" for n in result.notes]
    return "\n".join(lines) + "\n"


def feedback_name(result: SubmissionResult) -> str:
    """Return the feedback file name of a submission (its relative path flattened, ``.txt``)."""
    stem = re.sub(r"\.ipynb$", "", result.file)
    return re.sub(r"[\\/:]+", "__", stem) + ".txt"


def write_feedback(results: list[SubmissionResult], folder: Path | str) -> list[Path]:
    """Write one feedback ``.txt`` per submission into ``folder``; return the paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for result in results:
        path = folder / feedback_name(result)
        path.write_text(feedback_text(result), encoding="utf-8")
        written.append(path)
    return written
