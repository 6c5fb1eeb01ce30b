"""The written fact-checks: a review sheet for the teacher, and the scores merged back into the gradebook.

Each homework has one written question: a verdict on a claim of the article and a justification of
3–5 sentences. It is not auto-graded. ``ircourse review gradebook.csv`` writes

* ``gradebook_review.html``: one section per written question, the rubric (from the solution
  notebook) at the top, then every student's verdict and text, each with a score field and a comment
  field; a button saves what was entered as a CSV (works offline, from the file);
* ``gradebook_scores.csv``: the same list to fill in with a spreadsheet (columns ``file``,
  ``student``, ``question``, ``verdict``, ``max``, ``score``, ``comment``).

``ircourse review gradebook.csv --scores gradebook_scores.csv`` checks every score (a number from 0
to the question's points) and writes it into the gradebook's column for that question, updating the
total; the previous gradebook is kept as ``gradebook.csv.bak``.
"""

from __future__ import annotations

import csv
import html
import json
from pathlib import Path

from .gradebook import GradingError, escape_cell, read, unescape_cell, written_path


def _rubrics(question_ids: list[str]) -> dict[str, dict]:
    """Question id -> {"rubric": [...], "verdict": ..., "points": ...} for the written questions."""
    from . import grader, keys

    homework = next((keys.homework_of(q) for q in question_ids if keys.homework_of(q)), None)
    out = {}
    try:
        homeworks = grader.load_homeworks()
    except FileNotFoundError:
        homeworks = {}
    hw = homeworks.get(homework or "")
    for qid in question_ids:
        public = keys.public_files().get(homework or "", {}).get("questions", {}).get(qid, {})
        if public.get("kind") != "written":
            continue
        spec = hw.question(qid).spec if hw else {}
        out[qid] = {"rubric": spec.get("rubric", []), "verdict": spec.get("verdict", ""),
                    "points": public.get("points", 1)}
    return out


def _written_rows(gradebook: Path) -> list[dict]:
    path = written_path(gradebook)
    if not path.is_file():
        raise GradingError(f"{path} not found: grade the class with `ircourse grade` first (it writes the written "
                           "answers next to the gradebook)")
    with open(path, encoding="utf-8", newline="") as handle:
        return [{k: unescape_cell(v or "") for k, v in row.items()} for row in csv.DictReader(handle)]


def write_sheet(gradebook: Path | str, out: Path | str | None = None) -> tuple[Path, Path]:
    """Write the review sheet (HTML) and the scores CSV to fill in; return their paths."""
    gradebook = Path(gradebook)
    question_ids, _ = read(gradebook)
    rubrics = _rubrics(question_ids)
    answers = _written_rows(gradebook)
    sheet = Path(out) if out else gradebook.with_name(gradebook.stem + "_review.html")
    scores = gradebook.with_name(gradebook.stem + "_scores.csv")
    with open(scores, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "student", "question", "verdict", "max", "score", "comment"])
        for a in answers:
            points = rubrics.get(a["question"], {}).get("points", "")
            writer.writerow([escape_cell(c) for c in (a["file"], a["student"], a["question"], a["verdict"], points,
                                                      "", "")])
    sheet.write_text(_sheet_html(gradebook.name, rubrics, answers), encoding="utf-8")
    return sheet, scores


