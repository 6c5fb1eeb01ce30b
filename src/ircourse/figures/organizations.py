"""Charts of the chapter "Actors: states and international organizations"."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from .. import fmt
from ..i18n import t
from ..theme import ACTOR_COLORS, OKABE_ITO
from .common import describe, frame, header

#: The three organizations whose membership the chapter follows, in trace order.
#: The keys are the course's actor names (colours in :data:`ircourse.theme.ACTOR_COLORS`).
GROWTH_ORGS = ("UN", "ASEAN", "Arab League")

#: Row of each actor in the ``organizations`` dataset.
ORG_ROW = {"UN": "UN", "ASEAN": "ASEAN", "Arab League": "League of Arab States"}

#: Short name of each actor in the COW IGO v3 data (``igo_membership_counts.ioname``).
COW_NAME = {"UN": "UN", "ASEAN": "ASEAN", "Arab League": "LOAS"}

GROWTH_SOURCE = ("UN, 'Growth in United Nations membership' (un.org), year-end counts "
                 "(fact sheet Table C);<br>"
                 "ASEAN Declaration 1967, asean.org (Table D); "
                 "Pact of the League of Arab States 1945, las.int (Table E)")
COW_SOURCE = "dotted: COW IGO v3 (Pevehouse et al. 2020), states of the COW system only, to 2014"
FOUNDING_SOURCE = ("founding instruments and official member lists of each organization;<br>"
                   "wftucentral.org (fact sheet Table F; counts checked early 2026)")

# Height of each founding label, as a share of the y axis: the UN's and the Arab League's (both 1945)
# are stacked so that they do not collide.
_LABEL_HEIGHT = {"UN": 0.80, "ASEAN": 0.93, "Arab League": 0.93}


def _day(iso: str) -> str:
    """``"1945-10-24"`` -> ``"24 Oct 1945"`` (English month abbreviations, as in the fact sheet)."""
    ts = pd.Timestamp(iso)
    return f"{ts.day} {ts:%b %Y}"


def _wrap(text: str, width: int = 60) -> str:
    return "<br>".join(textwrap.wrap(text, width)) if text else ""


def membership_series(un_membership: pd.DataFrame, asean_members: pd.DataFrame,
                      arab_league_members: pd.DataFrame, organizations: pd.DataFrame,
                      until: str = "2025-12-31") -> pd.DataFrame:
    """Put the membership of the UN, ASEAN and the League of Arab States in one tidy table.

    The UN is counted on 31 December of each year (``un_membership``, the UN's own convention),
    starting with the 51 original members on the day the Charter entered into force; ASEAN and the
    Arab League are counted on each admission date. Every series is extended to ``until`` so that
    the lines end together.

    Parameters
    ----------
    un_membership, asean_members, arab_league_members, organizations : DataFrame
        The course datasets of the same names.
    until : str
        ISO date at which every series ends (a fixed date keeps notebooks deterministic).

    Returns
    -------
    DataFrame
        One row per organization and date: ``organization`` (``"UN"``, ``"ASEAN"``, ``"Arab League"``),
        ``date`` (ISO), ``members``, ``pct_today`` (members as % of the last count), ``kind``
        (``"founding"``, ``"change"``, ``"year-end"`` or ``"until"``), ``checkpoint`` (UN rows: the UN
        publishes this year's count) and ``label`` (hover text).
    """
    rows = []
    orgs = organizations.set_index("organization")

    un_row = orgs.loc[ORG_ROW["UN"]]
    first = un_membership.sort_values("year").iloc[0]
    rows.append(dict(organization="UN", date=un_row["in_force"], members=int(first["members"]),
                     kind="founding", checkpoint=bool(first["checkpoint"]),
                     label=t("orgs.label.un_founding", date=_day(un_row["in_force"]),
                             signed=_day(un_row["founded"]), members=int(first["members"]))))
    for _, r in un_membership.sort_values("year").iterrows():
        if int(r["year"]) == int(first["year"]):
            continue
        status = t("orgs.checkpoint.yes" if r["checkpoint"] else "orgs.checkpoint.no")
        note = "" if pd.isna(r["note"]) else _wrap(str(r["note"]))
        rows.append(dict(organization="UN", date=f"{int(r['year'])}-12-31", members=int(r["members"]),
                         kind="year-end", checkpoint=bool(r["checkpoint"]),
                         label=t("orgs.label.un_year", year=int(r["year"]), members=int(r["members"]),
                                 change=int(r["change"]), status=status)
                         + (f"<br>{note}" if note else "")))

    for actor, table, count in (("ASEAN", asean_members, "members_after"),
                                ("Arab League", arab_league_members, "members_after")):
        table = table.sort_values("admission_date", kind="stable")
        for i, (date, group) in enumerate(table.groupby("admission_date", sort=True)):
            names = ", ".join(group["member"])
            members = int(group[count].iloc[-1])
            key = "orgs.label.founding" if i == 0 else "orgs.label.change"
            rows.append(dict(organization=actor, date=date, members=members,
                             kind="founding" if i == 0 else "change", checkpoint=pd.NA,
                             label=t(key, date=_day(date), members=members, names=_wrap(names))))

    series = pd.DataFrame(rows)
    ends = []
    for actor, group in series.groupby("organization", sort=False):
        last = group.iloc[-1]
        if last["date"] < until:
            ends.append(dict(organization=actor, date=until, members=int(last["members"]), kind="until",
                             checkpoint=pd.NA,
                             label=t("orgs.label.until", date=_day(until), members=int(last["members"]))))
    series = pd.concat([series, pd.DataFrame(ends)], ignore_index=True)
    series["organization"] = pd.Categorical(series["organization"], categories=list(GROWTH_ORGS),
                                            ordered=True)
    series = series.sort_values(["organization", "date"], kind="stable").reset_index(drop=True)
    series["organization"] = series["organization"].astype(str)
    today = series.groupby("organization")["members"].transform("last")
    series["pct_today"] = (100 * series["members"] / today).round(1)
    return series[["organization", "date", "members", "pct_today", "kind", "checkpoint", "label"]]


def cow_series(igo_counts: pd.DataFrame, series: pd.DataFrame) -> pd.DataFrame:
    """Return the COW IGO v3 counts of the chapter's three organizations, on 31 December of each year.

    Parameters
    ----------
    igo_counts : DataFrame
        The ``igo_membership_counts`` dataset.
    series : DataFrame
        Output of :func:`membership_series`: its last count per organization is "today's size",
        the base of ``pct_today``.

    Returns
    -------
    DataFrame
        ``organization``, ``date`` (ISO, 31 December), ``members``, ``pct_today``.
    """
    today = series.groupby("organization")["members"].last()
    parts = []
    for actor in GROWTH_ORGS:
        part = igo_counts[igo_counts["ioname"] == COW_NAME[actor]].sort_values("year")
        parts.append(pd.DataFrame({
            "organization": actor,
            "date": [f"{int(y)}-12-31" for y in part["year"]],
            "members": part["full_members"].astype(int).to_numpy(),
            "pct_today": (100 * part["full_members"].astype(float) / today[actor]).round(1).to_numpy(),
        }))
    return pd.concat(parts, ignore_index=True)


def founding_y(start: float, actor: str, relative: bool) -> list[float]:
    """Return the y values of a founding marker trace: the first count, then the label's height."""
    top = _yaxis(relative)["range"][1]
    return [float(start), round(_LABEL_HEIGHT[actor] * top, 1)]


def _yaxis(relative: bool) -> dict:
    if relative:
        return dict(title=t("orgs.growth.yaxis.pct"), range=[0, 105], ticksuffix="%", dtick=20)
    return dict(title=t("orgs.growth.yaxis.abs"), range=[0, 205], ticksuffix="", dtick=25)


def membership_growth(series: pd.DataFrame, organizations: tuple[str, ...] | list[str] = GROWTH_ORGS,
                      relative: bool = False, cow: pd.DataFrame | None = None, show_cow: bool = False,
                      source: str = GROWTH_SOURCE) -> go.Figure:
    """Step chart of the member states of the UN, ASEAN and the League of Arab States over time.

    Parameters
    ----------
    series : DataFrame
        Output of :func:`membership_series`.
    organizations : sequence of str
        Which of :data:`GROWTH_ORGS` to show; the others stay in the legend, hidden.
    relative : bool
        Plot each count as a percentage of the organization's size today instead of member states.
    cow : DataFrame, optional
        Output of :func:`cow_series`; adds a dotted line per organization (hidden unless ``show_cow``).
    show_cow : bool
        Show the COW IGO v3 lines.
    source : str
        Source line text.

    Returns
    -------
    go.Figure
        For each organization of :data:`GROWTH_ORGS`, always in this order: a step line (``meta``
        ``"<org>|line"``; UN years that the UN itself publishes carry a larger marker), a founding
        marker with a dotted leader up to a label with its date (``"<org>|founding"``) and, when
        ``cow`` is given, the COW line (``"<org>|cow"``). The fixed order lets an explorer update
        the traces in place.
    """
    y = "pct_today" if relative else "members"
    fig = go.Figure()
    for actor in GROWTH_ORGS:
        part = series[series["organization"] == actor]
        name = t(f"orgs.name.{actor}")
        visible = True if actor in organizations else "legendonly"
        color = ACTOR_COLORS[actor]
        checkpoint = [(not pd.isna(c)) and bool(c) for c in part["checkpoint"].tolist()]
        sizes = [0 if k in ("year-end", "until") and not c else (10 if c else 7)
                 for c, k in zip(checkpoint, part["kind"])]
        fig.add_trace(go.Scatter(
            x=part["date"].tolist(), y=part[y].tolist(), customdata=part["label"].tolist(), name=name,
            mode="lines+markers", line=dict(shape="hv", color=color, width=3),
            marker=dict(size=sizes, color=["white" if c else color for c in checkpoint],
                        line=dict(color=color, width=2)),
            legendgroup=actor, visible=visible, meta=f"{actor}|line",
            hovertemplate="%{customdata}<extra>" + name + "</extra>",
        ))
        start = part[part["kind"] == "founding"].iloc[0]
        fig.add_trace(go.Scatter(
            x=[start["date"], start["date"]], y=founding_y(start[y], actor, relative),
            mode="lines+markers+text", name=t("orgs.founded_legend", name=name),
            text=["", t(f"orgs.founded.{actor}", date=_day(start["date"]))],
            textposition="middle right", textfont=dict(color=color, size=13),
            line=dict(color=color, width=1, dash="dot"),
            marker=dict(symbol="diamond", size=[15, 0], color="white", line=dict(color=color, width=3)),
            customdata=[start["label"], start["label"]], cliponaxis=False,
            hovertemplate="%{customdata}<extra>" + name + "</extra>",
            legendgroup=actor, showlegend=False, visible=visible, meta=f"{actor}|founding",
        ))
        if cow is not None:
            c = cow[cow["organization"] == actor]
            cow_name = t("orgs.cow_legend", name=name)
            fig.add_trace(go.Scatter(
                x=c["date"].tolist(), y=c[y].tolist(), name=cow_name, mode="lines",
                line=dict(shape="hv", color=color, width=2, dash="dot"), customdata=c["members"].tolist(),
                hovertemplate=t("orgs.cow_hover") + "<extra>" + cow_name + "</extra>",
                legendgroup=actor, showlegend=False, visible=(visible if show_cow else "legendonly"),
                meta=f"{actor}|cow",
            ))
    fig.update_layout(
        xaxis=dict(title=t("orgs.growth.xaxis"), type="date", range=["1944-01-01", "2027-06-30"]),
        yaxis=_yaxis(relative), hovermode="closest",
    )
    full_source = source + (f"; {COW_SOURCE}" if cow is not None else "")
    frame(fig, growth_title(relative), full_source, height=GROWTH_HEIGHT)
    return describe(fig, growth_summary(series, organizations, relative), growth_table(series, organizations))


def growth_table(series: pd.DataFrame, organizations) -> pd.DataFrame:
    """Return the steps of the chosen organizations as a tidy table (organization, date, members, % of today)."""
    shown = series[series["organization"].isin(list(organizations))]
    return shown[["organization", "date", "members", "pct_today"]]


def growth_summary(series: pd.DataFrame, organizations=GROWTH_ORGS, relative: bool = False) -> str:
    """Return the text alternative of :func:`membership_growth`: each organization's first and last count."""
    parts = []
    for actor in GROWTH_ORGS:
        if actor not in organizations:
            continue
        rows = series[series["organization"] == actor]
        parts.append(t("summary.orgs.one", name=t(f"orgs.name.{actor}"),
                       first=fmt.number(int(rows["members"].iloc[0])), year=rows["date"].iloc[0][:4],
                       last=fmt.number(int(rows["members"].iloc[-1]))))
    if not parts:
        return t("summary.orgs.none")
    text = t("summary.orgs", until=series["date"].max()[:4], parts="; ".join(parts))
    return text + (" " + t("summary.orgs.relative") if relative else "")


#: Height of the membership chart (the explorer keeps it when it changes the title).
GROWTH_HEIGHT = 600


def growth_title(relative: bool) -> str:
    """Return the title of the membership chart for the scale shown."""
    return t("orgs.growth.title.pct" if relative else "orgs.growth.title.abs")


def growth_header(relative: bool) -> dict:
    """Return the header layout of the membership chart (see :func:`ircourse.figures.common.header`)."""
    return header(growth_title(relative), GROWTH_HEIGHT)


def founding_timeline(organizations: pd.DataFrame, source: str = FOUNDING_SOURCE) -> go.Figure:
    """Dot chart of when the seven organizations the article names were founded, and what they are.

    Parameters
    ----------
    organizations : DataFrame
        The ``organizations`` dataset.
    source : str
        Source line text.

    Returns
    -------
    go.Figure
        Four traces: the bars from signature to entry into force (``meta="in_force"``), the markers
        of the intergovernmental organizations (members are states, ``meta="igo"``) and of the
        non-governmental one (``meta="ngo"``) at their founding dates, and the text giving today's
        members (``meta="members"``).
    """
    orgs = organizations.sort_values(["founded_year", "founded"], kind="stable").reset_index(drop=True)
    labels = [f"<b>{o}</b>" for o in orgs["organization"]]
    founded = [str(d) if len(str(d)) == 10 else (f"{d}-01" if len(str(d)) == 7 else f"{d}-01-01")
               for d in orgs["founded"]]
    fig = go.Figure()
    bars_x, bars_y = [], []
    for label, start, end in zip(labels, founded, orgs["in_force"]):
        if pd.notna(end) and end != start:
            bars_x += [start, end, None]
            bars_y += [label, label, None]
    fig.add_trace(go.Scatter(x=bars_x, y=bars_y, mode="lines", line=dict(color="#999999", width=6),
                             name=t("orgs.found.in_force"), hoverinfo="skip", meta="in_force"))
    for flag, key, color, symbol in ((True, "igo", OKABE_ITO["blue"], "circle"),
                                     (False, "ngo", OKABE_ITO["vermilion"], "square")):
        mask = (orgs["intergovernmental"] == flag).to_numpy()
        part = orgs[mask]
        fig.add_trace(go.Scatter(
            x=[f for f, m in zip(founded, mask) if m], y=[lab for lab, m in zip(labels, mask) if m],
            mode="markers", name=t(f"orgs.found.{key}"), marker=dict(size=14, color=color, symbol=symbol),
            customdata=list(zip(part["full_name"], part["founded"], part["founding_event"].map(_wrap),
                                part["type"])),
            hovertemplate=t("orgs.found.hover") + "<extra></extra>", meta=key,
        ))
    members = [t("orgs.found.members", n=int(m)) if pd.notna(m)
               else t("orgs.found.members_uncertain" if igo else "orgs.found.members_not_states")
               for m, igo in zip(orgs["members_current"], orgs["intergovernmental"])]
    label_x = [max(f, e) if pd.notna(e) else f for f, e in zip(founded, orgs["in_force"])]
    fig.add_trace(go.Scatter(x=label_x, y=labels, mode="text", text=["\u2003" + m for m in members],
                             textposition="middle right", textfont=dict(size=13), showlegend=False,
                             hoverinfo="skip", meta="members"))
    fig.update_layout(
        xaxis=dict(title=t("orgs.found.xaxis"), type="date", range=["1915-01-01", "1990-12-31"]),
        yaxis=dict(title=None, categoryorder="array", categoryarray=labels, autorange="reversed",
                   automargin=True),
        margin=dict(l=90), hovermode="closest",
    )
    frame(fig, t("orgs.found.title"), source, height=540)
    known = orgs.dropna(subset=["members_current"])
    largest = known.loc[known["members_current"].astype(int).idxmax()]
    summary = t("summary.founding", n=fmt.number(len(orgs)), first_year=int(orgs["founded_year"].iloc[0]),
                first=orgs["organization"].iloc[0], last_year=int(orgs["founded_year"].iloc[-1]),
                last=orgs["organization"].iloc[-1], igo=fmt.number(int(orgs["intergovernmental"].sum())),
                ngo=fmt.number(int((~orgs["intergovernmental"].astype(bool)).sum())),
                largest=largest["organization"], members=fmt.number(int(largest["members_current"])))
    table = pd.DataFrame({"organization": orgs["organization"], "founded": orgs["founded"],
                          "in_force": orgs["in_force"], "members_current": orgs["members_current"],
                          "intergovernmental": orgs["intergovernmental"]})
    return describe(fig, summary, table)
