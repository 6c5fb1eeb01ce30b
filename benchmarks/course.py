"""Performance budgets of the course (issue 6): prints each figure with its target and PASS or MISS.

Usage::

    python benchmarks/course.py                    # a, b, c, e (about 5-10 minutes on 2 cores)
    python benchmarks/course.py --install          # also d: two fresh venvs (slow, needs PyPI)
    python benchmarks/course.py --only latency,sizes
    python benchmarks/course.py --compare-rfc3987  # also run a with rfc3987_syntax made unimportable

Figures:

a. execution  Whole course under nbval (chapters strict ``--nbval``, solution notebooks ``--nbval-lax``,
              ``-n 2 --dist loadscope``) against the floor measured in the same run: the same two nbval runs
              over as many trivial notebooks (kernel start, ``import pandas, plotly, ipywidgets``, one
              ``fig.show()``). Target: course <= 1.5 x floor. Also: the cost of importing
              ``rfc3987_syntax`` (on the first ``fig.show()``) and which package pulls it in.
b. latency    Inside a real kernel: time from setting a control of WarExplorer (bin width 1, the largest
              chart) to the FigureWidget updated and its message sent, median of 30 changes. Target:
              < 20 ms and >= 10 x faster than rebuilding the figure (counts + ``war_frequency`` +
              ``go.FigureWidget``).
c. sizes      Each notebook in git < 300 KB; a ``git clone --no-local`` of the repository < 15 MB.
d. install    ``pip install -r requirements.txt`` against ``pip install jupyterlab pandas plotly ipywidgets
              nbval`` in two fresh venvs (size of site-packages). Target: <= 1.1 x. Opt-in: ``--install``.
e. grading    ``benchmarks/grade_30.py`` (30 submissions of homework 06), if present. Target: the class takes
              less than a minute more than its slowest submission graded alone.

This is a benchmark, not a test: timings depend on the machine and on what else runs on it; the load
average is printed with each timing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SANITIZE = ROOT / "tests" / "nbval_sanitize.cfg"
SECTIONS = ("execution", "latency", "sizes", "install", "grading")
RESULTS: list[tuple[str, str, str, bool | None]] = []

CARD = ("jupyterlab", "pandas", "plotly", "ipywidgets", "nbval")  # the design card's five packages
TRIVIAL_CELLS = [
    "import pandas, plotly, ipywidgets",
    "import plotly.graph_objects as go\ngo.Figure(go.Bar(x=[1, 2, 3], y=[3, 1, 2])).show()",
]


def load() -> str:
    return f"load {os.getloadavg()[0]:.1f}/{os.cpu_count()} cores"


def verdict(name: str, measured: str, target: str, ok: bool | None) -> None:
    """Print one figure and remember it for the summary."""
    RESULTS.append((name, measured, target, ok))
    mark = {True: "PASS", False: "MISS", None: "INFO"}[ok]
    print(f"  {mark}  {name}: {measured}   (target {target})", flush=True)


def header(title: str) -> None:
    print(f"\n== {title}  [{load()}]", flush=True)


# ---------------------------------------------------------------- a. whole-course execution

def _nbval(mode: str, notebooks: list[Path], jobs: int, junit: Path, env: dict,
           cwd: Path) -> tuple[float, int, str]:
    """Run nbval over ``notebooks``; return (wall seconds, return code, tail of the output)."""
    # "--opt=value" and an explicit rootdir: a bare path argument outside cwd would move pytest's rootdir,
    # and notebooks outside the rootdir then share one node id, which xdist's loadscope runs only once.
    args = [sys.executable, "-m", "pytest", mode, *map(str, notebooks), "-q", "-p", "no:cacheprovider",
            f"--rootdir={cwd}", f"--nbval-sanitize-with={SANITIZE}", "--nbval-cell-timeout=300",
            f"--junitxml={junit}"]
    if jobs > 1:
        args += ["-n", str(jobs), "--dist", "loadscope"]
    start = time.perf_counter()
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    expected = sum(1 for nb in notebooks for c in json.loads(nb.read_text(encoding="utf-8"))["cells"]
                   if c["cell_type"] == "code" and c.get("source"))
    ran = len(_cells(junit))
    if ran < expected:  # never time a run that silently skipped notebooks
        raise RuntimeError(f"nbval ran {ran} of {expected} code cells: {result.stdout[-1500:]}")
    return seconds, result.returncode, (result.stdout + result.stderr)[-3000:]


def _cells(junit: Path) -> list[tuple[str, int, float]]:
    """(notebook stem, code cell index, seconds of setup + call + teardown) of each cell in a junit file."""
    cells = []
    if not junit.is_file():
        return cells
    for case in ET.parse(junit).getroot().iter("testcase"):
        name = case.get("classname", "")
        stem = name.split(".ipynb")[0].rsplit(".", 1)[-1]
        index = int(re.sub(r"\D", "", case.get("name", "")) or -1)
        cells.append((stem, index, float(case.get("time", 0))))
    return cells


def _per_notebook(junit: Path) -> dict[str, float]:
    """Seconds of kernel time per notebook (its cells, with the kernel start in the first one's setup)."""
    times: dict[str, float] = defaultdict(float)
    for stem, _, seconds in _cells(junit):
        times[stem] += seconds
    return times


def _first_line(folder: Path, stem: str, index: int) -> str:
    try:
        cells = json.loads((folder / f"{stem}.ipynb").read_text(encoding="utf-8"))["cells"]
        code = [c for c in cells if c["cell_type"] == "code"]
        return "".join(code[index]["source"]).strip().splitlines()[0][:70]
    except (OSError, ValueError, IndexError, KeyError):
        return "?"


def _failures(junit: Path) -> int:
    if not junit.is_file():
        return -1
    root = ET.parse(junit).getroot()
    return sum(1 for case in root.iter("testcase") for child in case if child.tag in ("failure", "error"))


def _trivial_notebooks(folder: Path, n: int) -> list[Path]:
    """Write ``n`` copies of an executed trivial notebook (so strict nbval has outputs to compare)."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(src) for src in TRIVIAL_CELLS])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    NotebookClient(nb, timeout=120, kernel_name="python3", record_timing=False).execute()
    nb.metadata.pop("widgets", None)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"floor_{i:02d}.ipynb"
        nbformat.write(nb, path)
        paths.append(path)
    return paths


def _blocker(folder: Path) -> Path:
    """A folder whose ``rfc3987_syntax`` raises ImportError (jsonschema then skips its IRI format checks)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "rfc3987_syntax.py").write_text('raise ImportError("blocked by benchmarks/course.py")\n')
    return folder


