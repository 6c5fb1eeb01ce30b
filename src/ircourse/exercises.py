"""Homework notebooks from one source: the solution notebook.

Each homework has exactly one hand-written file, ``exercises/solutions/NN_topic.ipynb``. From it
``ircourse build-exercises`` generates

* the student notebook ``exercises/NN_topic.ipynb`` (solutions hidden, outputs cleared), and
* the answer key ``src/ircourse/keys/NN_topic.json`` used by :func:`ircourse.checks.check`.

Generated files are never edited by hand; ``ircourse build-exercises --check`` (and a test) fails
when one of them is stale.

How a solution notebook is written
----------------------------------
For a question ``hw6_q1`` the solution notebook holds, in this order:

1. a markdown cell with the bold id and the task (``**hw6_q1** ...``), optionally a
   ``<details><summary>Hint</summary>...</details>`` block;
2. the **answer cell**: a code cell with a stable cell ``id`` and the tag ``answer:hw6_q1``. Its
   solution is marked so that the generator can hide it:

   * a line ``answer = <expression>  # SOLUTION`` becomes ``answer = ...``;
   * the lines between ``# BEGIN SOLUTION`` and ``# END SOLUTION`` are removed (an indented block
     becomes ``pass``).

   The student version must keep a line ``answer = ...``, so Run All never crashes;
3. the **check cell** ``irc.check("hw6_q1", answer)``, tagged ``check:hw6_q1`` and
   ``nbval-check-output``, executed so that it shows ``✅ hw6_q1: correct``;
4. the **key cell**: a raw cell tagged ``key:hw6_q1`` holding the question's specification as JSON,
   for example ``{"kind": "number", "answer": 15, "tolerance": 0, "hint": "..."}`` (kinds and
   fields: :mod:`ircourse.checks`). Key cells never reach the student notebook. An optional
   ``"wrong"`` list gives wrong answers that the tests feed to the check.

Any cell tagged ``solution-only`` is left out of the student notebook as well. Cells keep their ids
in the student notebook, which is how the grader finds a student's answer cells.

Examples
--------
Regenerate every student notebook and key, then verify they are fresh::

    ircourse build-exercises
    ircourse build-exercises --check
"""

from __future__ import annotations

import copy
import filecmp
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from . import checks, i18n

_PACKAGE = Path(__file__).resolve().parent

ANSWER_TAG = "answer:"
CHECK_TAG = "check:"
KEY_TAG = "key:"
SOLUTION_ONLY_TAG = "solution-only"
NBVAL_CHECK_TAG = "nbval-check-output"
BEGIN = "# BEGIN SOLUTION"
END = "# END SOLUTION"

_SOLUTION_LINE = re.compile(r"^(?P<indent>\s*)(?P<lhs>[A-Za-z_][^=#]*?)\s*=(?!=)\s*\S.*?#\s*SOLUTION\s*$")
_BLANK_ANSWER = re.compile(r"^answer\s*=\s*\.\.\.\s*(#.*)?$", re.MULTILINE)
_QID = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_HOMEWORK = re.compile(r"^\d\d_[a-z0-9_]+$")

#: Notebook metadata of every generated student notebook (plus ``ircourse.homework``).
STUDENT_KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


class ExerciseError(ValueError):
    """A solution notebook does not follow the conventions above (the message says where and how)."""


@dataclass(frozen=True)
class Question:
    """One question of a homework, as found in its solution notebook.

    Attributes
    ----------
    qid : str
        Question id, e.g. ``"hw6_q1"``.
    answer_cell_id, check_cell_id : str
        Ids of the answer cell and of the check cell.
    spec : dict
        The specification from the key cell (kind, answer, hint...).
    """

    qid: str
    answer_cell_id: str
    check_cell_id: str
    spec: dict

    @property
    def points(self) -> float:
        """Points the question is worth (``"points"`` in the specification, default 1)."""
        return self.spec.get("points", 1)


