"""ircourse: the helper package of the course "International Relations in the Era of Globalization".

Notebooks use it as ``import ircourse as irc``:

* ``irc.load(name)`` / ``irc.datasets()``: the course datasets (:mod:`ircourse.data`);
* ``irc.figures``: one function per course chart, data in, ``plotly.graph_objects.Figure`` out;
* ``irc.widgets``: interactive explorers (ipywidgets controls driving a ``go.FigureWidget``);
* ``irc.homework.start(...)`` and ``irc.check(question_id, answer)``: personalised homework and
  instant feedback (:mod:`ircourse.homework`);
* ``irc.claims``: the claims register (``irc.claims.box("9.9")``, ``irc.claims.table(chapter=6)``);
* ``irc.glossary``: the course glossary (``irc.glossary.show(chapter=3)``);
* ``irc.fmt``: numbers, percentages and dates for printed output in the student's language
  (``irc.fmt.number(3708)``, ``irc.fmt.percent(0.64)``).

Importing the package registers the course plotly template ``"ircourse"`` and makes it the default.
"""

import sys
from importlib import import_module

# jsonschema's optional IRI format checker, rfc3987_syntax (installed with jupyterlab through
# jupyter-events), builds a grammar on import: about 1 s on the first fig.show() of every kernel, via
# plotly -> nbformat -> jsonschema. Nothing in the course validates IRIs, so it is marked unavailable
# (jsonschema then skips that one format check) unless something already imported it.
sys.modules.setdefault("rfc3987_syntax", None)

from . import figures, maps, theme  # noqa: E402
from .data import datasets, load  # noqa: E402

theme.use()

__all__ = ["check", "claims", "datasets", "figures", "fmt", "glossary", "homework", "load", "maps", "theme",
           "widgets"]
__version__ = "0.1.0"


def __getattr__(name: str):
    """Import the heavier parts (widgets, homework, claims register, glossary, fmt) only when first used."""
    if name in ("widgets", "claims", "glossary", "homework", "fmt"):
        return import_module(f".{name}", __name__)
    if name == "check":
        return import_module(".homework", __name__).check
    raise AttributeError(f"module 'ircourse' has no attribute {name!r}")
