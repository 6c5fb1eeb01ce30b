"""The iterated prisoner's dilemma: when does cooperation survive between self-interested players?

Two players meet again and again. In each round each either cooperates (``"C"``) or defects
(``"D"``). With the payoffs ``T > R > P > S`` (temptation, reward, punishment, sucker's payoff),
defecting is better in any single round whatever the other does, yet two defectors (``P`` each) end
up worse off than two cooperators (``R`` each). Robert Axelrod's computer tournaments (*The Evolution
of Cooperation*, New York: Basic Books, 1984) showed that in the *repeated* game a simple
reciprocating strategy, Anatol Rapoport's tit-for-tat, does very well; the standard payoffs of those
tournaments are ``T, R, P, S = 5, 3, 1, 0``.

Everything here is deterministic: randomness (the "random" and "generous tit-for-tat" strategies, and
the optional noise that flips a move by mistake) comes from a NumPy generator seeded by the caller.

Examples
--------
>>> match = play("tit_for_tat", "always_defect", rounds=10)
>>> int(match["total_a"].iloc[-1]), int(match["total_b"].iloc[-1])
(9, 14)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

COOPERATE, DEFECT = "C", "D"

#: A strategy sees its own past moves, the other's past moves and a seeded generator, and returns a move.
Strategy = Callable[[Sequence[str], Sequence[str], np.random.Generator], str]


@dataclass(frozen=True)
class Payoffs:
    """The four payoffs of a prisoner's dilemma round.

    Parameters
    ----------
    temptation : float
        ``T``: I defect while the other cooperates.
    reward : float
        ``R``: we both cooperate.
    punishment : float
        ``P``: we both defect.
    sucker : float
        ``S``: I cooperate while the other defects.

    Raises
    ------
    ValueError
        If the payoffs are not ordered ``T > R > P > S`` (then the game is not a prisoner's dilemma).
    """

    temptation: float = 5
    reward: float = 3
    punishment: float = 1
    sucker: float = 0

    def __post_init__(self) -> None:
        if not self.temptation > self.reward > self.punishment > self.sucker:
            raise ValueError(
                "a prisoner's dilemma needs T > R > P > S; got "
                f"T={self.temptation}, R={self.reward}, P={self.punishment}, S={self.sucker}"
            )

    @property
    def alternation_pays_less(self) -> bool:
        """Axelrod's second condition ``2R > T + S``: taking turns to exploit each other pays less than
        steady mutual cooperation. If it fails, two players do better by alternating C and D."""
        return 2 * self.reward > self.temptation + self.sucker

    def score(self, a: str, b: str) -> tuple[float, float]:
        """Return the payoffs of players A and B for one round with moves ``a`` and ``b``.

        Examples
        --------
        >>> Payoffs().score("D", "C")
        (5, 0)
        """
        table = {
            (COOPERATE, COOPERATE): (self.reward, self.reward),
            (COOPERATE, DEFECT): (self.sucker, self.temptation),
            (DEFECT, COOPERATE): (self.temptation, self.sucker),
            (DEFECT, DEFECT): (self.punishment, self.punishment),
        }
        return table[(a, b)]


#: Axelrod's tournament payoffs: T, R, P, S = 5, 3, 1, 0.
STANDARD_PAYOFFS = Payoffs(5, 3, 1, 0)


# ------------------------------------------------------------------------------------------ strategies
def always_cooperate(own: Sequence[str], other: Sequence[str], rng: np.random.Generator) -> str:
    """Cooperate in every round."""
    return COOPERATE


def always_defect(own: Sequence[str], other: Sequence[str], rng: np.random.Generator) -> str:
    """Defect in every round."""
    return DEFECT


def tit_for_tat(own: Sequence[str], other: Sequence[str], rng: np.random.Generator) -> str:
    """Cooperate first, then copy the other's last move (Rapoport's entry in Axelrod's tournaments)."""
    return other[-1] if other else COOPERATE


def grim_trigger(own: Sequence[str], other: Sequence[str], rng: np.random.Generator) -> str:
    """Cooperate until the other defects once, then defect for ever."""
    return DEFECT if DEFECT in other else COOPERATE


def random_strategy(own: Sequence[str], other: Sequence[str], rng: np.random.Generator) -> str:
    """Cooperate or defect with probability 1/2 each (from the seeded generator)."""
    return COOPERATE if rng.random() < 0.5 else DEFECT


#: Share of the other's defections that generous tit-for-tat forgives (Nowak & Sigmund 1992 give 1/3
#: for the standard payoffs).
GENEROSITY = 1 / 3


def generous_tit_for_tat(own: Sequence[str], other: Sequence[str], rng: np.random.Generator) -> str:
    """Tit-for-tat that forgives a defection with probability :data:`GENEROSITY` (from the generator)."""
    if not other or other[-1] == COOPERATE:
        return COOPERATE
    return COOPERATE if rng.random() < GENEROSITY else DEFECT


#: The strategies by key, in the order the course shows them.
STRATEGIES: dict[str, Strategy] = {
    "always_cooperate": always_cooperate,
    "always_defect": always_defect,
    "tit_for_tat": tit_for_tat,
    "grim_trigger": grim_trigger,
    "random": random_strategy,
    "generous_tit_for_tat": generous_tit_for_tat,
}


def _strategy(name: str) -> Strategy:
    try:
        return STRATEGIES[name]
    except KeyError:
        raise KeyError(f"unknown strategy {name!r}; choose one of {', '.join(STRATEGIES)}") from None


# ------------------------------------------------------------------------------------------- playing
def play(a: str, b: str, rounds: int = 200, payoffs: Payoffs = STANDARD_PAYOFFS, noise: float = 0.0,
         seed: int = 0) -> pd.DataFrame:
    """Play ``rounds`` rounds of the prisoner's dilemma between strategies ``a`` and ``b``.

    Parameters
    ----------
    a, b : str
        Keys of :data:`STRATEGIES`.
    rounds : int
        Number of rounds (at least 1).
    payoffs : Payoffs
        The payoff table (default: Axelrod's 5, 3, 1, 0).
    noise : float
        Probability, between 0 and 0.5, that a player's intended move is flipped by mistake in a round
        (a misread signal, an accident). Both players then remember the move actually made.
    seed : int
        Seed of the random generators (one independent stream for each player and one for the noise),
        so the same arguments always give the same match.

    Returns
    -------
    DataFrame
        One row per round: ``round`` (1, 2, ...), ``intended_a``, ``intended_b``, ``move_a``, ``move_b``
        (after noise), ``payoff_a``, ``payoff_b`` and the running totals ``total_a``, ``total_b``.

    Raises
    ------
    ValueError
        If ``rounds`` < 1 or ``noise`` is outside [0, 0.5].
    KeyError
        If a strategy name is unknown.
    """
    if int(rounds) != rounds or rounds < 1:
        raise ValueError(f"rounds must be a whole number >= 1, not {rounds!r}")
    if not 0 <= noise <= 0.5:
        raise ValueError(f"noise must be between 0 and 0.5, not {noise!r}")
    strategy_a, strategy_b = _strategy(a), _strategy(b)
    rng_a, rng_b, rng_noise = (np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(3))
    moves_a: list[str] = []
    moves_b: list[str] = []
    rows = []
    flip = {COOPERATE: DEFECT, DEFECT: COOPERATE}
    for r in range(1, int(rounds) + 1):
        want_a = strategy_a(moves_a, moves_b, rng_a)
        want_b = strategy_b(moves_b, moves_a, rng_b)
        slip_a, slip_b = rng_noise.random(2) < noise if noise > 0 else (False, False)
        move_a = flip[want_a] if slip_a else want_a
        move_b = flip[want_b] if slip_b else want_b
        moves_a.append(move_a)
        moves_b.append(move_b)
        pay_a, pay_b = payoffs.score(move_a, move_b)
        rows.append((r, want_a, want_b, move_a, move_b, pay_a, pay_b))
    match = pd.DataFrame(rows, columns=["round", "intended_a", "intended_b", "move_a", "move_b", "payoff_a",
                                        "payoff_b"])
    match["total_a"] = match["payoff_a"].cumsum()
    match["total_b"] = match["payoff_b"].cumsum()
    return match


def summary(match: pd.DataFrame) -> dict:
    """Return the totals of a match and how often the players cooperated.

    Returns
    -------
    dict
        ``total_a``, ``total_b``, ``mutual_cooperation`` (share of rounds in which both cooperated),
        ``mutual_defection`` (share in which both defected) and ``mistakes`` (moves flipped by noise).
    """
    both_c = (match["move_a"] == COOPERATE) & (match["move_b"] == COOPERATE)
    both_d = (match["move_a"] == DEFECT) & (match["move_b"] == DEFECT)
    slips = (match["move_a"] != match["intended_a"]).sum() + (match["move_b"] != match["intended_b"]).sum()
    mistakes = int(slips)
    return {
        "total_a": float(match["total_a"].iloc[-1]),
        "total_b": float(match["total_b"].iloc[-1]),
        "mutual_cooperation": float(both_c.mean()),
        "mutual_defection": float(both_d.mean()),
        "mistakes": mistakes,
    }


def tournament(names: Sequence[str] | None = None, rounds: int = 200, payoffs: Payoffs = STANDARD_PAYOFFS,
               noise: float = 0.0, seed: int = 0, self_play: bool = True) -> pd.DataFrame:
    """Round robin in Axelrod's style: every strategy meets every other (and, by default, its twin).

    Parameters
    ----------
    names : sequence of str, optional
        Strategy keys (default: all of :data:`STRATEGIES`).
    rounds, payoffs, noise, seed
        As in :func:`play`; each match gets its own seed derived from ``seed`` and the pairing.
    self_play : bool
        Include a match of each strategy against a copy of itself, as Axelrod's tournaments did.

    Returns
    -------
    DataFrame
        One row per strategy and opponent: ``strategy``, ``opponent``, ``score`` (total payoff of
        ``strategy`` in that match) and ``per_round`` (score / rounds).
    """
    names = list(names) if names is not None else list(STRATEGIES)
    rows = []
    for i, a in enumerate(names):
        for j, b in enumerate(names):
            if j < i or (i == j and not self_play):
                continue
            match = play(a, b, rounds, payoffs, noise, seed=seed * 1_000_003 + i * 1_000 + j)
            rows.append((a, b, float(match["total_a"].iloc[-1])))
            if i != j:
                rows.append((b, a, float(match["total_b"].iloc[-1])))
    out = pd.DataFrame(rows, columns=["strategy", "opponent", "score"])
    out["per_round"] = out["score"] / rounds
    return out