@dataclass
class Homework:
    """A parsed solution notebook.

    Attributes
    ----------
    name : str
        File stem, e.g. ``"06_bipolar_world_and_nato"``.
    path : pathlib.Path
        The solution notebook.
    notebook : nbformat.NotebookNode
        Its content.
    questions : list of Question
        In notebook order.
    """

    name: str
    path: Path
    notebook: nbformat.NotebookNode
    questions: list[Question] = field(default_factory=list)

    @property
    def question_ids(self) -> list[str]:
        """Question ids in notebook order."""
        return [q.qid for q in self.questions]

    @property
    def salt(self) -> str:
        """Salt of the digests of this homework's answer key."""
        return f"ircourse:{self.name}"


# --------------------------------------------------------------------------------------------------
# Where things are
# --------------------------------------------------------------------------------------------------


def project_root() -> Path:
    """Return the course checkout that holds ``exercises/solutions`` (for building).

    Raises
    ------
    FileNotFoundError
        If the package is not installed from a checkout (e.g. a plain ``pip install``).
    """
    root = _PACKAGE.parents[1]
    if (root / "exercises" / "solutions").is_dir():
        return root
    raise FileNotFoundError(
        f"no exercises/solutions folder next to the package ({root}); run from a checkout of the "
        "course, installed with `pip install -e .`, or pass --root"
    )


def solutions_dir(root: Path | None = None) -> Path:
    """Return the folder of solution notebooks of a checkout (default: :func:`project_root`)."""
    return Path(root or project_root()) / "exercises" / "solutions"


def student_path(name: str, root: Path) -> Path:
    """Return where the student notebook of homework ``name`` is written under ``root``."""
    return Path(root) / "exercises" / f"{name}.ipynb"


def key_path(name: str, root: Path) -> Path:
    """Return where the answer key of homework ``name`` is written under ``root``."""
    return Path(root) / "src" / "ircourse" / "keys" / f"{name}.json"


def installed_solutions_dir() -> Path:
    """Return the solution notebooks the grader uses, wherever the course is installed.

    Looks at ``$IRCOURSE_EXERCISES/solutions``, then the copy inside the package (``pip install .``),
    then the checkout (editable install).

    Raises
    ------
    FileNotFoundError
        If no folder of solution notebooks is found.
    """
    candidates = []
    if os.environ.get("IRCOURSE_EXERCISES"):
        candidates.append(Path(os.environ["IRCOURSE_EXERCISES"]) / "solutions")
    candidates += [_PACKAGE / "_exercises" / "solutions", _PACKAGE.parents[1] / "exercises" / "solutions"]
    for folder in candidates:
        if folder.is_dir() and any(folder.glob("*.ipynb")):
            return folder
    raise FileNotFoundError(
        "the solution notebooks were not found (searched: " + ", ".join(map(str, candidates)) + ")"
    )


# --------------------------------------------------------------------------------------------------
# Reading a solution notebook
# --------------------------------------------------------------------------------------------------


def cell_role(cell: dict) -> tuple[str | None, str | None]:
    """Return ``(role, question id)`` of a cell from its tags: role is ``answer``, ``check``, ``key`` or None.

    Tolerates odd metadata (a submission may have anything in it).
    """
    metadata = cell.get("metadata") if isinstance(cell, dict) else None
    tags = metadata.get("tags") if isinstance(metadata, dict) else None
    if not isinstance(tags, list):
        return None, None
    for tag in tags:
        if isinstance(tag, str):
            for role, prefix in (("answer", ANSWER_TAG), ("check", CHECK_TAG), ("key", KEY_TAG)):
                if tag.startswith(prefix):
                    return role, tag[len(prefix):].strip()
    return None, None


