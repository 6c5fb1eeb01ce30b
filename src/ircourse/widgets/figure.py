"""The chart of every explorer: plotly's ``FigureWidget``, loaded once per page and as wide as its output.

plotly's ``go.FigureWidget`` is an anywidget whose front-end module is the whole of plotly.js (about
5 MB of JavaScript, sent with every widget). Two things go wrong with it in a classroom:

* **It is drawn 700 px wide** (plotly's default) whatever the width of the output area, because the
  chart is drawn before JupyterLab attaches it to the page, and it never follows a resize.
* **It can stay empty for good.** anywidget gives a widget's module two seconds to load; on a busy
  machine parsing 5 MB of JavaScript takes longer, anywidget then drops every message for that
  widget, including the one carrying the chart's data: the chart shows empty axes (-1 to 6) and no
  control revives it (seen in one classroom run of three, on the first explorer of chapter 2).

:class:`CourseFigure` keeps plotly's own front end but loads it differently: its anywidget module is
a few lines (:data:`LOADER_JS`) that load anywidget fast, then import plotly's module once per page
(shared by every explorer on it) and draw the chart with it. The loader then keeps the chart as wide
as its output area with a ``ResizeObserver`` (plotly's ``responsive`` resize), and, for a map whose
``layout.meta["fitbounds"]`` gives ``[west, south, east, north]``, zooms so that the region's
longitudes fill the new width.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import plotly
import plotly.graph_objects as go
import traitlets

from .. import theme

#: plotly's own front-end module for ``FigureWidget`` (plotly.js and its widget view).
PLOTLY_WIDGET_JS = Path(plotly.__file__).parent / "package_data" / "widgetbundle.js"

#: Chart options of every explorer: the course's (follow the width of the page; no plotly logo).
CONFIG = theme.CONFIG

LOADER_JS = r"""
// ircourse: load plotly's FigureWidget module once per page, draw with it, follow the width.
function plotlyWidgetModule(model) {
  const key = "__ircoursePlotlyWidget_" + model.get("_plotly_version");
  if (!window[key]) {
    const url = URL.createObjectURL(new Blob([model.get("_plotly_esm")], { type: "text/javascript" }));
    window[key] = import(/* webpackIgnore: true */ url).finally(() => URL.revokeObjectURL(url));
  }
  return window[key];
}

function fitMap(el) {
  const bounds = el.layout && el.layout.meta && el.layout.meta.fitbounds;
  const map = el._fullLayout && el._fullLayout.map && el._fullLayout.map._subplot && el._fullLayout.map._subplot.map;
  if (!bounds || !map) { return; }
  map.resize();
  const width = map.getContainer().clientWidth;
  // The reader's own pan and zoom stay until the chart's width changes.
  if (el.__ircourseMoved && el.__ircourseWidth === width) { return; }
  el.__ircourseMoved = false;
  el.__ircourseWidth = width;
  // The region's longitudes fill the width exactly (MapLibre: the world is 512 * 2**zoom px wide);
  // in a box wider than the region, its far north and south are cropped rather than the world
  // repeated left and right of it.
  const mercator = (lat) => Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360));
  const middle = (mercator(bounds[1]) + mercator(bounds[3])) / 2;
  const lat = (2 * Math.atan(Math.exp(middle)) - Math.PI / 2) * 180 / Math.PI;
  const lon = (bounds[0] + bounds[2]) / 2;
  const zoom = Math.log2((width - 8) / 512 * 360 / (bounds[2] - bounds[0]));
  const now = map.getCenter();
  if (Math.abs(map.getZoom() - zoom) < 0.01 && Math.abs(now.lng - lon) < 0.1 && Math.abs(now.lat - lat) < 0.1) { return; }
  el.__ircourseFitting = true;
  map.jumpTo({ center: [lon, lat], zoom: zoom });
  setTimeout(() => { el.__ircourseFitting = false; }, 0);
}

function followWidth(el) {
  el.style.width = "100%";
  el.style.minWidth = "0";
  let timer = null;
  let tries = 0;
  const resize = () => {
    timer = null;
    const now = el.clientWidth;
    const drawn = el._fullLayout ? el._fullLayout.width : 0;
    if (!now || Math.abs(now - drawn) < 1 || tries > 20) { return; }
    tries += 1;
    if (!el._responsiveChartHandler) { timer = setTimeout(resize, 200); return; }
    // A width that came back from the kernel (plotly reports each redraw's size to Python) would
    // pin the chart: the box decides.
    if (el.layout) { delete el.layout.width; el.layout.autosize = true; }
    el._responsiveChartHandler();
    // Look again: an update from the kernel during plotly's redraw delay cancels the redraw.
    timer = setTimeout(resize, 500);
  };
  const observer = new ResizeObserver(() => { tries = 0; if (!timer) { timer = setTimeout(resize, 50); } });
  observer.observe(el);
  let hooked = false;
  const hook = setInterval(() => {
    if (hooked || typeof el.on !== "function" || !el._fullLayout) { return; }
    hooked = true;
    clearInterval(hook);
    el.on("plotly_afterplot", () => fitMap(el));
    el.on("plotly_relayout", (change) => {
      if (!el.__ircourseFitting && change && ("map.center" in change || "map.zoom" in change)) { el.__ircourseMoved = true; }
    });
    fitMap(el);
  }, 100);
  return () => { observer.disconnect(); clearInterval(hook); if (timer) { clearTimeout(timer); } };
}

export default {
  async render({ model, el }) {
    const module = await plotlyWidgetModule(model);
    const widget = typeof module.default === "function" ? await module.default() : module.default;
    await widget.initialize({ model });
    const cleanup = await widget.render({ model, el });
    const stop = followWidth(el);
    return () => { stop(); if (typeof cleanup === "function") { cleanup(); } };
  },
};
"""


@lru_cache(maxsize=1)
def plotly_widget_js() -> str:
    """Return plotly's ``FigureWidget`` front-end module (read once)."""
    return PLOTLY_WIDGET_JS.read_text(encoding="utf-8")


class CourseFigure(go.FigureWidget):
    """A ``go.FigureWidget`` that always renders, once per page, at the width of its output area.

    Use it exactly like ``go.FigureWidget``: ``CourseFigure(fig)``, then update its traces inside
    ``batch_update()``. ``_config`` starts as :data:`CONFIG`; add options with
    ``figure._config = {**figure._config, ...}``.
    """

    _esm = LOADER_JS
    _plotly_esm = traitlets.Unicode().tag(sync=True)
    _plotly_version = traitlets.Unicode(plotly.__version__).tag(sync=True)

    # Defaults, not assignments: they travel with the widget's first message, before any other.
    @traitlets.default("_plotly_esm")
    def _default_plotly_esm(self) -> str:
        return plotly_widget_js()

    def __init__(self, data=None, layout=None, frames=None, skip_invalid=False, **kwargs) -> None:
        super().__init__(data, layout, frames, skip_invalid, **kwargs)
        self._config = {**CONFIG, **(self._config or {})}