def _course_and_floor(tmp: Path, jobs: int, env: dict,
                      label: str) -> tuple[float, float, dict, dict, list[str]]:
    chapters = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    solutions = sorted((ROOT / "exercises" / "solutions").glob("*.ipynb"))
    trivial = _trivial_notebooks(tmp / f"floor-{label}", len(chapters) + len(solutions))
    floor_ch, floor_sol = trivial[:len(chapters)], trivial[len(chapters):]
    problems = []
    # floor first, then the course, then the floor again: the floor is the mean of the two (the load drifts).
    floors = []
    for rep in range(2):
        f1, rc1, out1 = _nbval("--nbval", floor_ch, jobs, tmp / f"floor_ch_{label}{rep}.xml", env, tmp)
        f2, rc2, out2 = _nbval("--nbval-lax", floor_sol, jobs, tmp / f"floor_sol_{label}{rep}.xml", env, tmp)
        floors.append(f1 + f2)
        if rc1 or rc2:
            problems.append(f"floor run failed: {out1[-800:]} {out2[-800:]}")
        if rep == 0:
            c1, rcc, outc = _nbval("--nbval", chapters, jobs, tmp / f"chapters_{label}.xml", env, ROOT)
            c2, rcs, outs = _nbval("--nbval-lax", solutions, jobs, tmp / f"solutions_{label}.xml", env, ROOT)
            if rcc:
                problems.append(f"chapters: {_failures(tmp / f'chapters_{label}.xml')} failing cells: "
                                f"{outc[-1500:]}")
            if rcs:
                problems.append(f"solutions: {_failures(tmp / f'solutions_{label}.xml')} failing cells: "
                                f"{outs[-1500:]}")
    per_nb = {**{f"notebooks/{k}": v for k, v in _per_notebook(tmp / f"chapters_{label}.xml").items()},
              **{f"solutions/{k}": v for k, v in _per_notebook(tmp / f"solutions_{label}.xml").items()}}
    floor_times = list(_per_notebook(tmp / f"floor_ch_{label}0.xml").values()) + \
        list(_per_notebook(tmp / f"floor_sol_{label}0.xml").values())
    slow_cells = sorted([(f"notebooks/{stem}", i, t, _first_line(ROOT / "notebooks", stem, i))
                         for stem, i, t in _cells(tmp / f"chapters_{label}.xml")]
                        + [(f"solutions/{stem}", i, t, _first_line(ROOT / "exercises" / "solutions", stem, i))
                           for stem, i, t in _cells(tmp / f"solutions_{label}.xml")], key=lambda c: -c[2])
    info = {"chapters": (len(chapters), c1), "solutions": (len(solutions), c2), "floor runs": floors,
            "floor per notebook": statistics.median(floor_times) if floor_times else float("nan"),
            "floor kernel total": sum(floor_times), "slow cells": slow_cells[:8]}
    return c1 + c2, statistics.mean(floors), info, per_nb, problems