def read_solution(path: Path | str) -> Homework:
    """Read and validate a solution notebook.

    Parameters
    ----------
    path : path-like
        ``exercises/solutions/NN_topic.ipynb``.

    Returns
    -------
    Homework

    Raises
    ------
    ExerciseError
        Listing every convention the notebook breaks.
    """
    path = Path(path)
    if not _HOMEWORK.match(path.stem):
        raise ExerciseError(f"{path.name}: a homework file is named NN_topic.ipynb (e.g. 06_bipolar_world.ipynb)")
    nb = nbformat.read(path, as_version=4)
    problems: list[str] = []
    found: dict[str, dict[str, list]] = {}
    order: list[str] = []
    for index, cell in enumerate(nb.cells):
        role, qid = cell_role(cell)
        if role is None:
            continue
        if not _QID.match(qid or ""):
            problems.append(f"cell {index}: tag {role}:{qid} has an invalid question id")
            continue
        if qid not in found:
            found[qid] = {"answer": [], "check": [], "key": []}
            order.append(qid)
        found[qid][role].append((index, cell))
    questions = []
    for qid in order:
        parts = found[qid]
        for role, cell_type in (("answer", "code"), ("check", "code"), ("key", "raw")):
            if len(parts[role]) != 1:
                problems.append(f"{qid}: expected one {cell_type} cell tagged {role}:{qid}, found {len(parts[role])}")
            elif parts[role][0][1].cell_type != cell_type:
                problems.append(f"{qid}: the cell tagged {role}:{qid} must be a {cell_type} cell")
        if any(len(parts[r]) != 1 for r in parts):
            continue
        (ia, answer), (ic, check_cell), (_, key_cell) = parts["answer"][0], parts["check"][0], parts["key"][0]
        if not ia < ic:
            problems.append(f"{qid}: the answer cell must come before the check cell")
        problems += _answer_cell_problems(qid, answer)
        problems += _check_cell_problems(qid, check_cell)
        try:
            spec = json.loads(key_cell.source)
        except json.JSONDecodeError as exc:
            problems.append(f"{qid}: the key cell is not valid JSON ({exc})")
            continue
        try:
            checks.encode_question(qid, spec, salt="validation")
        except checks.KeySpecError as exc:
            problems.append(f"key cell of {exc}")
            continue
        questions.append(Question(qid, answer.get("id", ""), check_cell.get("id", ""), spec))
    if not order:
        problems.append("no question found (no cell tagged answer:<id>)")
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and cell_role(cell)[0] != "answer":
            try:
                strip_solutions(cell.source)
            except ExerciseError as exc:
                problems.append(f"cell {index}: {exc}")
    if problems:
        raise ExerciseError(f"{path}:\n  - " + "\n  - ".join(problems))
    return Homework(path.stem, path, nb, questions)


def _answer_cell_problems(qid: str, cell: dict) -> list[str]:
    problems = []
    if not cell.get("id"):
        problems.append(f"{qid}: the answer cell needs a cell id (nbformat 4.5)")
    try:
        student = strip_solutions(cell.source)
    except ExerciseError as exc:
        return problems + [f"{qid}: {exc}"]
    if student == cell.source:
        problems.append(f"{qid}: the answer cell has no solution marked (# SOLUTION or # BEGIN/END SOLUTION)")
    if not _BLANK_ANSWER.search(student):
        problems.append(f"{qid}: the student version of the answer cell must keep a line `answer = ...`")
    try:
        compile(student, f"<{qid} student answer cell>", "exec")
    except SyntaxError as exc:
        problems.append(f"{qid}: the student version of the answer cell is not valid Python ({exc.msg})")
    return problems


def _check_cell_problems(qid: str, cell: dict) -> list[str]:
    problems = []
    if not cell.get("id"):
        problems.append(f"{qid}: the check cell needs a cell id (nbformat 4.5)")
    if f'"{qid}"' not in cell.source and f"'{qid}'" not in cell.source:
        problems.append(f'{qid}: the check cell must call irc.check("{qid}", answer)')
    if NBVAL_CHECK_TAG not in cell.metadata.get("tags", []):
        problems.append(f"{qid}: the check cell must be tagged {NBVAL_CHECK_TAG}")
    return problems


def strip_solutions(source: str) -> str:
    """Return the student version of a code cell's ``source``.

    ``x = <expr>  # SOLUTION`` becomes ``x = ...``; lines from ``# BEGIN SOLUTION`` to
    ``# END SOLUTION`` are removed (an indented block is replaced by ``pass``).

    Raises
    ------
    ExerciseError
        For unbalanced markers or a ``# SOLUTION`` line that is not an assignment.
    """
    out: list[str] = []
    block_indent: str | None = None
    for number, line in enumerate(source.split("\n"), start=1):
        stripped = line.strip()
        if stripped == BEGIN:
            if block_indent is not None:
                raise ExerciseError(f"line {number}: nested {BEGIN}")
            block_indent = line[: len(line) - len(line.lstrip())]
            continue
        if stripped == END:
            if block_indent is None:
                raise ExerciseError(f"line {number}: {END} without {BEGIN}")
            if block_indent:
                out.append(f"{block_indent}pass")
            block_indent = None
            continue
        if block_indent is not None:
            continue
        if re.search(r"#\s*SOLUTION\s*$", line):
            match = _SOLUTION_LINE.match(line)
            if not match:
                raise ExerciseError(f"line {number}: '# SOLUTION' marks an assignment `name = value  # SOLUTION`")
            out.append(f"{match['indent']}{match['lhs'].strip()} = ...")
            continue
        out.append(line)
    if block_indent is not None:
        raise ExerciseError(f"{BEGIN} without {END}")
    return "\n".join(out)


