"""The gradebook and the feedback files: what the grader writes for the teacher and the students.

* ``gradebook.csv``: one row per submitted file: ``file``, ``student``, one column per question
  (points; empty for a written answer the teacher has not scored yet, and for every question of an
  ``error`` row), ``total``, ``max``, ``status`` (ok, partial, not attempted, error), ``flags`` and
  ``message``. Rows are appended as submissions finish, so a crash loses nothing graded; at the end
  the file is rewritten in file order with the flags that compare submissions.
* ``gradebook_answers.csv``: one row per file and question, with a short rendering of the answer and
  its status, for the class report (:mod:`ircourse.homework.report`).
* ``gradebook_feedback/``: one ``.txt`` per submission, for the student.

Every cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed with
``'`` so that a spreadsheet never reads a file name or an answer as a formula (OWASP, "CSV
Injection").
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
import threading
from pathlib import Path

from ..i18n import t
from .grader import GradingError, SubmissionResult

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: object) -> str:
    """Return ``value`` as a CSV cell that no spreadsheet evaluates as a formula.

    >>> escape_cell("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> escape_cell("Poland")
    'Poland'
    """
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _fmt(points: float | None) -> str:
    return "" if points is None else f"{points:g}"


HEADER_TAIL = ["total", "max", "status", "flags", "message"]


def row(result: SubmissionResult, question_ids: list[str]) -> list[str]:
    """Return the gradebook row of a result (escaped)."""
    if result.status == "error":
        scores = [""] * len(question_ids)
        total = ""
    else:
        scores = [_fmt(result.questions[q].points) if q in result.questions else "" for q in question_ids]
        total = _fmt(result.total)
    maximum = _fmt(result.max_total) if result.questions else ""
    cells = [result.file, result.student, *scores, total, maximum, result.status, "; ".join(result.flags),
             result.message]
    return [escape_cell(c) for c in cells]


def check_targets(folder: Path, out: Path, feedback: Path) -> None:
    """Refuse, before any grading, output places that could overwrite or mix with the submissions.

    Raises
    ------
    GradingError
        If ``out`` is a folder, a notebook, or inside the submissions folder; if ``feedback`` is an
        existing file or inside the submissions folder; or if a parent folder cannot be created.
    """
    folder = Path(folder).resolve()
    for path, what in ((out, "--out"), (feedback, "--feedback")):
        resolved = Path(path).resolve()
        if resolved == folder or folder in resolved.parents:
            raise GradingError(f"{what} {path} is inside the submissions folder {folder}: choose a place outside it")
    if Path(out).is_dir():
        raise GradingError(f"--out {out} is a folder: give the path of a CSV file, e.g. gradebook.csv")
    if Path(out).suffix.lower() == ".ipynb":
        raise GradingError(f"--out {out} names a notebook: give the path of a CSV file, e.g. gradebook.csv")
    if Path(feedback).exists() and not Path(feedback).is_dir():
        raise GradingError(f"--feedback {feedback} is a file: give a folder")
    for parent in (Path(out).resolve().parent, Path(feedback).resolve().parent):
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise GradingError(f"cannot create {parent}: {exc.strerror}") from None


def feedback_names(results: list[SubmissionResult]) -> dict[str, str]:
    """Return file -> feedback file name, unique even when two paths flatten to the same name.

    ``alice/hw.ipynb`` and ``alice__hw.ipynb`` both flatten to ``alice__hw``: each then gets a short
    digest of its own path.
    """
    flat = {r.file: re.sub(r"[\\/:]+", "__", re.sub(r"\.ipynb$", "", r.file, flags=re.IGNORECASE)) for r in results}
    counts: dict[str, int] = {}
    for name in flat.values():
        counts[name.lower()] = counts.get(name.lower(), 0) + 1
    out = {}
    for file, name in flat.items():
        if counts[name.lower()] > 1:
            name += "-" + hashlib.sha256(file.encode("utf-8")).hexdigest()[:8]
        out[file] = name + ".txt"
    return out


def feedback_text(result: SubmissionResult) -> str:
    """Return the feedback a student receives for one submission."""
    lang = result.lang
    lines = [t("grade.feedback_title", lang=lang, file=result.file, homework=result.homework or "?")]
    if result.student:
        lines.append(t("grade.feedback_student", lang=lang, student=result.student))
    if result.questions:
        lines += [""] + [q.line for q in result.questions.values()]
        lines += ["", t("grade.score", lang=lang, total=_fmt(result.total), max=_fmt(result.max_total))]
        if any(q.points is None for q in result.questions.values()):
            lines.append(t("grade.written_pending", lang=lang))
    if result.notes:
        lines += ["", t("grade.notes", lang=lang)] + [f"- {n}" for n in result.notes]
    return "\n".join(lines) + "\n"


def answers_path(gradebook: Path) -> Path:
    """The table of answers written next to a gradebook (``gradebook_answers.csv``)."""
    return Path(gradebook).with_name(Path(gradebook).stem + "_answers.csv")


def written_path(gradebook: Path) -> Path:
    """The table of written answers written next to a gradebook (``gradebook_written.csv``)."""
    return Path(gradebook).with_name(Path(gradebook).stem + "_written.csv")


def unescape_cell(text: str) -> str:
    """Undo :func:`escape_cell` when reading a cell back (``'=x`` -> ``=x``)."""
    return text[1:] if text.startswith("'") and text[1:2] in _FORMULA_START else text


def read(gradebook: Path) -> tuple[list[str], list[dict]]:
    """Read a gradebook: its question ids and its rows (cells unescaped).

    Raises
    ------
    GradingError
        If the file is missing or is not a gradebook written by ``ircourse grade``.
    """
    try:
        with open(gradebook, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            header = list(reader.fieldnames or [])
            rows = [{k: unescape_cell(v or "") for k, v in row.items()} for row in reader]
    except OSError as exc:
        raise GradingError(f"cannot read the gradebook {gradebook}: {exc.strerror}") from None
    if header[:2] != ["file", "student"] or header[-len(HEADER_TAIL):] != HEADER_TAIL:
        raise GradingError(f"{gradebook} is not a gradebook written by `ircourse grade`")
    return header[2:-len(HEADER_TAIL)], rows


class Writer:
    """Writes the gradebook, the answers table and the feedback files as results arrive.

    Parameters
    ----------
    out : pathlib.Path
        The gradebook CSV.
    feedback : pathlib.Path
        The folder of feedback files.
    question_ids : list of str
        The homework's questions (the gradebook's columns).
    """

    def __init__(self, out: Path, feedback: Path, question_ids: list[str]) -> None:
        self.out = Path(out)
        self.answers = answers_path(self.out)
        self.written = written_path(self.out)
        self.feedback = Path(feedback)
        self.question_ids = list(question_ids)
        self.lock = threading.Lock()
        self.feedback.mkdir(parents=True, exist_ok=True)
        self._handle = open(self.out, "w", encoding="utf-8", newline="")
        self._csv = csv.writer(self._handle)
        self._csv.writerow(["file", "student", *self.question_ids, *HEADER_TAIL])
        self._handle.flush()

    def append(self, result: SubmissionResult) -> None:
        """Append one row and write its feedback file now (so a crash loses nothing graded)."""
        with self.lock:
            self._csv.writerow(row(result, self.question_ids))
            self._handle.flush()
            os.fsync(self._handle.fileno())
            name = re.sub(r"[\\/:]+", "__", result.file) + ".partial.txt"
            (self.feedback / name).write_text(feedback_text(result), encoding="utf-8")

    def finish(self, results: list[SubmissionResult]) -> list[Path]:
        """Rewrite the gradebook in file order (with all flags), the answers table, and the feedback files."""
        with self.lock:
            self._handle.close()
            tmp = self.out.with_suffix(self.out.suffix + ".tmp")
            with open(tmp, "w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(["file", "student", *self.question_ids, *HEADER_TAIL])
                for result in results:
                    writer.writerow(row(result, self.question_ids))
            tmp.replace(self.out)
            with open(self.answers, "w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(["file", "student", "question", "status", "points", "answer"])
                for result in results:
                    for q in result.questions.values():
                        writer.writerow([escape_cell(c) for c in (result.file, result.student, q.qid, q.status,
                                                                  _fmt(q.points), q.answer)])
            with open(self.written, "w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(["file", "student", "question", "verdict", "text"])
                for result in results:
                    for qid, item in result.written.items():
                        writer.writerow([escape_cell(c) for c in (result.file, result.student, qid,
                                                                  item["verdict"], item["text"])])
            for partial in self.feedback.glob("*.partial.txt"):
                partial.unlink()
            written = []
            names = feedback_names(results)
            for result in results:
                path = self.feedback / names[result.file]
                path.write_text(feedback_text(result), encoding="utf-8")
                written.append(path)
            return written
