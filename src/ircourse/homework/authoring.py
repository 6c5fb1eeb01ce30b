"""Homework from one source: the solution notebook.

Each homework has exactly one hand-written file, ``exercises/solutions/NN_topic.ipynb``. From it
``ircourse build-exercises`` generates

* the student notebook ``exercises/NN_topic.ipynb`` (solutions hidden, outputs cleared);
* the public question file ``src/ircourse/homework/public/NN_topic.json`` (texts, parameters and
  options a student may see);
* the hashed answer key ``src/ircourse/homework/keys/NN_topic.json`` for the formative
  ``irc.check`` (digests of every variant's expected answer, computed by running the solution,
  :mod:`ircourse.homework.expected`).

Generated files are never edited by hand; ``ircourse build-exercises --check`` (and a test) fails
when one of them is stale. Student notebooks that hold answers are never overwritten without
``--force``.

How a solution notebook is written
----------------------------------
1. Setup code cells (no tag): imports and ``irc.load(...)``. They run before every answer, also
   when grading.
2. The **start cell**, tagged ``homework-start``::

       hw = irc.homework.start("06", student="")  # write your student id between the quotes

3. For each question ``hw6_q1``, in this order:

   a. a markdown cell with the bold id, the task and two hints: ``<details><summary>Hint 1
      </summary>`` (a nudge: which idea, which dataset) and ``<details><summary>Hint 2</summary>``
      (the method in words, or the pandas function to look up) — never the complete code;
   b. optionally a **question cell** tagged ``question:hw6_q1`` (``q = hw.show("hw6_q1")``) when the
      question has personal parameters (``"variants"``) or options (``choice``);
   c. the **answer cell** tagged ``answer:hw6_q1``, with a stable cell id. Its solution is marked:
      ``answer = <expression>  # SOLUTION`` becomes ``answer = ...``; lines between
      ``# BEGIN SOLUTION`` and ``# END SOLUTION`` are removed (an indented block becomes
      ``pass``). The student version keeps a line ``answer = ...``;
   d. the **check cell** ``irc.check("hw6_q1", answer)``, tagged ``check:hw6_q1`` and
      ``nbval-check-output``, saved executed so that it shows the ``✅`` line;
   e. the **key cell**: a raw cell tagged ``key:hw6_q1`` holding the specification as JSON
      (:mod:`ircourse.homework.judge`), e.g. ``{"kind": "number", "tolerance": 0, "hint": "...",
      "variants": [{"date": "1955-05-14", "date_text": "14 May 1955"}, ...], "text": "How many ...
      on {date_text}?"}``. Key cells never reach the student notebook. Parameters whose name ends in
      ``_text`` are for display and are translated (:func:`ircourse.i18n.homework_strings`); the
      others are values the code uses (a date, a year, a country as written in the data) and never are.

Any cell tagged ``solution-only`` is left out of the student notebook as well.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .. import i18n
from . import judge

_PACKAGE = Path(__file__).resolve().parents[1]

ANSWER_TAG = "answer:"
CHECK_TAG = "check:"
KEY_TAG = "key:"
QUESTION_TAG = "question:"
START_TAG = "homework-start"
SOLUTION_ONLY_TAG = "solution-only"
NBVAL_CHECK_TAG = "nbval-check-output"
BEGIN = "# BEGIN SOLUTION"
END = "# END SOLUTION"

_SOLUTION_LINE = re.compile(r"^(?P<indent>\s*)(?P<lhs>[A-Za-z_][^=#]*?)\s*=(?!=)\s*\S.*?#\s*SOLUTION\s*$")
_BLANK_ANSWER = re.compile(r"^answer\s*=\s*\.\.\.\s*(#.*)?$", re.MULTILINE)
_QID = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_HOMEWORK = re.compile(r"^\d\d_[a-z0-9_]+$")
_ROLES = (("answer", ANSWER_TAG), ("check", CHECK_TAG), ("key", KEY_TAG), ("question", QUESTION_TAG))

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
    question_cell_id : str or None
        Id of the question cell, if the question has one.
    spec : dict
        The specification from the key cell.
    """

    qid: str
    answer_cell_id: str
    check_cell_id: str
    question_cell_id: str | None
    spec: dict

    @property
    def points(self) -> float:
        """Points the question is worth (``"points"`` in the specification, default 1)."""
        return self.spec.get("points", 1)

    @property
    def kind(self) -> str:
        """The question's kind (``number``, ``choice``...)."""
        return self.spec["kind"]

    @property
    def n_variants(self) -> int:
        """How many variants of the question exist (1 when it has no parameters)."""
        return len(self.spec.get("variants", [])) or 1


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
    start_cell_id : str
        Id of the start cell.
    """

    name: str
    path: Path
    notebook: nbformat.NotebookNode
    questions: list[Question] = field(default_factory=list)
    start_cell_id: str = ""

    @property
    def question_ids(self) -> list[str]:
        """Question ids in notebook order."""
        return [q.qid for q in self.questions]

    @property
    def salt(self) -> str:
        """Salt of the digests of this homework's answer key."""
        return f"ircourse:{self.name}"

    def question(self, qid: str) -> Question:
        """Return question ``qid``."""
        return next(q for q in self.questions if q.qid == qid)

    def public_options(self, qid: str) -> list[str]:
        """Return the option texts of a choice question in their public (neutral) order."""
        spec = self.question(qid).spec
        texts = [o["text"] for o in spec.get("options", [])]
        return sorted(texts, key=lambda text: hashlib.sha256(f"{self.name}|{qid}|{text}".encode()).hexdigest())

    def source_hash(self) -> str:
        """A digest of everything the answer key depends on: the notebook's cells and the datasets."""
        h = hashlib.sha256()
        for cell in self.notebook.cells:
            if cell.cell_type in ("code", "raw"):
                h.update(cell.cell_type.encode() + b"\0" + cell.source.encode("utf-8") + b"\0")
                h.update(json.dumps(cell.metadata.get("tags", []), sort_keys=True).encode())
        h.update(_data_digest().encode())
        return h.hexdigest()[:32]