# --------------------------------------------------------------------------------------------------
# Generating
# --------------------------------------------------------------------------------------------------


def student_notebook(hw: Homework) -> nbformat.NotebookNode:
    """Return the student notebook of ``hw``: no key or solution-only cells, solutions hidden, no outputs."""
    nb = nbformat.v4.new_notebook()
    nb.nbformat, nb.nbformat_minor = 4, 5
    nb.metadata = {
        "ircourse": {
            "homework": hw.name,
            "generated_from": f"exercises/solutions/{hw.name}.ipynb",
            "note": "Generated by `ircourse build-exercises`: edit the solution notebook, not this file.",
        },
        "kernelspec": dict(STUDENT_KERNELSPEC),
        "language_info": {"name": "python"},
    }
    for index, cell in enumerate(hw.notebook.cells):
        role, _ = cell_role(cell)
        tags = [t for t in cell.metadata.get("tags", []) if isinstance(t, str)]
        if role == "key" or SOLUTION_ONLY_TAG in tags:
            continue
        cell_id = cell.get("id") or f"cell-{index}"
        tags = [t for t in tags if not t.startswith("nbval-")]
        metadata: dict = {"tags": tags} if tags else {}
        if cell.cell_type == "code":
            new = nbformat.v4.new_code_cell(strip_solutions(cell.source), id=cell_id)
            if role in ("answer", "check"):
                metadata["deletable"] = False
            if role == "check":
                metadata["editable"] = False
        elif cell.cell_type == "markdown":
            new = nbformat.v4.new_markdown_cell(cell.source, id=cell_id)
            if cell.get("attachments"):
                new.attachments = copy.deepcopy(cell.attachments)
        else:
            new = nbformat.v4.new_raw_cell(cell.source, id=cell_id)
        new.metadata = metadata
        nb.cells.append(new)
    return nb


def answer_key(hw: Homework) -> dict:
    """Return the answer key of ``hw`` (what ``keys/<name>.json`` holds): digests and hints, no answers."""
    return {
        "format": 1,
        "homework": hw.name,
        "note": f"Generated by `ircourse build-exercises` from exercises/solutions/{hw.name}.ipynb; do not edit.",
        "salt": hw.salt,
        "questions": {q.qid: checks.encode_question(q.qid, q.spec, hw.salt) for q in hw.questions},
    }


def render_notebook(nb: nbformat.NotebookNode) -> str:
    """Return the exact text written for a generated notebook."""
    text = nbformat.writes(nb, version=4)
    return text if text.endswith("\n") else text + "\n"


def render_key(key: dict) -> str:
    """Return the exact text written for an answer key."""
    return json.dumps(key, indent=1, ensure_ascii=False) + "\n"


def answered_cells(path: Path, blank: nbformat.NotebookNode) -> list[str]:
    """Return the question ids whose answer cell in the notebook at ``path`` holds someone's answer.

    An answer cell counts as answered when it differs from the freshly generated ``blank`` notebook's
    and no longer contains the ``...`` placeholder (an older blank version still has it). A file that
    cannot be read as a notebook is treated as holding work, so it is never silently replaced.
    """
    try:
        existing = json.loads(Path(path).read_text(encoding="utf-8"))
        cells = existing["cells"]
    except (OSError, ValueError, KeyError, TypeError):
        return ["(unreadable file)"]
    blank_sources = {qid: "".join(c.source) for c in blank.cells
                     for role, qid in [cell_role(c)] if role == "answer"}
    answered = []
    for cell in cells if isinstance(cells, list) else []:
        role, qid = cell_role(cell)
        if role != "answer":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        if source.strip() != blank_sources.get(qid, "").strip() and "..." not in source:
            answered.append(qid)
    return answered