def rfc3987_cost() -> dict:
    """Import cost of rfc3987_syntax as paid on the first fig.show() (plotly -> nbformat -> jsonschema)."""
    code = ("import sys, time\n{block}t = time.perf_counter()\nimport nbformat\n"
            "print(time.perf_counter() - t)")
    runs: dict[str, list[float]] = {"with": [], "without": [], "course": []}
    for _ in range(3):
        for key, block in (("with", ""), ("without", "sys.modules['rfc3987_syntax'] = None\n"),
                           ("course", "import ircourse\n")):
            out = subprocess.run([sys.executable, "-c", code.format(block=block)], capture_output=True,
                                 text=True, cwd=tempfile.gettempdir(), check=True).stdout.split()
            runs[key].append(float(out[0]))
    # who pulls it in
    from importlib import metadata

    chain = []
    for dist in metadata.distributions():
        for req in dist.requires or []:
            if re.match(r"rfc3987[-_]syntax\b", req, re.IGNORECASE) or \
                    re.search(r"jsonschema\[[^\]]*format-nongpl", req):
                chain.append(f"{dist.metadata['Name']} {dist.version}: {req}")
    try:
        location = metadata.distribution("rfc3987-syntax").locate_file("rfc3987_syntax")
    except metadata.PackageNotFoundError:
        location = None
    return {"with": statistics.median(runs["with"]), "without": statistics.median(runs["without"]),
            "course": statistics.median(runs["course"]),
            "chain": sorted(set(chain)), "location": location}


def bench_execution(jobs: int, compare_rfc3987: bool) -> None:
    header("a. whole course under nbval vs the floor")
    cost = rfc3987_cost()
    print(f"  rfc3987_syntax: installed at {cost['location']}")
    for line in cost["chain"]:
        print(f"    required by {line}")
    print("    imported on the first fig.show(): plotly.io -> nbformat -> jsonschema._format -> "
          "rfc3987_syntax (builds a lark grammar at import)")
    verdict("import nbformat (first fig.show) with rfc3987_syntax", f"{cost['with']:.2f} s",
            f"as small as possible; {cost['without']:.2f} s without it", None)
    print(f"  of which rfc3987_syntax in a bare kernel: {cost['with'] - cost['without']:.2f} s")
    verdict("rfc3987_syntax cost in a course kernel (after `import ircourse`, which skips it)",
            f"{max(0.0, cost['course'] - cost['without']):.2f} s", "0 s (removable)",
            cost["course"] - cost["without"] < 0.1)

    variants = [("as installed", os.environ.copy())]
    with tempfile.TemporaryDirectory(prefix="ircourse-bench-") as tmpname:
        tmp = Path(tmpname)
        if compare_rfc3987:
            blocked = os.environ.copy()
            blocked["PYTHONPATH"] = os.pathsep.join(filter(None, [str(_blocker(tmp / "block")),
                                                                   os.environ.get("PYTHONPATH")]))
            variants.append(("without rfc3987_syntax", blocked))
        for label, env in variants:
            start = time.perf_counter()
            course, floor, info, per_nb, problems = _course_and_floor(tmp, jobs, env, label.split()[0])
            n_ch, t_ch = info["chapters"]
            n_sol, t_sol = info["solutions"]
            n = n_ch + n_sol
            print(f"  [{label}] chapters {n_ch} notebooks {t_ch:.1f} s (--nbval), solutions {n_sol} "
                  f"notebooks {t_sol:.1f} s (--nbval-lax); -n {jobs} --dist loadscope")
            print(f"  [{label}] floor: {n} trivial notebooks, same two runs: "
                  f"{', '.join(f'{f:.1f}' for f in info['floor runs'])} s (before/after the course); "
                  f"median per notebook {info['floor per notebook']:.2f} s of kernel time")
            for problem in problems:
                print(f"  [{label}] !! {problem}")
            verdict(f"whole course, {label}", f"{course:.1f} s = {course / floor:.2f} x floor {floor:.1f} s",
                    "<= 1.50 x", course <= 1.5 * floor and not problems)
            slowest = sorted(per_nb.items(), key=lambda kv: -kv[1])[:6]
            print(f"  kernel time summed over notebooks: course {sum(per_nb.values()):.1f} s, "
                  f"floor {info['floor kernel total']:.1f} s")
            print("  slowest notebooks (kernel time, floor per notebook "
                  f"{info['floor per notebook']:.2f} s): " + ", ".join(f"{k} {v:.1f} s" for k, v in slowest))
            print("  slowest cells (the first cell includes the kernel start):")
            for nb, index, seconds, line in info["slow cells"]:
                print(f"    {seconds:5.2f} s  {nb} cell {index}: {line}")
            print(f"  ({time.perf_counter() - start:.0f} s for this variant; {load()})")


