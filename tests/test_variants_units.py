"""Each student's variant and option order follow the documented recipe, so they never change between versions.

A student reads their variant in a notebook run with the version of ``ircourse`` they installed; the
teacher grades later, maybe with another version. Both must derive the same variant and the same
order of options from the same student id, so the recipe (SHA-256 of ``purpose␟homework␟student␟qid``,
a Fisher–Yates shuffle driven by that number) is pinned here by computing it independently with
:mod:`hashlib`.
"""

from __future__ import annotations

import hashlib

import pytest

from ircourse.homework import variants

HOMEWORK = "06_bipolar_world_and_nato"
STUDENTS = ["U2025-001", "U2025-017", "u2025-042", "Ali Valiyev", "", "Ōzbek-7"]


def stream(purpose, homework, student, qid):
    """The documented seed: SHA-256 of the four parts joined by U+001F, read as a big-endian integer."""
    seed = f"{purpose}\x1f{homework}\x1f{student}\x1f{qid}".encode()
    return int.from_bytes(hashlib.sha256(seed).digest(), "big")


def shuffle(homework, student, qid, n):
    """Fisher–Yates from the last position down, the state refilled from ``qid#i`` when it runs out."""
    order = list(range(n))
    state = stream("options", homework, student, qid)
    for i in range(n - 1, 0, -1):
        j = state % (i + 1)
        state //= i + 1
        if state == 0:
            state = stream("options", homework, student, f"{qid}#{i}")
        order[i], order[j] = order[j], order[i]
    return order


@pytest.mark.parametrize("student", STUDENTS)
@pytest.mark.parametrize("n", [2, 3, 13])
def test_variant_index_follows_the_recipe(student, n):
    folded = " ".join(student.split()).casefold()
    for qid in ("hw6_q1", "hw6_q2", "hw1_q4"):
        assert variants.variant_index(HOMEWORK, student, qid, n) == stream("variant", HOMEWORK, folded, qid) % n


def test_two_variants_are_both_given_out():
    assert {variants.variant_index(HOMEWORK, f"U{k}", "hw6_q1", 2) for k in range(40)} == {0, 1}


def test_a_single_variant_is_everyones():
    assert {variants.variant_index(HOMEWORK, f"U{k}", "hw6_q1", 1) for k in range(40)} == {0}
    assert variants.variant_index(HOMEWORK, "U1", "hw6_q1", 0) == 0


@pytest.mark.parametrize("student", STUDENTS)
@pytest.mark.parametrize("n", [2, 4, 5, 26])
def test_option_order_follows_the_recipe(student, n):
    folded = " ".join(student.split()).casefold()
    assert variants.permutation(HOMEWORK, student, "hw6_q6", n) == shuffle(HOMEWORK, folded, "hw6_q6", n)


@pytest.mark.parametrize("n", [60, 120])
def test_long_option_lists_refill_the_stream(n):
    """Past about 57 options the 256 bits of one digest run out; the order still follows the recipe."""
    order = variants.permutation(HOMEWORK, "U2025-001", "q", n)
    assert sorted(order) == list(range(n))
    assert order == shuffle(HOMEWORK, "u2025-001", "q", n)


def test_option_order_and_variant_use_different_streams():
    """Same student and question: the order is not derived from the variant's number (purposes differ)."""
    assert stream("options", HOMEWORK, "u1", "q") != stream("variant", HOMEWORK, "u1", "q")
    orders = {tuple(variants.permutation(HOMEWORK, f"U{k}", "q", 3)) for k in range(60)}
    assert len(orders) == 6


def test_student_ids_are_folded_before_hashing():
    assert variants.normalise_student("  U2025 \t\n 017 ") == "u2025 017"
    assert variants.normalise_student("U2025  -  017") == "u2025 - 017"
    assert variants.normalise_student("ＵＩＤ１") == "uid1"  # full-width forms (NFKC)
    assert variants.normalise_student("STRASSE") == variants.normalise_student("straße")  # case-folded, not lowered


@pytest.mark.parametrize("not_text", [None, 17, b"U1", ["U1"]])
def test_a_missing_or_odd_id_counts_as_no_id(not_text):
    assert variants.normalise_student(not_text) == ""
    assert variants.variant_index(HOMEWORK, not_text, "hw6_q1", 13) == variants.variant_index(HOMEWORK, "", "hw6_q1", 13)


def test_letters_map_to_the_options_shown():
    order = [2, 0, 3, 1]
    assert [variants.letter_to_option(letter, order) for letter in "abcd"] == [2, 0, 3, 1]
    assert [variants.letter_to_option(letter, order) for letter in "ABCD"] == [2, 0, 3, 1]
    assert [variants.option_to_letter(option, order) for option in range(4)] == ["b", "d", "a", "c"]
    for bad in ("e", "z", "", "ab", "1", None, 1):
        assert variants.letter_to_option(bad, order) is None
    assert variants.letter_to_option("c", [0, 1]) is None  # only as many letters as options