def build(root: Path | str | None = None, out: Path | str | None = None, force: bool = False) -> list[Path]:
    """Generate every student notebook and answer key.

    A student notebook that already holds answers (see :func:`answered_cells`) is never overwritten
    unless ``force`` is given: nothing a student wrote is lost by regenerating.

    Parameters
    ----------
    root : path-like, optional
        The course checkout whose ``exercises/solutions`` are read (default :func:`project_root`).
    out : path-like, optional
        Where to write, with the same layout (``exercises/``, ``src/ircourse/keys/``); default ``root``.
    force : bool
        Overwrite student notebooks even when they hold answers.

    Returns
    -------
    list of pathlib.Path
        The files written.

    Raises
    ------
    ExerciseError
        If a solution notebook breaks the conventions (nothing is written then).
    """
    root = Path(root) if root else project_root()
    out = Path(out) if out else root
    solutions = sorted(solutions_dir(root).glob("*.ipynb"))
    rendered: dict[Path, str] = {}
    errors = []
    for path in solutions:
        try:
            hw = read_solution(path)
        except ExerciseError as exc:
            errors.append(str(exc))
            continue
        blank = student_notebook(hw)
        target = student_path(hw.name, out)
        if target.exists() and not force:
            answered = answered_cells(target, blank)
            if answered:
                errors.append(f"{target} holds answers ({', '.join(answered)}): it was not overwritten. Move "
                              "it elsewhere first, or pass --force to replace it with the blank notebook.")
                continue
        rendered[target] = render_notebook(blank)
        rendered[key_path(hw.name, out)] = render_key(answer_key(hw))
    if errors:
        raise ExerciseError("\n".join(errors))
    seen: dict[str, str] = {}
    for path, text in rendered.items():
        if path.suffix == ".json":
            for qid in json.loads(text)["questions"]:
                if qid in seen:
                    raise ExerciseError(f"question id {qid} is used by {seen[qid]} and {path.stem}")
                seen[qid] = path.stem
    for path, text in rendered.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    return list(rendered)


def stale(root: Path | str | None = None) -> list[str]:
    """Return the generated files that differ from a fresh build (empty when everything is fresh).

    Regenerates into a temporary folder and compares bytes; also reports generated files whose
    solution notebook no longer exists.
    """
    root = Path(root) if root else project_root()
    problems = []
    with tempfile.TemporaryDirectory(prefix="ircourse-build-") as tmp:
        fresh = build(root, tmp)
        expected = set()
        for path in fresh:
            relative = path.relative_to(tmp)
            expected.add(relative)
            current = root / relative
            if not current.is_file():
                problems.append(f"{relative}: missing (run `ircourse build-exercises`)")
            elif not filecmp.cmp(current, path, shallow=False):
                problems.append(f"{relative}: stale (run `ircourse build-exercises`)")
    generated = [*(root / "exercises").glob("*.ipynb"), *(root / "src" / "ircourse" / "keys").glob("*.json")]
    for path in sorted(generated):
        if path.relative_to(root) not in expected:
            problems.append(f"{path.relative_to(root)}: no solution notebook generates it (delete it?)")
    return problems


def unexecuted_checks(hw: Homework) -> list[str]:
    """Return the questions whose check cell does not show ``✅`` in the saved solution notebook.

    The grader compares a student's check output with this saved output, so every solution must be
    saved executed (``ircourse build-exercises --execute``).
    """
    cells = {c.get("id"): c for c in hw.notebook.cells}
    missing = []
    for q in hw.questions:
        cell = cells[q.check_cell_id]
        text = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")
        if cell.get("execution_count") is None or text.strip() != i18n.t("check.correct", qid=q.qid):
            missing.append(q.qid)
    return missing


def execute_solution(path: Path | str, timeout: int = 300) -> None:
    """Run a solution notebook top to bottom and save it with its outputs (no timing, no widget state).

    Parameters
    ----------
    path : path-like
        The solution notebook (this is the author's file: it is rewritten in place).
    timeout : int
        Seconds allowed per cell.
    """
    from nbclient import NotebookClient

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3", record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    text = nbformat.writes(nb, version=4)
    path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8", newline="\n")