# ---------------------------------------------------------------- b. widget latency (in a real kernel)

LATENCY_CODE = textwrap.dedent("""
    import json, statistics, time
    import plotly.graph_objects as go
    import ircourse as irc
    from ircourse.conflicts import SERIES, count_started, series_key
    from ircourse.figures.wars import war_frequency
    from ircourse.widgets import WarExplorer

    events = irc.load("wars_long_run")
    ex = WarExplorer(events, width=1, log_y=True)
    display(ex.widget())
    c = ex.controls
    keys = [series_key(*s) for s in SERIES]
    windows = [(-2600, 2023), (-1000, 2023), (1500, 2023), (1800, 2023), (0, 1900)]
    subsets = [tuple(keys[:2]), tuple(keys), tuple(keys[2:]), tuple(keys)]

    def change(i):
        kind = i % 3
        if kind == 0:
            c["log"].value = not c["log"].value
        elif kind == 1:
            c["years"].value = windows[(i // 3 + 1) % len(windows)]
        else:
            c["series"].value = subsets[(i // 3) % len(subsets)]

    for i in range(6):  # warm-up
        change(i)
    update = []
    for i in range(30):
        t = time.perf_counter()
        change(i)
        update.append(time.perf_counter() - t)
    points = sum(len(tr.x) for tr in ex.figure.data)

    first, last = c["years"].value
    rebuild, figure_only = [], []
    for _ in range(8):
        t = time.perf_counter()
        counts = count_started(events, 1, first, last)
        t1 = time.perf_counter()
        fw = go.FigureWidget(war_frequency(counts, 1, first, last, True))
        t2 = time.perf_counter()
        rebuild.append(t2 - t)
        figure_only.append(t2 - t1)
        fw.close()
    print("RESULT " + json.dumps({"update": update, "rebuild": rebuild, "figure_only": figure_only,
                                   "points": points, "traces": len(ex.figure.data)}))
""")


def bench_latency() -> None:
    header("b. widget latency: WarExplorer, bin width 1, in a real kernel")
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="python3", cwd=str(ROOT))
    lines: list[str] = []
    errors: list[str] = []

    def hook(msg):
        if msg["msg_type"] == "stream":
            lines.append(msg["content"]["text"])
        elif msg["msg_type"] == "error":
            errors.append("\n".join(msg["content"]["traceback"])[-2000:])

    try:
        kc.execute_interactive(LATENCY_CODE, output_hook=hook, timeout=600)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    text = "".join(lines)
    if errors or "RESULT " not in text:
        print("  !! the latency code failed:", errors or text[-2000:])
        verdict("widget latency", "failed", "< 20 ms", False)
        return
    data = json.loads(text.split("RESULT ", 1)[1].splitlines()[0])
    update = statistics.median(data["update"]) * 1000
    p90 = sorted(data["update"])[int(0.9 * len(data["update"]))] * 1000
    rebuild = statistics.median(data["rebuild"]) * 1000
    figure_only = statistics.median(data["figure_only"]) * 1000
    worst = max(data["update"]) * 1000
    print(f"  chart: {data['traces']} traces, {data['points']:,} points after the last change; 30 changes "
          f"(log scale, year window, series), update p90 {p90:.1f} ms, max {worst:.1f} ms")
    verdict("control change -> FigureWidget updated (median of 30)", f"{update:.1f} ms", "< 20 ms",
            update < 20)
    verdict("rebuilding the figure (counts + war_frequency + FigureWidget, median of 8)",
            f"{rebuild:.1f} ms ({figure_only:.1f} ms without the counts) = {rebuild / update:.1f} x the "
            "update", ">= 10 x", rebuild >= 10 * update)


