"""Expected answers, computed on the teacher's side by running the solution notebooks.

The solution notebook is the single source of every answer: its answer cells compute each answer
from the data and from the question's parameters. The *trusted run* executes them (with
:mod:`ircourse.homework.runner`, outside any sandbox: this is the teacher's own code) once per
variant, and records the solution's ``answer`` for every question and variant as plain data.

* ``ircourse build-exercises`` hashes these values into the formative key shipped to students;
* the grader turns them into plain expected answers and judges each submission against the ones of
  its student's variants. The grading sandbox never sees them.

Results are cached by content hash (the solution's cells and the datasets) in
``$IRCOURSE_CACHE`` or the user's cache folder, so a class is graded with one trusted run.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from . import answers, judge
from .authoring import Homework, cell_role, public_file, strip_solutions


class TrustedRunError(RuntimeError):
    """The solution notebook did not produce an answer for every question and variant."""


def cache_dir() -> Path:
    """Return the folder that caches trusted runs (``$IRCOURSE_CACHE`` or ``~/.cache/ircourse``)."""
    if os.environ.get("IRCOURSE_CACHE"):
        return Path(os.environ["IRCOURSE_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ircourse"


def setup_cells(hw: Homework) -> list[str]:
    """Return the sources of the homework's setup cells (code cells with no role, before the start cell)."""
    sources = []
    for cell in hw.notebook.cells:
        role, _ = cell_role(cell)
        if role == "start":
            break
        if cell.cell_type == "code" and role is None and "solution-only" not in cell.metadata.get("tags", []):
            sources.append(strip_solutions(cell.source))
    return sources


def start_source(hw: Homework, student: str | None = None, variant: int | None = None) -> str:
    """Return the start cell the grader runs: the homework's, with the student id it was given."""
    if variant is not None:
        return f"hw = irc.homework.start({hw.name!r}, student='', _variant={int(variant)})"
    return f"hw = irc.homework.start({hw.name!r}, student={student or ''!r})"


def question_sources(hw: Homework) -> dict[str, str]:
    """Return question id -> the source of its question cell (empty when it has none)."""
    cells = {c.get("id"): c for c in hw.notebook.cells}
    return {q.qid: (cells[q.question_cell_id].source if q.question_cell_id else "") for q in hw.questions}


def trusted_job(hw: Homework, cell_timeout: float = 300) -> dict:
    """Return the runner job that executes the solution's answers for every variant."""
    cells = [{"role": "setup", "source": s, "round": 0} for s in setup_cells(hw)]
    questions = question_sources(hw)
    solutions = {c.get("id"): c.source for c in hw.notebook.cells}
    rounds = max(q.n_variants for q in hw.questions)
    for k in range(rounds):
        cells.append({"role": "start", "source": start_source(hw, variant=k), "round": k})
        for q in hw.questions:
            if q.n_variants <= k:
                continue
            if questions[q.qid]:
                cells.append({"role": "question", "qid": q.qid, "source": questions[q.qid], "round": k})
            cells.append({"role": "answer", "qid": q.qid, "source": solutions[q.answer_cell_id], "round": k})
    return {"homework": hw.name, "cell_timeout": cell_timeout, "cells": cells}


def _run_trusted(hw: Homework) -> list[dict]:
    """Run the solution's answers for every variant, in a clean environment with a temporary HOME.

    The solutions are the teacher's own code, so no sandbox is needed; the clean environment keeps the
    teacher's IPython profile and files out of the run (and the run out of the teacher's HOME).
    """
    from . import sandbox

    job = trusted_job(hw)
    with tempfile.TemporaryDirectory(prefix="ircourse-trusted-") as tmp:
        public = Path(tmp)
        (public / f"{hw.name}.json").write_text(json.dumps(public_file(hw)), encoding="utf-8")
        run = sandbox.run(job, sandbox.Limits(memory_mb=4096, cpu_seconds=1800, processes=256), 1800,
                          sandbox=False, extra_env={"IRCOURSE_PUBLIC_DIR": str(public)})
    if run.problem and not run.records:
        raise TrustedRunError(f"the trusted run of {hw.name} failed ({run.problem}): {run.log[-500:]}")
    return run.records


def solution_values(hw: Homework, use_cache: bool = True) -> dict[str, list[dict]]:
    """Return question id -> the solution's plain answer for each variant (cached by content hash).

    Raises
    ------
    TrustedRunError
        If a solution answer cell fails or produces no value for some variant.
    """
    path = cache_dir() / "expected" / f"{hw.name}-{hw.source_hash()}.json"
    if use_cache and path.is_file():
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            pass
    records = _run_trusted(hw)
    setup_errors = [r for r in records if r.get("event") == "setup_error"]
    if setup_errors:
        raise TrustedRunError(f"{hw.name}: the setup of the solution failed: {setup_errors[0].get('error')}")
    values: dict[str, list] = {q.qid: [None] * q.n_variants for q in hw.questions}
    for record in records:
        qid, k = record.get("qid"), record.get("round", 0)
        if qid in values and k < len(values[qid]):
            if record.get("status") != "ok":
                raise TrustedRunError(f"{hw.name}: the solution of {qid} (variant {k}) did not run: "
                                      f"{record.get('status')} {record.get('error', '')}")
            values[qid][k] = answers.validate_plain(record["value"])
    missing = [f"{qid} (variant {k})" for qid, vs in values.items() for k, v in enumerate(vs) if v is None]
    if missing:
        raise TrustedRunError(f"{hw.name}: no solution value for {', '.join(missing[:5])}")
    for q in hw.questions:
        if q.kind == "choice":
            _check_choice_solution(hw, q, values[q.qid])
        elif "answer" in q.spec and q.n_variants == 1 and q.kind != "written":
            stated = answers.to_plain(_as_python(q.spec["answer"]))
            got = judge.encode(q.spec, values[q.qid][0])
            if not judge.judge(got, stated).correct:
                raise TrustedRunError(f"{hw.name}: {q.qid}: the solution computes a different answer from the "
                                      f"one stated in its key cell ({q.spec['answer']!r})")
    if use_cache:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(values), encoding="utf-8")
        tmp.replace(path)
    return values


def _check_choice_solution(hw: Homework, q, values: list[dict]) -> None:
    """The solution of a choice question must pick the option marked right, in every variant."""
    from .variants import letter_to_option, permutation

    options = hw.public_options(q.qid)
    right = next(o["text"] for o in q.spec["options"] if o.get("right"))
    order = permutation(hw.name, "", q.qid, len(options))
    for k, value in enumerate(values):
        letter = value.get("v") if value.get("t") == "str" else None
        option = letter_to_option(letter.strip(), order) if isinstance(letter, str) else None
        if option is None or options[option] != right:
            raise TrustedRunError(f"{hw.name}: {q.qid}: the solution (variant {k}) does not choose the option "
                                  "marked right")


def _as_python(value):
    """JSON stands for tuples with lists: a stated ``fact`` answer ``["wrong", 31]`` is a pair."""
    if isinstance(value, list) and len(value) == 2 and isinstance(value[0], str) and value[0] in judge.VERDICTS:
        return tuple(value)
    return value


def expected_entries(hw: Homework, values: dict[str, list[dict]] | None = None) -> dict[str, list[dict]]:
    """Return question id -> the plain expected entry of each variant (what the grader judges against)."""
    values = values or solution_values(hw)
    out = {}
    for q in hw.questions:
        options = hw.public_options(q.qid) if q.kind == "choice" else None
        out[q.qid] = [judge.encode(q.spec, v, salt=None, options=options) for v in values[q.qid]]
    return out
