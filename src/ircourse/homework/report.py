"""The class report: how a class did on a homework, on one offline HTML page; and exports for an LMS.

``ircourse report gradebook.csv`` reads the gradebook and the answers table written beside it and
writes ``gradebook_report.html``, self-contained (plotly.js inside, no network):

* the distribution of total scores;
* each question's success rate (share of students who answered it right);
* each question's **discrimination**: the point-biserial correlation between getting the question right
  and the rest of the score (the total without that question). Near 0 or negative, the question does
  not separate stronger from weaker work: reread it;
* the most common wrong answers to each question;
* who did not attempt the homework, and the rows flagged for a look.

``ircourse report gradebook.csv --lms moodle`` writes the totals in the layout of Moodle's "Import
grades from CSV" (an ``ID number`` column to map students, one column per grade item); ``--lms canvas``
in the layout of Canvas's gradebook import (``Student``, ``ID``, ``SIS User ID``, ``SIS Login ID``,
``Section``, then the assignment).
"""

from __future__ import annotations

import csv
import html
import math
from collections import Counter
from pathlib import Path

import plotly.graph_objects as go

from .gradebook import GradingError, answers_path, read, unescape_cell


def _float(text: str) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def point_biserial(item: list[float], rest: list[float]) -> float | None:
    """Return the correlation between item scores (0 or 1) and the rest of the score; None if undefined.

    >>> round(point_biserial([1, 1, 0, 0], [5, 4, 1, 0]), 3)
    0.97
    >>> point_biserial([1, 1, 1], [3, 2, 1]) is None
    True
    """
    n = len(item)
    if n < 3 or len(set(item)) < 2 or len(set(rest)) < 2:
        return None
    mean_i, mean_r = sum(item) / n, sum(rest) / n
    cov = sum((i - mean_i) * (r - mean_r) for i, r in zip(item, rest))
    var_i = sum((i - mean_i) ** 2 for i in item)
    var_r = sum((r - mean_r) ** 2 for r in rest)
    return cov / math.sqrt(var_i * var_r)


def statistics(gradebook: Path | str) -> dict:
    """Return the numbers the report shows (also handy in a notebook)."""
    question_ids, rows = read(gradebook)
    graded = [r for r in rows if r["status"] not in ("error", "not attempted")]
    items = {}
    for qid in question_ids:
        scored = [(r, _float(r[qid])) for r in graded if _float(r[qid]) is not None]
        if not scored:
            items[qid] = {"n": 0, "success": None, "discrimination": None}
            continue
        maximum = max(_float(r["max"]) or 0 for r in graded) or 1
        right = [1.0 if s and s > 0 else 0.0 for _, s in scored]
        rest = [(_float(r["total"]) or 0) - (s or 0) for r, s in scored]
        items[qid] = {"n": len(scored), "success": sum(right) / len(right),
                      "discrimination": point_biserial(right, rest), "max": maximum}
    totals = [_float(r["total"]) for r in graded if _float(r["total"]) is not None]
    wrong: dict[str, Counter] = {qid: Counter() for qid in question_ids}
    path = answers_path(Path(gradebook))
    if path.is_file():
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["status"] == "wrong" and row["question"] in wrong:
                    wrong[row["question"]][unescape_cell(row["answer"])] += 1
    return {"questions": question_ids, "items": items, "totals": totals,
            "not_attempted": [r for r in rows if r["status"] == "not attempted"],
            "errors": [r for r in rows if r["status"] == "error"],
            "flagged": [r for r in rows if r["flags"]], "wrong": wrong, "n": len(rows)}


def _figures(stats: dict) -> list[tuple[go.Figure, str]]:
    qids = stats["questions"]
    success = [stats["items"][q]["success"] for q in qids]
    disc = [stats["items"][q]["discrimination"] for q in qids]
    dist = go.Figure(go.Histogram(x=stats["totals"], xbins={"size": 1}, marker_color="#0072B2", name="students"))
    dist.update_layout(title="Total scores", xaxis_title="Total score", yaxis_title="Students", bargap=0.05)
    rates = go.Figure(go.Bar(x=qids, y=[s * 100 if s is not None else None for s in success],
                             marker_color="#009E73", name="answered right",
                             text=[f"{s:.0%}" if s is not None else "–" for s in success], textposition="outside"))
    rates.update_layout(title="Success rate per question", yaxis_title="Students who answered right (%)",
                        yaxis_range=[0, 110], xaxis_title="Question")
    discr = go.Figure(go.Bar(x=qids, y=disc, marker_color="#D55E00", name="point-biserial",
                             text=[f"{d:.2f}" if d is not None else "–" for d in disc], textposition="outside"))
    discr.update_layout(title="Discrimination: does the question separate stronger from weaker work?",
                        yaxis_title="Point-biserial correlation", xaxis_title="Question", yaxis_range=[-1, 1.15])
    described = []
    n = len(stats["totals"])
    if n:
        mean = sum(stats["totals"]) / n
        described.append((dist, f"{n} graded submissions; mean total {mean:.1f}, from {min(stats['totals']):g} "
                                f"to {max(stats['totals']):g}."))
    else:
        described.append((dist, "No graded submissions."))
    known = [(q, s) for q, s in zip(qids, success) if s is not None]
    if known:
        low = min(known, key=lambda p: p[1])
        described.append((rates, f"Success rates from {min(s for _, s in known):.0%} to {max(s for _, s in known):.0%}; "
                                 f"the hardest question was {low[0]}."))
    else:
        described.append((rates, "No question was graded automatically."))
    weak = [q for q, d in zip(qids, disc) if d is not None and d < 0.2]
    described.append((discr, ("Questions with a discrimination below 0.2: " + ", ".join(weak) + ".") if weak
                      else "Every question with enough answers has a discrimination of at least 0.2."))
    for fig, _ in described:
        fig.update_layout(template="plotly_white", height=380, margin={"t": 60, "b": 50, "l": 60, "r": 20},
                          font={"size": 15}, showlegend=False)
    return described