# ---------------------------------------------------------------- c. sizes

def _du(path: Path) -> tuple[int, int]:
    """(apparent bytes, disk bytes) of a folder."""
    apparent = sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())
    return apparent, _disk(path)


def _disk(path: Path) -> int:
    """Bytes on disk of a folder (``du -sk``)."""
    du = subprocess.run(["du", "-sk", str(path)], capture_output=True, text=True, check=True)
    return int(du.stdout.split()[0]) * 1024


def _git(*args: str, cwd: Path = ROOT) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout


def bench_sizes() -> None:
    header("c. sizes")
    tracked = _git("ls-files", "*.ipynb").split()
    untracked = _git("ls-files", "--others", "--exclude-standard", "*.ipynb").split()
    sizes = {rel: (ROOT / rel).stat().st_size for rel in tracked + untracked if (ROOT / rel).is_file()}
    big = sorted(sizes.items(), key=lambda kv: -kv[1])
    over = [(rel, size) for rel, size in big if size >= 300_000]
    print("  largest notebooks (working tree): "
          + ", ".join(f"{rel} {size / 1000:.0f} KB" for rel, size in big[:4]))
    if untracked:
        print(f"  ({len(untracked)} notebook(s) not in git yet are included: {', '.join(untracked)})")
    verdict(f"each of {len(sizes)} notebooks",
            f"largest {big[0][1] / 1000:.0f} KB; {len(over)} over the limit" + (f": {over}" if over else ""),
            "< 300 KB each", not over)
    with tempfile.TemporaryDirectory(prefix="ircourse-clone-") as tmp:
        clone = Path(tmp) / "clone"
        subprocess.run(["git", "clone", "--quiet", "--no-local", str(ROOT), str(clone)], check=True)
        apparent, disk = _du(clone)
        git_apparent, _ = _du(clone / ".git")
        head = _git("rev-parse", "--short", "HEAD", cwd=clone).strip()
    verdict(f"git clone --no-local (HEAD {head})",
            f"{apparent / 1e6:.1f} MB ({disk / 1e6:.1f} MB on disk; .git {git_apparent / 1e6:.1f} MB)",
            "< 15 MB", disk < 15e6)
    files = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    working = sum((ROOT / f).stat().st_size for f in files if f and (ROOT / f).is_file())
    print(f"  working tree as it would be committed (tracked + new files): {working / 1e6:.1f} MB")


# ---------------------------------------------------------------- d. install footprint

SIZES_CODE = """
import json, sys
from importlib import metadata
from pathlib import Path
out = {}
for d in metadata.distributions():
    total = 0
    for f in d.files or []:
        p = Path(d.locate_file(f))
        if p.is_file():
            total += p.stat().st_size
    out[d.metadata["Name"].lower().replace("_", "-")] = [d.version, total]
print(json.dumps(out))
"""


