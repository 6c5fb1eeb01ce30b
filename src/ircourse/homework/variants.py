"""Every student gets their own variant of a homework, derived from their student id.

A question may list ``variants`` (sets of parameters: which year, which country, which source); a
student's variant of it is chosen by a hash of the homework, the student id and the question id, so
it is the same on every run and on every machine, differs from question to question, and cannot be
chosen by the student (short of using a classmate's id, which the grader reports). The options of a
multiple-choice question are shown in an order derived the same way.

Examples
--------
>>> variant_index("06_bipolar_world_and_nato", "U2023-017", "hw6_q1", 1)
0
>>> sorted(permutation("06_bipolar_world_and_nato", "U2023-017", "hw6_q6", 4))
[0, 1, 2, 3]
"""

from __future__ import annotations

import hashlib
import re
import unicodedata


def normalise_student(student: object) -> str:
    """Return a student id folded for hashing: NFKC, no outer spaces, single inner spaces, case-folded.

    ``" U2023-017 "`` and ``"u2023-017"`` are the same student.

    >>> normalise_student("  U2023 - 017 ")
    'u2023 - 017'
    """
    if not isinstance(student, str):
        return ""
    text = unicodedata.normalize("NFKC", student)
    return re.sub(r"\s+", " ", text).strip().casefold()


def _stream(homework: str, student: str, qid: str, purpose: str) -> int:
    seed = "\x1f".join((purpose, homework, normalise_student(student), qid)).encode("utf-8")
    return int.from_bytes(hashlib.sha256(seed).digest(), "big")


def variant_index(homework: str, student: str, qid: str, n: int) -> int:
    """Return which of ``n`` variants of question ``qid`` the student gets (0 when ``n`` <= 1)."""
    if n <= 1:
        return 0
    return _stream(homework, student, qid, "variant") % n


def permutation(homework: str, student: str, qid: str, n: int) -> list[int]:
    """Return the display order of ``n`` options: position ``i`` shows option ``result[i]``.

    A Fisher–Yates shuffle driven by SHA-256, so the order does not depend on Python's ``random``.
    """
    order = list(range(n))
    state = _stream(homework, student, qid, "options")
    for i in range(n - 1, 0, -1):
        state, j = divmod(state, i + 1)
        if state == 0:  # refill the stream for long option lists
            state = _stream(homework, student, qid + f"#{i}", "options")
        order[i], order[j] = order[j], order[i]
    return order


LETTERS = "abcdefghijklmnopqrstuvwxyz"


def letter_to_option(letter: str, order: list[int]) -> int | None:
    """Return the option index shown under ``letter`` (``"a"`` is the first shown), or None."""
    if not isinstance(letter, str) or len(letter) != 1 or letter.lower() not in LETTERS[: len(order)]:
        return None
    return order[LETTERS.index(letter.lower())]


def option_to_letter(option: int, order: list[int]) -> str:
    """Return the letter under which option ``option`` is shown."""
    return LETTERS[order.index(option)]
