"""The homework files shipped with the course: public question files and hashed answer keys.

For each homework ``NN_topic`` the package holds two generated files (``ircourse build-exercises``
writes them from the solution notebook; never edit them by hand):

``homework/public/NN_topic.json``
    What a student may see: each question's kind, points, hint, the template of its personalised
    text and its variants' parameters, and the options of a multiple-choice question in a neutral
    order. The grading sandbox can read it.
``homework/keys/NN_topic.json``
    The formative answer key: for each question and each variant, the expected answer as salted
    SHA-256 digests (:func:`ircourse.homework.judge.encode` with a salt). It lets ``irc.check`` tell
    a student whether an answer is right without showing the answer. It is feedback, not protection:
    the answer spaces are small and the solutions of an open course are public. The grading sandbox
    cannot read it, and grades never depend on it (:mod:`ircourse.homework.grader`).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
PUBLIC_DIR = HERE / "public"
KEYS_DIR = HERE / "keys"
FORMAT = 2


def _stamp(folder: Path) -> tuple:
    files = sorted(folder.glob("*.json")) if folder.is_dir() else []
    return tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in files)


@lru_cache(maxsize=8)
def _read_folder(folder: Path, stamp: tuple) -> dict[str, dict]:
    out = {}
    for name, _, _ in stamp:
        data = json.loads((folder / name).read_text(encoding="utf-8"))
        out[data["homework"]] = data
    return out


def public_dir() -> Path:
    """Return the folder of public question files (``$IRCOURSE_PUBLIC_DIR`` overrides, for the trusted run)."""
    import os

    return Path(os.environ["IRCOURSE_PUBLIC_DIR"]) if os.environ.get("IRCOURSE_PUBLIC_DIR") else PUBLIC_DIR


def public_files() -> dict[str, dict]:
    """Return every public question file, homework name -> content."""
    folder = public_dir()
    return _read_folder(folder, _stamp(folder))


def key_files() -> dict[str, dict]:
    """Return every hashed answer key, homework name -> content (raises if a file is unreadable)."""
    return _read_folder(KEYS_DIR, _stamp(KEYS_DIR))


def homework_of(qid: str) -> str | None:
    """Return the homework that has question ``qid``, or None."""
    for name, data in public_files().items():
        if qid in data["questions"]:
            return name
    return None


def find_homework(ref: str) -> str | None:
    """Return the full homework name for ``"06"``, ``"6"`` or ``"06_bipolar_world_and_nato"``, or None."""
    names = sorted(public_files())
    text = str(ref).strip()
    if text in names:
        return text
    if text.isdigit():
        matches = [n for n in names if n.split("_", 1)[0] == f"{int(text):02d}"]
        return matches[0] if len(matches) == 1 else None
    return None


def all_question_ids() -> list[str]:
    """Return every question id of every installed homework."""
    return [qid for data in public_files().values() for qid in data["questions"]]