def write_report(gradebook: Path | str, out: Path | str | None = None) -> Path:
    """Write the class report (one offline HTML page); return its path."""
    gradebook = Path(gradebook)
    stats = statistics(gradebook)
    out = Path(out) if out else gradebook.with_name(gradebook.stem + "_report.html")
    esc = html.escape
    parts = []
    for n, (fig, summary) in enumerate(_figures(stats)):
        div = fig.to_html(full_html=False, include_plotlyjs=(n == 0), config={"displaylogo": False, "responsive": True},
                          default_width="100%")
        parts.append(f'<figure role="group" aria-label="{esc(summary)}">{div}<figcaption>{esc(summary)}</figcaption>'
                     "</figure>")
    wrong_rows = []
    for qid in stats["questions"]:
        common = stats["wrong"][qid].most_common(3)
        text = "; ".join(f"{esc(a)} ({c})" for a, c in common) if common else "–"
        item = stats["items"][qid]
        success = f"{item['success']:.0%}" if item["success"] is not None else "–"
        disc = f"{item['discrimination']:.2f}" if item["discrimination"] is not None else "–"
        wrong_rows.append(f"<tr><th scope=\"row\">{esc(qid)}</th><td>{success}</td><td>{disc}</td><td>{text}</td></tr>")
    missing = "".join(f"<li>{esc(r['student'] or '(no id)')} — {esc(r['file'])}</li>" for r in stats["not_attempted"])
    flagged = "".join(f"<li>{esc(r['file'])}: {esc(r['flags'])}</li>" for r in stats["flagged"])
    errors = "".join(f"<li>{esc(r['file'])}: {esc(r['message'])}</li>" for r in stats["errors"])
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Class report: {esc(gradebook.name)}</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; max-width: 64rem; margin: 0 auto; padding: 1rem; color: #1a1a1a; }}
figure {{ margin: 1rem 0; }} figcaption {{ color: #333; }}
table {{ border-collapse: collapse; width: 100%; }} th, td {{ border: 1px solid #767676; padding: 0.3rem 0.5rem;
text-align: left; vertical-align: top; }}
.table-box {{ overflow-x: auto; }} .table-box:focus-visible {{ outline: 3px solid #1759a6; outline-offset: 2px; }}
</style></head>
<body><main>
<h1>Class report</h1>
<p>Gradebook <code>{esc(gradebook.name)}</code>: {stats['n']} submissions, {len(stats['totals'])} graded,
{len(stats['not_attempted'])} not attempted, {len(stats['errors'])} could not be graded.</p>
{''.join(parts)}
<h2>Questions</h2>
<div class="table-box" tabindex="0" role="region" aria-label="Questions: success, discrimination, wrong answers">
<table><caption>Success rate, discrimination (point-biserial correlation with the rest of the
score) and the most common wrong answers (with how many students gave them)</caption>
<thead><tr><th scope="col">Question</th><th scope="col">Success</th><th scope="col">Discrimination</th>
<th scope="col">Most common wrong answers</th></tr></thead><tbody>{''.join(wrong_rows)}</tbody></table></div>
<h2>Did not attempt</h2><ul>{missing or '<li>Everyone attempted the homework.</li>'}</ul>
<h2>Flagged for a look</h2><ul>{flagged or '<li>Nothing flagged.</li>'}</ul>
<h2>Could not be graded</h2><ul>{errors or '<li>None.</li>'}</ul>
</main></body></html>
"""
    out.write_text(page, encoding="utf-8")
    return out


def export_lms(gradebook: Path | str, lms: str, out: Path | str | None = None) -> Path:
    """Write the gradebook's totals in the grade-import layout of ``lms`` (``moodle`` or ``canvas``).

    Raises
    ------
    GradingError
        For an unknown LMS.
    """
    gradebook = Path(gradebook)
    question_ids, rows = read(gradebook)
    from . import keys

    homework = next((keys.homework_of(q) for q in question_ids if keys.homework_of(q)), gradebook.stem)
    item = f"Homework {homework}"
    out = Path(out) if out else gradebook.with_name(f"{gradebook.stem}_{lms}.csv")
    with open(out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        if lms == "moodle":
            writer.writerow(["ID number", item, f"{item} (feedback)"])
            for row in rows:
                if row["student"]:
                    writer.writerow([row["student"], row["total"], row["message"][:200]])
        elif lms == "canvas":
            writer.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", item])
            maximum = next((r["max"] for r in rows if r["max"]), "")
            writer.writerow(["    Points Possible", "", "", "", "", maximum])
            for row in rows:
                if row["student"]:
                    writer.writerow([row["student"], "", row["student"], "", "", row["total"]])
        else:
            raise GradingError(f"unknown LMS {lms!r}; choose moodle or canvas")
    return out