def _venv_footprint(venv: Path, install: list[str], cwd: Path) -> tuple[int, float, dict]:
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    start = time.perf_counter()
    result = subprocess.run([python, "-m", "pip", "install", "-q", *install], cwd=cwd, env=env,
                            capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if result.returncode:
        raise RuntimeError(result.stdout[-2000:] + result.stderr[-2000:])
    site = next((venv / "lib").glob("python*/site-packages"))
    disk = _disk(site)
    dists = json.loads(subprocess.run([python, "-c", SIZES_CODE], capture_output=True, text=True,
                                      env=env, check=True).stdout)
    return disk, seconds, dists


def bench_install() -> None:
    header("d. install footprint: requirements.txt vs the five design-card packages")
    with tempfile.TemporaryDirectory(prefix="ircourse-venvs-") as tmp:
        tmp = Path(tmp)
        repo = tmp / "repo"  # a copy, so that "-e ." never touches the checkout
        files = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
        for rel in filter(None, files):
            if (ROOT / rel).is_file():
                (repo / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / rel, repo / rel)
        student, t1, d1 = _venv_footprint(tmp / "student", ["-r", "requirements.txt"], repo)
        card, t2, d2 = _venv_footprint(tmp / "card", list(CARD), tmp)
    print(f"  student (requirements.txt): {student / 1e6:.0f} MB, {len(d1)} distributions, pip {t1:.0f} s")
    print(f"  design card (jupyterlab pandas plotly ipywidgets nbval): {card / 1e6:.0f} MB, {len(d2)} "
          f"distributions, pip {t2:.0f} s")
    extra = sorted(((n, v) for n, v in d1.items() if n not in d2), key=lambda kv: -kv[1][1])
    print("  only in the student environment: "
          + ", ".join(f"{n} {v[0]} {v[1] / 1e6:.1f} MB" for n, v in extra))
    differ = [(n, d2[n][0], v[0]) for n, v in d1.items() if n in d2 and d2[n][0] != v[0]]
    if differ:
        print("  same package, other version (card -> student): "
              + ", ".join(f"{n} {a} -> {b}" for n, a, b in differ))
    verdict("student / design-card site-packages",
            f"{student / card:.3f} x ({student / 1e6:.0f} / {card / 1e6:.0f} MB)", "<= 1.10 x",
            student <= 1.1 * card)


# ---------------------------------------------------------------- e. grading

def bench_grading() -> None:
    header("e. grading 30 submissions (benchmarks/grade_30.py)")
    script = ROOT / "benchmarks" / "grade_30.py"
    if not script.is_file():
        verdict("grading 30 submissions", "benchmarks/grade_30.py not found", "< 60 s more than the slowest",
                None)
        return
    start = time.perf_counter()
    result = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True,
                            check=False)
    wall = time.perf_counter() - start
    out = result.stdout + (result.stderr[-1500:] if result.returncode else "")
    print(textwrap.indent(out.strip(), "  | "))
    if result.returncode:
        verdict("grading 30 submissions", f"grade_30.py exited with {result.returncode}", "exit 0", False)
        return
    wall_class = re.search(r"wall time for the class:\s*([\d.]+) s", out)
    extra = re.search(r"class minus its slowest submission:\s*(-?[\d.]+) s", out)
    if wall_class and extra:
        verdict("grading 30 submissions", f"{float(wall_class.group(1)):.1f} s for the class, "
                f"{float(extra.group(1)):.1f} s more than its slowest submission alone (script {wall:.0f} s)",
                "< 60 s more than the slowest submission", float(extra.group(1)) < 60)
    else:
        verdict("grading 30 submissions", f"script ran in {wall:.0f} s (figures not recognised)", "-", None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=None,
                        help=f"comma-separated sections among {', '.join(SECTIONS)} "
                             "(default: all but install)")
    parser.add_argument("--install", action="store_true", help="also measure the install footprint (slow)")
    parser.add_argument("--compare-rfc3987", action="store_true",
                        help="also run the whole course with rfc3987_syntax unimportable")
    parser.add_argument("--jobs", type=int, default=2, help="pytest-xdist workers for nbval (default: 2)")
    args = parser.parse_args(argv)
    default = {s for s in SECTIONS if s != "install" or args.install}
    chosen = set(args.only.split(",")) if args.only else default
    unknown = chosen - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    start = time.perf_counter()
    print(f"ircourse benchmarks, python {sys.version.split()[0]}, {os.cpu_count()} cores, {load()}")
    if "sizes" in chosen:
        bench_sizes()
    if "latency" in chosen:
        bench_latency()
    if "execution" in chosen:
        bench_execution(args.jobs, args.compare_rfc3987)
    if "install" in chosen:
        bench_install()
    if "grading" in chosen:
        bench_grading()
    print(f"\n== summary ({time.perf_counter() - start:.0f} s, {load()})")
    for name, measured, target, ok in RESULTS:
        mark = {True: "PASS", False: "MISS", None: "INFO"}[ok]
        print(f"  {mark}  {name}: {measured}   (target {target})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
