"""The interactive prisoner's dilemma of the chapter "Synthesis: interests, power and cooperation"."""

from __future__ import annotations

import ipywidgets as W

from ..cooperation import STANDARD_PAYOFFS, STRATEGIES, Payoffs, play
from ..figures.synthesis import cumulative_payoffs, strategy_name, update_payoff_figure
from ..i18n import t
from .access import explorer_box
from .figure import CourseFigure


class PrisonersDilemmaExplorer:
    """Play two strategies against each other and watch the running totals and every move.

    Parameters
    ----------
    a, b : str
        Initial strategy keys (see :data:`ircourse.cooperation.STRATEGIES`).
    rounds : int
        Initial number of rounds.
    noise : float
        Initial probability that a move is flipped by mistake.
    seed : int
        Initial seed of the random generators (the game is deterministic for a given seed).

    Attributes
    ----------
    figure : CourseFigure
        The chart; a control change updates its traces in place inside ``batch_update``.
    controls : dict of str to ipywidgets.Widget
        ``a`` and ``b`` (Dropdowns), ``rounds`` (IntSlider), ``noise`` (FloatSlider), ``seed``
        (BoundedIntText) and ``T``, ``R``, ``P``, ``S`` (BoundedIntText payoffs).
    message : ipywidgets.HTML
        Says whether the payoffs make a prisoner's dilemma.

    Examples
    --------
    >>> PrisonersDilemmaExplorer("tit_for_tat", "always_defect").widget()  # doctest: +SKIP
    """

    def __init__(self, a: str = "tit_for_tat", b: str = "always_defect", rounds: int = 100,
                 noise: float = 0.0, seed: int = 0) -> None:
        self.payoffs = STANDARD_PAYOFFS
        self.match = play(a, b, rounds, self.payoffs, noise, seed)
        self.figure = CourseFigure(cumulative_payoffs(self.match, a, b, self.payoffs))
        options = [(strategy_name(k), k) for k in STRATEGIES]
        small, narrow = W.Layout(width="150px"), {"description_width": "initial"}
        self.controls = {
            "a": W.Dropdown(options=options, value=a, description=t("syn.controls.a")),
            "b": W.Dropdown(options=options, value=b, description=t("syn.controls.b")),
            "rounds": W.IntSlider(value=rounds, min=10, max=500, step=10,
                                  description=t("syn.controls.rounds"), continuous_update=False),
            "noise": W.FloatSlider(value=noise, min=0.0, max=0.2, step=0.01,
                                   description=t("syn.controls.noise"), readout_format=".0%",
                                   continuous_update=False),
            "seed": W.BoundedIntText(value=seed, min=0, max=9999, description=t("syn.controls.seed"),
                                     layout=small, style=narrow),
        }
        for key, value in zip("TRPS", (self.payoffs.temptation, self.payoffs.reward, self.payoffs.punishment,
                                        self.payoffs.sucker)):
            self.controls[key] = W.BoundedIntText(value=int(value), min=-10, max=20, description=key,
                                                  layout=W.Layout(width="80px"), style=narrow)
        self.message = W.HTML(t("syn.controls.ok"))
        for control in self.controls.values():
            control.observe(self.update, names="value")

    def _payoffs(self) -> Payoffs | None:
        c = self.controls
        try:
            payoffs = Payoffs(c["T"].value, c["R"].value, c["P"].value, c["S"].value)
        except ValueError:
            self.message.value = t("syn.controls.invalid")
            return None
        ok = payoffs.alternation_pays_less
        self.message.value = t("syn.controls.ok") if ok else t("syn.controls.alternation")
        return payoffs

    def update(self, change: dict | None = None) -> None:
        """Replay the match for the current controls and update the chart in one batch.

        Invalid payoffs (not ``T > R > P > S``) leave the chart unchanged and show a message.
        """
        payoffs = self._payoffs()
        if payoffs is None:
            return
        c = self.controls
        self.payoffs = payoffs
        self.match = play(c["a"].value, c["b"].value, c["rounds"].value, payoffs, c["noise"].value,
                          c["seed"].value)
        with self.figure.batch_update():
            update_payoff_figure(self.figure, self.match, c["a"].value, c["b"].value, payoffs)

    def widget(self) -> W.Widget:
        """Return the controls and the chart as one ipywidgets box."""
        c = self.controls
        payoffs = W.HBox([W.Label(t("syn.controls.payoffs")), c["T"], c["R"], c["P"], c["S"], self.message])
        names = {key: t(f"access.payoff.{key}") for key in "TRPS"}
        return explorer_box([W.HBox([c["a"], c["b"]]), W.HBox([c["rounds"], c["noise"], c["seed"]]), payoffs,
                             self.figure], self.figure, names)