def _data_digest() -> str:
    from ..data import data_dir

    try:
        return hashlib.sha256((data_dir() / "datapackage.json").read_bytes()).hexdigest()
    except FileNotFoundError:
        return "no-data"


# --------------------------------------------------------------------------------------------------
# Where things are
# --------------------------------------------------------------------------------------------------


def project_root() -> Path:
    """Return the course checkout that holds ``exercises/solutions`` (for building and grading).

    Raises
    ------
    FileNotFoundError
        If the package is not installed from a checkout (the wheel never ships the solutions).
    """
    root = _PACKAGE.parents[1]
    if (root / "exercises" / "solutions").is_dir():
        return root
    raise FileNotFoundError(
        f"no exercises/solutions folder next to the package ({root}); run from a checkout of the "
        "course (pip install -e .), or set IRCOURSE_EXERCISES to the folder that holds solutions/"
    )


def solutions_dir(root: Path | None = None) -> Path:
    """Return the folder of solution notebooks of a checkout (default: :func:`project_root`)."""
    return Path(root or project_root()) / "exercises" / "solutions"


def student_path(name: str, root: Path) -> Path:
    """Return where the student notebook of homework ``name`` is written under ``root``."""
    return Path(root) / "exercises" / f"{name}.ipynb"


def public_path(name: str, root: Path) -> Path:
    """Return where the public question file of homework ``name`` is written under ``root``."""
    return Path(root) / "src" / "ircourse" / "homework" / "public" / f"{name}.json"


def key_path(name: str, root: Path) -> Path:
    """Return where the hashed answer key of homework ``name`` is written under ``root``."""
    return Path(root) / "src" / "ircourse" / "homework" / "keys" / f"{name}.json"


def installed_solutions_dir() -> Path:
    """Return the solution notebooks the grader uses: ``$IRCOURSE_EXERCISES/solutions`` or the checkout's.

    Raises
    ------
    FileNotFoundError
        If no folder of solution notebooks is found.
    """
    candidates = []
    if os.environ.get("IRCOURSE_EXERCISES"):
        candidates.append(Path(os.environ["IRCOURSE_EXERCISES"]) / "solutions")
    candidates.append(_PACKAGE.parents[1] / "exercises" / "solutions")
    for folder in candidates:
        if folder.is_dir() and any(folder.glob("*.ipynb")):
            return folder
    raise FileNotFoundError(
        "the solution notebooks were not found (searched: " + ", ".join(map(str, candidates)) + "); grading "
        "needs a checkout of the course, or IRCOURSE_EXERCISES pointing at a folder with solutions/"
    )


