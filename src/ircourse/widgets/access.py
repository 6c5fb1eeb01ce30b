"""Explorers for every student: the chart's text alternative under it, and controls a keyboard can reach.

ipywidgets 8 gives most controls an accessible name already (a ``description`` is a ``<label for=...>``
of the ``<select>`` or ``<input>``; a checkbox's description is the label wrapping it; a toggle button
is named by its text) and every control is reached with Tab and worked with the arrows, Enter or
Space. Three things are missing in what it renders (measured with axe-core in Voila):

* a slider's handle (``role="slider"``, noUiSlider) has no name: axe's *aria-input-field-name*,
  serious. Its description label is not tied to it, and its editable readout has no role or name;
* a row of toggle buttons does not say which button is on (only a CSS class does), nor what the
  row chooses (its description is a loose label);
* in JupyterLab, the arrow keys pressed on a list or a slider move the notebook to the next cell
  instead (command-mode shortcuts are matched before the control sees the key);
* the focus indicator of JupyterLab's widget theme is a 1 px border colour change, a slider
  handle shows none, and the chart's tool bar buttons (plotly's modebar, shown on mouse hover) stay
  invisible when Tab reaches them.

:class:`ChartCaption` fixes these from the page, for the explorer it sits in (the box made by
:func:`explorer_box`): it names each slider handle after its description (``"Years (from)"``,
``"Years (to)"`` for a range), gives the readout ``role="textbox"`` and a name, turns a toggle-button
row into a named ``role="group"`` whose buttons carry ``aria-pressed``, marks every control
``data-lm-suppress-shortcuts`` (Lumino then leaves its keys to it), drops the ``title="null"``
tooltips ipywidgets writes on labels, and draws a 3 px focus outline on every control
(:data:`CAPTION_CSS`), also on the chart's tool bar, which it shows while a button of it has the focus.
It also shows, under the chart, the chart's text alternative
(``layout.meta["summary"]``, see :mod:`ircourse.figures.common`) in a polite live region, so that a
screen reader reads the new summary after a control changes the chart; the chart itself gets
``role="figure"``, its title as its name and the caption as its description.

The fixes are attributes set in the browser; nothing of ipywidgets is replaced. They follow the
widgets as they are re-rendered (a ``MutationObserver`` on the explorer's box).
"""

from __future__ import annotations

from collections.abc import Iterable

import anywidget
import ipywidgets as W
import traitlets

from ..figures.common import summary_of
from ..i18n import t

#: CSS class of an explorer's outer box: the scope of :data:`CAPTION_CSS` and of the fixes.
EXPLORER_CLASS = "ircourse-explorer"

#: The focus indicator of every control of an explorer (Okabe-Ito blue, 3 px, outside a white ring so
#: that it shows on blue buttons too), and the caption's type.
CAPTION_CSS = """
.ircourse-explorer :focus-visible {
  outline: 3px solid #0072B2 !important;
  outline-offset: 2px !important;
  box-shadow: 0 0 0 2px #FFFFFF !important;
}
.ircourse-explorer .noUi-handle:focus-visible { z-index: 10; }
/* plotly shows its tool bar on mouse hover only: a button reached with Tab must show too */
.ircourse-explorer .modebar:focus-within, .ircourse-explorer .modebar:focus-within .modebar-group {
  opacity: 1 !important;
  transition: none !important;
}
.ircourse-caption {
  margin: 4px 8px 12px 8px;
  max-width: 60em;
  font-size: 14px;
  line-height: 1.45;
  color: #222222;
}
"""

