"""The iterated prisoner's dilemma of chapter 8 (ircourse.cooperation)."""

from __future__ import annotations

import pytest

from ircourse.cooperation import STANDARD_PAYOFFS, STRATEGIES, Payoffs, play, summary, tournament


def totals(match):
    return float(match["total_a"].iloc[-1]), float(match["total_b"].iloc[-1])


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("tit_for_tat", "always_defect", (199, 204)),   # sucker once, then mutual defection
        ("always_cooperate", "always_defect", (0, 1000)),
        ("tit_for_tat", "tit_for_tat", (600, 600)),
        ("grim_trigger", "always_cooperate", (600, 600)),
        ("always_defect", "always_defect", (200, 200)),
        ("grim_trigger", "always_defect", (199, 204)),
    ],
)
def test_known_matches_with_the_standard_payoffs(a, b, expected):
    assert totals(play(a, b, rounds=200)) == expected


def test_match_table_is_complete_and_consistent():
    match = play("tit_for_tat", "random", rounds=50, seed=3)
    assert match["round"].tolist() == list(range(1, 51))
    assert (match["intended_a"] == match["move_a"]).all()  # no noise: no mistakes
    # tit-for-tat copies the other's previous move
    assert (match["move_a"].iloc[1:].to_numpy() == match["move_b"].iloc[:-1].to_numpy()).all()
    assert match["total_a"].iloc[-1] == match["payoff_a"].sum()


def test_seeded_randomness_is_reproducible():
    first = play("random", "generous_tit_for_tat", 100, noise=0.1, seed=7)
    again = play("random", "generous_tit_for_tat", 100, noise=0.1, seed=7)
    other = play("random", "generous_tit_for_tat", 100, noise=0.1, seed=8)
    assert first.equals(again) and not first.equals(other)


def test_noise_breaks_cooperation_between_reciprocators():
    clean = summary(play("tit_for_tat", "tit_for_tat", 200))
    noisy = summary(play("tit_for_tat", "tit_for_tat", 200, noise=0.05, seed=1))
    assert clean["mutual_cooperation"] == 1.0 and clean["mistakes"] == 0
    assert noisy["mistakes"] > 0 and noisy["total_a"] < 600 and noisy["mutual_cooperation"] < 0.9
    grim = summary(play("grim_trigger", "grim_trigger", 200, noise=0.05, seed=1))
    generous = summary(play("generous_tit_for_tat", "generous_tit_for_tat", 200, noise=0.05, seed=1))
    assert grim["mutual_cooperation"] < noisy["mutual_cooperation"] < generous["mutual_cooperation"]


def test_payoffs_must_make_a_dilemma():
    assert STANDARD_PAYOFFS.score("D", "C") == (5, 0) and STANDARD_PAYOFFS.alternation_pays_less
    with pytest.raises(ValueError, match="T > R > P > S"):
        Payoffs(3, 5, 1, 0)
    assert not Payoffs(7, 3, 1, 0).alternation_pays_less
    assert totals(play("tit_for_tat", "always_defect", 10, Payoffs(10, 6, 2, 1))) == (1 + 9 * 2, 10 + 9 * 2)


def test_bad_arguments_are_clear_errors():
    with pytest.raises(KeyError, match="unknown strategy"):
        play("nice", "tit_for_tat")
    with pytest.raises(ValueError, match="rounds"):
        play("tit_for_tat", "tit_for_tat", rounds=0)
    with pytest.raises(ValueError, match="noise"):
        play("tit_for_tat", "tit_for_tat", noise=0.9)


def test_tournament_is_a_full_round_robin():
    table = tournament(rounds=100, seed=2)
    n = len(STRATEGIES)
    assert len(table) == n * n  # every ordered pairing, self-play included
    pivot = table.pivot(index="strategy", columns="opponent", values="score")
    assert pivot.loc["always_defect", "always_cooperate"] == 500
    assert pivot.loc["tit_for_tat", "tit_for_tat"] == 300
    assert len(tournament(["tit_for_tat", "always_defect"], rounds=10, self_play=False)) == 2