# --------------------------------------------------------------------------------------------------
# Reading a solution notebook
# --------------------------------------------------------------------------------------------------


def cell_role(cell: object) -> tuple[str | None, str | None]:
    """Return ``(role, question id)`` of a cell from its tags.

    Role is ``answer``, ``check``, ``key``, ``question``, ``start`` or None. Tolerates odd metadata
    (a submission may hold anything).
    """
    metadata = cell.get("metadata") if isinstance(cell, dict) else None
    tags = metadata.get("tags") if isinstance(metadata, dict) else None
    if not isinstance(tags, list):
        return None, None
    for tag in tags[:50]:
        if not isinstance(tag, str):
            continue
        if tag == START_TAG:
            return "start", None
        for role, prefix in _ROLES:
            if tag.startswith(prefix):
                return role, tag[len(prefix):].strip()
    return None, None


def read_solution(path: Path | str) -> Homework:
    """Read and validate a solution notebook.

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
    starts = []
    for index, cell in enumerate(nb.cells):
        role, qid = cell_role(cell)
        if role is None:
            continue
        if role == "start":
            starts.append((index, cell))
            continue
        if not _QID.match(qid or ""):
            problems.append(f"cell {index}: tag {role}:{qid} has an invalid question id")
            continue
        if qid not in found:
            found[qid] = {"answer": [], "check": [], "key": [], "question": []}
            order.append(qid)
        found[qid][role].append((index, cell))
    if len(starts) != 1 or starts[0][1].cell_type != "code":
        problems.append(f"expected one code cell tagged {START_TAG} (hw = irc.homework.start(...)), found {len(starts)}")
    elif 'student=""' not in starts[0][1].source or "irc.homework.start(" not in starts[0][1].source:
        problems.append(f'the {START_TAG} cell must call irc.homework.start("NN", student="")')
    questions = []
    for qid in order:
        parts = found[qid]
        for role, cell_type in (("answer", "code"), ("check", "code"), ("key", "raw")):
            if len(parts[role]) != 1:
                problems.append(f"{qid}: expected one {cell_type} cell tagged {role}:{qid}, found {len(parts[role])}")
            elif parts[role][0][1].cell_type != cell_type:
                problems.append(f"{qid}: the cell tagged {role}:{qid} must be a {cell_type} cell")
        if len(parts["question"]) > 1:
            problems.append(f"{qid}: more than one cell tagged question:{qid}")
        if any(len(parts[r]) != 1 for r in ("answer", "check", "key")):
            continue
        (ia, answer), (ic, check_cell), (_, key_cell) = parts["answer"][0], parts["check"][0], parts["key"][0]
        question_cell = parts["question"][0][1] if parts["question"] else None
        if not ia < ic:
            problems.append(f"{qid}: the answer cell must come before the check cell")
        if question_cell is not None and not parts["question"][0][0] < ia:
            problems.append(f"{qid}: the question cell must come before the answer cell")
        problems += _answer_cell_problems(qid, answer)
        problems += _check_cell_problems(qid, check_cell)
        try:
            spec = json.loads(key_cell.source)
            judge.check_spec(spec)
        except json.JSONDecodeError as exc:
            problems.append(f"{qid}: the key cell is not valid JSON ({exc})")
            continue
        except judge.SpecError as exc:
            problems.append(f"{qid}: key cell: {exc}")
            continue
        needs_question_cell = bool(spec.get("variants") or spec.get("text") or spec["kind"] == "choice")
        if needs_question_cell and question_cell is None:
            problems.append(f'{qid}: a question with "variants", "text" or options needs a question cell '
                            f'tagged question:{qid} (q = hw.show("{qid}"))')
        if question_cell is not None and f'"{qid}"' not in question_cell.source:
            problems.append(f'{qid}: the question cell must call hw.show("{qid}")')
        for number, params in enumerate(spec.get("variants", [])):
            try:
                spec.get("text", "").format(**params)
            except (KeyError, IndexError, ValueError) as exc:
                problems.append(f"{qid}: variant {number}: the text cannot be filled ({exc!r})")
        questions.append(Question(qid, answer.get("id", ""), check_cell.get("id", ""),
                                  question_cell.get("id") if question_cell is not None else None, spec))
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
    return Homework(path.stem, path, nb, questions, starts[0][1].get("id", ""))


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
        # what the kernel reports on start (copied from the executed solution): JupyterLab rewrites a
        # different language_info, which would mark the notebook modified before the student typed anything
        "language_info": copy.deepcopy(dict(hw.notebook.metadata.get("language_info") or {"name": "python"})),
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
            if role in ("answer", "check", "question", "start"):
                metadata["deletable"] = False
            if role in ("check", "question"):
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


def public_file(hw: Homework) -> dict:
    """Return the public question file of ``hw``: what a student (and the grading sandbox) may read."""
    questions = {}
    for q in hw.questions:
        spec = q.spec
        entry: dict = {"kind": spec["kind"], "points": q.points, "hint": spec["hint"].strip(),
                       "answer_cell": q.answer_cell_id}
        if spec.get("text"):
            entry["text"] = spec["text"]
        if spec.get("variants"):
            entry["variants"] = spec["variants"]
        if spec["kind"] == "choice":
            entry["options"] = hw.public_options(q.qid)
        if spec["kind"] in ("written",):
            entry["min_sentences"] = int(spec.get("min_sentences", 3))
            entry["max_sentences"] = int(spec.get("max_sentences", 5))
        questions[q.qid] = entry
    return {"format": 2, "homework": hw.name,
            "note": f"Generated by `ircourse build-exercises` from exercises/solutions/{hw.name}.ipynb; do not edit.",
            "questions": questions}


def answer_key(hw: Homework, solution_values: dict[str, list[dict]]) -> dict:
    """Return the hashed answer key of ``hw``: for each question, one entry of digests per variant.

    Parameters
    ----------
    hw : Homework
    solution_values : dict
        Question id -> the solution's plain answer for each variant
        (:func:`ircourse.homework.expected.solution_values`).
    """
    questions = {}
    for q in hw.questions:
        values = solution_values[q.qid]
        options = hw.public_options(q.qid) if q.kind == "choice" else None
        questions[q.qid] = [judge.encode(q.spec, value, salt=hw.salt, options=options) for value in values]
    return {"format": 2, "homework": hw.name,
            "note": f"Generated by `ircourse build-exercises` from exercises/solutions/{hw.name}.ipynb; do not edit. "
                    "Feedback for students, not protection: grades never depend on this file.",
            "salt": hw.salt, "source": hw.source_hash(), "questions": questions}


def render_notebook(nb: nbformat.NotebookNode) -> str:
    """Return the exact text written for a generated notebook."""
    text = nbformat.writes(nb, version=4)
    return text if text.endswith("\n") else text + "\n"


def render_json(data: dict) -> str:
    """Return the exact text written for a generated JSON file."""
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def answered_cells(path: Path, blank: nbformat.NotebookNode) -> list[str]:
    """Return the question ids whose answer cell in the notebook at ``path`` holds someone's answer.

    An answer cell counts as answered when it differs from the freshly generated ``blank`` notebook's
    and no longer contains the ``...`` placeholder (an older blank version still has it). A changed
    student id counts too. A file that cannot be read as a notebook is treated as holding work, so it
    is never silently replaced.
    """
    try:
        existing = json.loads(Path(path).read_text(encoding="utf-8"))
        cells = existing["cells"]
    except (OSError, ValueError, KeyError, TypeError):
        return ["(unreadable file)"]
    blank_sources = {qid or role: "".join(c.source) for c in blank.cells
                     for role, qid in [cell_role(c)] if role in ("answer", "start")}
    answered = []
    for cell in cells if isinstance(cells, list) else []:
        role, qid = cell_role(cell)
        if role not in ("answer", "start"):
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        if role == "start":
            if 'student=""' not in source:
                answered.append("student id")
            continue
        if source.strip() != blank_sources.get(qid, "").strip() and "..." not in source:
            answered.append(qid)
    return answered


def build(root: Path | str | None = None, out: Path | str | None = None, force: bool = False,
          values: dict | None = None) -> list[Path]:
    """Generate every student notebook, public question file and answer key.

    A student notebook that already holds answers (see :func:`answered_cells`) is never overwritten
    unless ``force`` is given: nothing a student wrote is lost by regenerating.

    Parameters
    ----------
    root : path-like, optional
        The course checkout whose ``exercises/solutions`` are read (default :func:`project_root`).
    out : path-like, optional
        Where to write, with the same layout; default ``root``.
    force : bool
        Overwrite student notebooks even when they hold answers.
    values : dict, optional
        Homework name -> solution values (:func:`ircourse.homework.expected.solution_values`); computed
        by running the solutions (cached) when missing.

    Returns
    -------
    list of pathlib.Path
        The files written.

    Raises
    ------
    ExerciseError
        If a solution notebook breaks the conventions (nothing is written then).
    """
    from . import expected

    root = Path(root) if root else project_root()
    out = Path(out) if out else root
    rendered: dict[Path, str] = {}
    errors = []
    seen: dict[str, str] = {}
    for path in sorted(solutions_dir(root).glob("*.ipynb")):
        try:
            hw = read_solution(path)
        except ExerciseError as exc:
            errors.append(str(exc))
            continue
        for qid in hw.question_ids:
            if qid in seen:
                errors.append(f"question id {qid} is used by {seen[qid]} and {hw.name}")
            seen[qid] = hw.name
        blank = student_notebook(hw)
        target = student_path(hw.name, out)
        if target.exists() and not force:
            answered = answered_cells(target, blank)
            if answered:
                errors.append(f"{target} holds answers ({', '.join(answered)}): it was not overwritten. Move "
                              "it elsewhere first, or pass --force to replace it with the blank notebook.")
                continue
        try:
            hw_values = (values or {}).get(hw.name) or expected.solution_values(hw)
            key = answer_key(hw, hw_values)
        except (expected.TrustedRunError, judge.SpecError) as exc:
            errors.append(f"{hw.name}: {exc}")
            continue
        rendered[target] = render_notebook(blank)
        rendered[public_path(hw.name, out)] = render_json(public_file(hw))
        rendered[key_path(hw.name, out)] = render_json(key)
    if errors:
        raise ExerciseError("\n".join(errors))
    for path, text in rendered.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    return list(rendered)


def stale(root: Path | str | None = None) -> list[str]:
    """Return the generated files that differ from a fresh build (empty when everything is fresh).

    Student notebooks and public files are regenerated and compared byte for byte; an answer key is
    stale when the digest of what it depends on (the solution's cells and the datasets) changed.
    Also reports generated files whose solution notebook no longer exists.
    """
    root = Path(root) if root else project_root()
    problems = []
    expected_files = set()
    for path in sorted(solutions_dir(root).glob("*.ipynb")):
        hw = read_solution(path)
        for target, text in ((student_path(hw.name, root), render_notebook(student_notebook(hw))),
                             (public_path(hw.name, root), render_json(public_file(hw)))):
            expected_files.add(target)
            if not target.is_file():
                problems.append(f"{target.relative_to(root)}: missing (run `ircourse build-exercises`)")
            elif target.read_text(encoding="utf-8") != text:
                problems.append(f"{target.relative_to(root)}: stale (run `ircourse build-exercises`)")
        key = key_path(hw.name, root)
        expected_files.add(key)
        try:
            recorded = json.loads(key.read_text(encoding="utf-8")).get("source")
        except (OSError, ValueError):
            recorded = None
        if recorded != hw.source_hash():
            problems.append(f"{key.relative_to(root)}: stale (run `ircourse build-exercises`)")
    generated = [*(root / "exercises").glob("*.ipynb"),
                 *(root / "src" / "ircourse" / "homework" / "public").glob("*.json"),
                 *(root / "src" / "ircourse" / "homework" / "keys").glob("*.json")]
    for path in sorted(generated):
        if path not in expected_files:
            problems.append(f"{path.relative_to(root)}: no solution notebook generates it (delete it?)")
    return problems


def unexecuted_checks(hw: Homework) -> list[str]:
    """Return the questions whose check cell does not show ``✅`` (or ``📝`` for written) in the saved solution."""
    cells = {c.get("id"): c for c in hw.notebook.cells}
    missing = []
    for q in hw.questions:
        cell = cells[q.check_cell_id]
        text = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")
        ok = text.strip() == i18n.t("check.correct", qid=q.qid) or (
            q.kind == "written" and text.strip().startswith(f"📝 {q.qid}:"))
        if cell.get("execution_count") is None or not ok:
            missing.append(q.qid)
    return missing


def execute_solution(path: Path | str, timeout: int = 300) -> None:
    """Run a solution notebook top to bottom and save it with its outputs (no timing, no widget state)."""
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
    path.write_text(render_notebook(nb), encoding="utf-8", newline="\n")