CAPTION_JS = r"""
// ircourse: the chart's summary under it, and names, states and focus for the explorer's controls.
let counter = 0;

function labelOf(widget) {
  const label = widget.querySelector(':scope > .widget-label');
  return label ? label.textContent.replace(/\u200b/g, '').trim() : '';
}

function setAttr(el, name, value) {
  if (el.getAttribute(name) !== value) { el.setAttribute(name, value); }
}

function enhance(box, model, caption) {
  const names = model.get('names') || {};
  const words = model.get('words') || {};
  const named = (label) => names[label] || label;
  // JupyterLab's command-mode shortcuts (arrows move between cells, A and B insert cells...) are
  // matched on the focused element before it sees the key: an explorer's keys belong to its controls.
  box.querySelectorAll('select, input, textarea, button, [role="slider"], [contenteditable], [tabindex]')
    .forEach((c) => setAttr(c, 'data-lm-suppress-shortcuts', 'true'));
  box.querySelectorAll('.widget-label[title="null"]').forEach((l) => l.removeAttribute('title'));
  box.querySelectorAll('.widget-slider').forEach((w) => {
    const name = named(labelOf(w));
    if (!name) { return; }
    const handles = w.querySelectorAll('.noUi-handle');
    handles.forEach((h, i) => {
      setAttr(h, 'aria-label', handles.length > 1 ? `${name} (${i ? words.to : words.from})` : name);
    });
    const readout = w.querySelector('.widget-readout');
    if (readout) {
      setAttr(readout, 'role', 'textbox');
      setAttr(readout, 'aria-label', `${name}: ${words.readout}`);
    }
  });
  box.querySelectorAll('.widget-toggle-buttons').forEach((w) => {
    const row = w.querySelector(':scope > div');
    const name = named(labelOf(w));
    if (row) {
      setAttr(row, 'role', 'group');
      if (name) { setAttr(row, 'aria-label', name); }
    }
    w.querySelectorAll('button')
      .forEach((b) => setAttr(b, 'aria-pressed', String(b.classList.contains('mod-active'))));
  });
  box.querySelectorAll('.widget-text, .widget-dropdown, .widget-select').forEach((w) => {
    const label = labelOf(w);
    const field = w.querySelector('input, select');
    if (field && names[label]) { setAttr(field, 'aria-label', names[label]); }
  });
  const chart = box.querySelector('.js-plotly-plot');
  if (chart) {
    const title = chart.layout && chart.layout.title ? (chart.layout.title.text || '') : '';
    setAttr(chart, 'role', 'figure');
    const plain = title.replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
    setAttr(chart, 'aria-label', plain || words.chart);
    setAttr(chart, 'aria-describedby', caption.id);
  }
}

export default {
  render({ model, el }) {
    const caption = document.createElement('p');
    counter += 1;
    caption.id = `ircourse-caption-${Date.now().toString(36)}-${counter}`;
    caption.className = 'ircourse-caption';
    caption.setAttribute('role', 'status');
    caption.setAttribute('aria-live', 'polite');
    caption.textContent = model.get('text');
    el.appendChild(caption);
    const onText = () => { caption.textContent = model.get('text'); };
    model.on('change:text', onText);

    let box = null;
    let observer = null;
    let frame = 0;
    const schedule = () => {
      if (frame) { return; }
      frame = requestAnimationFrame(() => { frame = 0; if (box) { enhance(box, model, caption); } });
    };
    let tries = 0;
    const find = setInterval(() => {
      tries += 1;
      box = el.closest('.ircourse-explorer');
      if (!box && tries < 600) { return; }
      clearInterval(find);
      if (!box) { return; }
      enhance(box, model, caption);
      observer = new MutationObserver(schedule);
      observer.observe(box, { subtree: true, childList: true, attributes: true,
                              attributeFilter: ['class', 'title'] });
    }, 50);
    return () => {
      clearInterval(find);
      if (observer) { observer.disconnect(); }
      if (frame) { cancelAnimationFrame(frame); }
      model.off('change:text', onText);
    };
  },
};
"""


class ChartCaption(anywidget.AnyWidget):
    """The text alternative of an explorer's chart, shown under it, and the accessibility fixes of its box.

    Parameters
    ----------
    text : str
        The summary shown (and announced to screen readers when it changes).
    names : dict of str to str, optional
        Accessible names for controls whose visible description is too short to say what they are
        (``{"T": "T, the temptation payoff"}``), keyed by the description.

    Notes
    -----
    :func:`explorer_box` makes one that follows a chart's ``layout.meta["summary"]``.
    """

    _esm = CAPTION_JS
    _css = CAPTION_CSS
    text = traitlets.Unicode("").tag(sync=True)
    names = traitlets.Dict().tag(sync=True)
    words = traitlets.Dict().tag(sync=True)

    def __init__(self, text: str = "", names: dict[str, str] | None = None, **kwargs) -> None:
        words = {"from": t("access.range.from"), "to": t("access.range.to"),
                 "readout": t("access.readout"), "chart": t("access.chart")}
        super().__init__(text=text, names=dict(names or {}), words=words, **kwargs)


def caption_for(figure, names: dict[str, str] | None = None) -> ChartCaption:
    """Return a :class:`ChartCaption` that shows ``figure``'s summary and follows its changes.

    Parameters
    ----------
    figure : plotly.graph_objects.FigureWidget
        The explorer's chart; its ``layout.meta["summary"]`` is set by the course figure functions
        and by the explorer after every change (:func:`ircourse.figures.common.describe`).
    names : dict of str to str, optional
        See :class:`ChartCaption`.
    """
    caption = ChartCaption(summary_of(figure), names)

    def follow(layout, meta) -> None:
        caption.text = meta.get("summary", "") if isinstance(meta, dict) else ""

    figure.layout.on_change(follow, "meta")
    return caption


def explorer_box(children: Iterable[W.Widget], figure, names: dict[str, str] | None = None) -> W.VBox:
    """Return an explorer's controls and chart as one box, with the chart's caption under it.

    Parameters
    ----------
    children : iterable of ipywidgets.Widget
        The rows of controls and the chart, top to bottom.
    figure : plotly.graph_objects.FigureWidget
        The chart among ``children``.
    names : dict of str to str, optional
        Accessible names for controls with terse descriptions (see :class:`ChartCaption`).

    Returns
    -------
    ipywidgets.VBox
        With the CSS class :data:`EXPLORER_CLASS`; its last child is the :class:`ChartCaption`.
    """
    box = W.VBox([*children, caption_for(figure, names)])
    box.add_class(EXPLORER_CLASS)
    return box