def _sheet_html(title: str, rubrics: dict, answers: list[dict]) -> str:
    esc = html.escape
    sections = []
    for qid in sorted({a["question"] for a in answers} | set(rubrics)):
        info = rubrics.get(qid, {"rubric": [], "verdict": "", "points": 1})
        items = "".join(f"<li>{esc(r)}</li>" for r in info["rubric"])
        cards = []
        for n, a in enumerate(a for a in answers if a["question"] == qid):
            field = f"{esc(qid)}-{n}"
            cards.append(
                f'<article class="answer" data-file="{esc(a["file"])}" data-student="{esc(a["student"])}" '
                f'data-question="{esc(qid)}" data-verdict="{esc(a["verdict"])}">'
                f'<h3>{esc(a["student"] or "(no id)")} <span class="file">{esc(a["file"])}</span></h3>'
                f'<p class="verdict">Verdict: <strong>{esc(a["verdict"])}</strong></p>'
                f'<blockquote>{esc(a["text"])}</blockquote>'
                f'<p><label for="score-{field}">Score (0–{info["points"]})</label> '
                f'<input id="score-{field}" class="score" type="number" min="0" max="{info["points"]}" step="0.5"> '
                f'<label for="comment-{field}">Comment</label> '
                f'<input id="comment-{field}" class="comment" type="text" size="50"></p></article>')
        sections.append(
            f'<section><h2>{esc(qid)}</h2><p>Expected verdict: <strong>{esc(info["verdict"])}</strong> · '
            f'{info["points"]} points</p><h3>Rubric</h3><ol>{items}</ol>'
            + ("".join(cards) or "<p>No written answers.</p>") + "</section>")
    data = json.dumps({"title": title})
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Written answers to review: {esc(title)}</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 0 auto; padding: 1rem; color: #1a1a1a; }}
article.answer {{ border: 1px solid #767676; border-radius: 6px; padding: 0.5rem 1rem; margin: 1rem 0; }}
blockquote {{ margin: 0.5rem 0; padding-left: 1rem; border-left: 4px solid #0072B2; white-space: pre-wrap; }}
.file {{ font-weight: normal; color: #4d4d4d; font-size: 0.9em; }}
button {{ font-size: 1rem; padding: 0.4rem 1rem; }}
:focus {{ outline: 3px solid #0072B2; outline-offset: 2px; }}
</style></head>
<body><main>
<h1>Written answers to review</h1>
<p>Gradebook: {esc(title)}. Score each answer with the rubric, then press <strong>Save the scores</strong> and
merge the file with <code>ircourse review {esc(title)} --scores FILE</code>.</p>
<p><button id="save" type="button">Save the scores (CSV)</button></p>
{''.join(sections)}
</main>
<script>
const META = {data};
function cell(v) {{ v = String(v ?? ""); if (/^[=+\\-@\\t\\r]/.test(v)) v = "'" + v;
  return '"' + v.replace(/"/g, '""') + '"'; }}
document.getElementById("save").addEventListener("click", () => {{
  const rows = [["file", "student", "question", "verdict", "max", "score", "comment"]];
  for (const a of document.querySelectorAll("article.answer")) {{
    const score = a.querySelector(".score");
    rows.push([a.dataset.file, a.dataset.student, a.dataset.question, a.dataset.verdict, score.max,
               score.value, a.querySelector(".comment").value]);
  }}
  const blob = new Blob([rows.map(r => r.map(cell).join(",")).join("\\r\\n") + "\\r\\n"], {{type: "text/csv"}});
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = META.title.replace(/\\.csv$/, "") + "_scores.csv";
  document.body.appendChild(link); link.click(); link.remove();
}});
</script></body></html>
"""


def merge_scores(gradebook: Path | str, scores: Path | str) -> Path:
    """Write the teacher's scores of written answers into the gradebook; return its path.

    Raises
    ------
    GradingError
        For an unknown file or question, or a score that is not a number from 0 to the question's points
        (nothing is written then).
    """
    from .gradebook import HEADER_TAIL

    gradebook = Path(gradebook)
    question_ids, rows = read(gradebook)
    rubrics = _rubrics(question_ids)
    by_file = {row["file"]: row for row in rows}
    problems = []
    try:
        with open(scores, encoding="utf-8-sig", newline="") as handle:
            entries = [{k: unescape_cell((v or "").strip()) for k, v in row.items() if k}
                       for row in csv.DictReader(handle)]
    except OSError as exc:
        raise GradingError(f"cannot read {scores}: {exc.strerror}") from None
    for n, entry in enumerate(entries, start=2):
        if not entry.get("score"):
            continue
        row, qid = by_file.get(entry.get("file", "")), entry.get("question", "")
        if row is None:
            problems.append(f"line {n}: no submission {entry.get('file')!r} in the gradebook")
            continue
        if qid not in rubrics:
            problems.append(f"line {n}: {qid!r} is not a written question of this homework")
            continue
        try:
            score = float(entry["score"].replace(",", "."))
        except ValueError:
            problems.append(f"line {n}: the score {entry['score']!r} is not a number")
            continue
        if not 0 <= score <= float(rubrics[qid]["points"]):
            problems.append(f"line {n}: the score {score:g} is not between 0 and {rubrics[qid]['points']}")
            continue
        row[qid] = f"{score:g}"
    if problems:
        raise GradingError("the scores were not merged:\n  " + "\n  ".join(problems))
    for row in rows:
        if row["status"] == "error":
            continue
        row["total"] = f"{sum(float(row[q]) for q in question_ids if row[q] not in ('', None)):g}"
    backup = gradebook.with_name(gradebook.name + ".bak")
    backup.write_bytes(gradebook.read_bytes())
    tmp = gradebook.with_name(gradebook.name + ".tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "student", *question_ids, *HEADER_TAIL])
        for row in rows:
            writer.writerow([escape_cell(row[c]) for c in ["file", "student", *question_ids, *HEADER_TAIL]])
    tmp.replace(gradebook)
    return gradebook
