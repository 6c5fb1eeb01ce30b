"""The grader against a hostile class: each attack of the trusted-grading issue, as a submission.

Threat model (README, teacher section): the student controls every line of the answer cells; the
teacher's machine, the other submissions, the answer key and the gradebook must not be reachable from
them, and a student gets marks only by giving answers that are right.

One class is graded once with ``ircourse grade`` (the sandbox on): two honest students and one
submission per attack. Each attack answers nothing correctly on purpose, so it must score zero; the
honest students must keep full marks; every file outside the grader's outputs stays byte-identical;
the gradebook does not change after the grader exits; no secret of the teacher appears in any output;
and every run's processes ended with its sandbox (its PID namespace's init exited).
"""

from __future__ import annotations

import copy
import csv
import hashlib
import os
import subprocess
import sys
import time

import nbformat
import pytest

from ircourse.homework import authoring, keys

from .conftest import ROOT

pytestmark = [pytest.mark.slow]

HOMEWORK = "06_bipolar_world_and_nato"
STUDENT = ROOT / "exercises" / f"{HOMEWORK}.ipynb"
SECRET = "TEACHER-SECRET-5f2c9a"
HONEST = {"hw6_q1": "answer = len(nato[nato.accession_date <= q.date])",
          "hw6_q4": 'answer = (set(pact.country) - {"Albania", "Bulgaria", "Hungary", "German Democratic Republic", '
                    '"Romania", "USSR", "Czechoslovakia"}).pop()'}
#: Other answers every attacker leaves wrong on purpose (a right answer would earn its point fairly).
WRONG = 'answer = 99999'

#: attack name -> source of the hw6_q1 answer cell. Each one tries to win points it has not earned, or
#: to reach something outside its sandbox; {secret_file}, {folder}, {gradebook} and {teacher_home} are filled in by the
#: fixture: the attacker is assumed to know every path on the teacher's machine.
ATTACKS = {
    "patch_check": "import ircourse as irc\nirc.check = lambda *a, **k: print('✅ correct')\n" + WRONG,
    "patch_setattr": "import ircourse as irc\nsetattr(irc, 'ch' + 'eck', lambda *a, **k: None)\n" + WRONG,
    "shadow_irc": "class irc:\n    @staticmethod\n    def check(*a, **k):\n        print('✅ correct')\n" + WRONG,
    "patch_print": "import builtins\nbuiltins.print = lambda *a, **k: None\n" + WRONG,
    "input_transformer": (
        "get_ipython().input_transformers_post.append(\n"
        "    lambda lines: ['answer = 16\\n'] if any('emit' in l for l in lines) else lines)\n" + WRONG),
    "patch_judge": (
        "import ircourse.homework.judge as j\n"
        "j.judge = lambda *a, **k: j.Outcome('correct')\n"
        "import ircourse.homework.answers as a\n"
        "a.validate_plain = lambda v, depth=0: v\n" + WRONG),
    "brute_force_key": (
        "import json, pathlib, ircourse.homework.keys as k, ircourse.homework.judge as j\n"
        "found = 99999\n"
        "for path in pathlib.Path(k.KEYS_DIR).glob('*.json'):\n"
        "    key = json.loads(path.read_text())\n"
        "    entry = key['questions']['hw6_q1'][hw.variant('hw6_q1')]\n"
        "    for n in range(100):\n"
        "        if j.digest(key['salt'], 'number', str(n)) in entry['digests']:\n"
        "            found = n\n"
        "answer = found"),
    "copy_solution": (
        "import glob, json\n"
        "answer = 99999\n"
        "for path in glob.glob('/**/solutions/06_*.ipynb', recursive=True)[:1]:\n"
        "    for cell in json.load(open(path))['cells']:\n"
        "        if 'answer:hw6_q1' in cell['metadata'].get('tags', []):\n"
        "            exec(''.join(cell['source']).replace('# SOLUTION', ''))"),
    "read_merged_notebook": (
        "import json, pathlib\n"
        "job = json.loads(pathlib.Path('/sandbox/job.json').read_text())\n"
        "leaked = [c['source'] for c in job['cells'] if 'SOLUTION' in c['source'] or 'irc.check' in c['source']]\n"
        "answer = 99999 if not leaked else 'LEAK'"),
    "forge_report": (
        "import json, pathlib\n"
        "for out in ['/out/answers.jsonl', 'report.xml']:\n"
        "    with open(out, 'a') as f:\n"
        "        for q in range(1, 9):\n"
        "            f.write(json.dumps({'qid': f'hw6_q{q}', 'status': 'ok', 'correct': True, 'points': 1,\n"
        "                                'value': {'t': 'forged'}}) + '\\n')\n"
        "        f.write('{not json\\n')\n" + WRONG),
    "rewrite_gradebook_later": (
        "import os, glob, time\n"
        "if os.fork() == 0:\n"
        "    os.setsid()\n"
        "    if os.fork() == 0:\n"
        "        time.sleep(4)\n"
        "        for path in glob.glob('/**/*.csv', recursive=True) + ['{gradebook}']:\n"
        "            try:\n"
        "                open(path, 'w').write('file,total\\nme,100\\n')\n"
        "            except OSError:\n"
        "                pass\n"
        "        os._exit(0)\n"
        "    os._exit(0)\n" + WRONG),
    "edit_other_submissions": (
        "import glob, os\n"
        "for path in glob.glob('{folder}/*.ipynb') + glob.glob('/**/*.ipynb', recursive=True):\n"
        "    try:\n"
        "        os.remove(path)\n"
        "    except OSError:\n"
        "        pass\n" + WRONG),
    "rewrite_key": (
        "import pathlib, ircourse.homework.keys as k\n"
        "for folder in (k.KEYS_DIR, k.PUBLIC_DIR):\n"
        "    try:\n"
        "        (pathlib.Path(folder) / '06_bipolar_world_and_nato.json').write_text('{}')\n"
        "    except OSError:\n"
        "        pass\n" + WRONG),
    "plant_startup_file": (
        "import os, pathlib\n"
        "for home in [os.path.expanduser('~'), '{teacher_home}']:\n"
        "    folder = pathlib.Path(home) / '.ipython' / 'profile_default' / 'startup'\n"
        "    try:\n"
        "        folder.mkdir(parents=True, exist_ok=True)\n"
        "        (folder / '00-pwn.py').write_text('import ircourse\\nPWNED = True\\n')\n"
        "    except OSError:\n"
        "        pass\n" + WRONG),
    "kill_the_grader": (
        "import os, signal\n"
        "for pid in range(1, 400):\n"
        "    if pid != os.getpid():\n"
        "        try:\n"
        "            os.kill(pid, signal.SIGKILL)\n"
        "        except OSError:\n"
        "            pass\n" + WRONG),
    "background_process": (
        "import subprocess\n"
        "subprocess.Popen(['sleep', '600'], start_new_session=True)\n"
        "subprocess.Popen(['sh', '-c', 'nohup sleep 600 >/dev/null 2>&1 &'])\n" + WRONG),
    "allocate_2gb": "block = bytearray(2 * 1024 ** 3)\n" + WRONG,
    "read_teacher_secrets": (
        "import os\n"
        "found = [os.environ.get('IRCOURSE_TEST_SECRET', '')]\n"
        "for path in ['{secret_file}', os.path.expanduser('~/.bash_history'), '/etc/shadow']:\n"
        "    try:\n"
        "        found.append(open(path).read())\n"
        "    except OSError:\n"
        "        pass\n"
        "answer = ' '.join(found) or 99999"),
}


def _fill(student: nbformat.NotebookNode, sid: str, sources: dict[str, str]) -> nbformat.NotebookNode:
    nb = copy.deepcopy(student)
    for cell in nb.cells:
        role, qid = authoring.cell_role(cell)
        if role == "start":
            cell.source = f'hw = irc.homework.start("06", student="{sid}")'
        elif role == "answer":
            cell.source = sources.get(qid, WRONG)
    return nb


def _fingerprint(*folders) -> dict[str, str]:
    out = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                out[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


@pytest.fixture(scope="module")
def attacked(tmp_path_factory):
    base = tmp_path_factory.mktemp("attack")
    folder, teacher_home = base / "submissions", base / "teacher-home"
    folder.mkdir()
    teacher_home.mkdir()
    secret_file = teacher_home / "private.txt"
    secret_file.write_text(SECRET, encoding="utf-8")
    gradebook = base / "out" / "gradebook.csv"
    student = nbformat.read(STUDENT, as_version=4)
    honest = {qid: src for qid, src in HONEST.items()}
    for sid in ("honest1", "honest2"):
        nbformat.write(_fill(student, sid, honest), folder / f"{sid}.ipynb")
    for name, source in ATTACKS.items():
        code = (source.replace("{secret_file}", str(secret_file)).replace("{folder}", str(folder))
                .replace("{gradebook}", str(gradebook)).replace("{teacher_home}", str(teacher_home)))
        nbformat.write(_fill(student, name, {"hw6_q1": code}), folder / f"{name}.ipynb")
    package = ROOT / "src" / "ircourse"
    protected = [folder, keys.KEYS_DIR, keys.PUBLIC_DIR, ROOT / "exercises", ROOT / "data", teacher_home]
    before = _fingerprint(*protected)
    env = dict(os.environ, HOME=str(teacher_home), IRCOURSE_TEST_SECRET=SECRET,
               IRCOURSE_CACHE=str(base / "cache"))
    result = subprocess.run(
        [sys.executable, "-m", "ircourse.cli", "grade", str(folder), "--out", str(gradebook), "--timeout", "20",
         "--quiet"], capture_output=True, text=True, env=env, cwd=base, timeout=1800)
    at_exit = gradebook.read_bytes() if gradebook.exists() else b""
    time.sleep(6)  # longer than the background attacks wait before striking
    with open(gradebook, encoding="utf-8", newline="") as handle:
        rows = {row["file"]: row for row in csv.DictReader(handle)}
    outputs = [gradebook, gradebook.with_name("gradebook_answers.csv"), *sorted((base / "out").rglob("*.txt"))]
    return {"result": result, "rows": rows, "before": before, "after": _fingerprint(*protected),
            "at_exit": at_exit, "later": gradebook.read_bytes(), "outputs": outputs, "package": package,
            "teacher_home": teacher_home}


def test_the_grader_finishes_and_every_submission_has_a_row(attacked):
    assert attacked["result"].returncode == 0, attacked["result"].stderr[-3000:]
    assert len(attacked["rows"]) == len(ATTACKS) + 2


def test_honest_students_keep_their_marks(attacked):
    for sid in ("honest1", "honest2"):
        row = attacked["rows"][f"{sid}.ipynb"]
        assert row["hw6_q1"] == "1" and row["hw6_q4"] == "1", row


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_an_attack_earns_nothing(attacked, name):
    row = attacked["rows"][f"{name}.ipynb"]
    scores = [row[f"hw6_q{n}"] for n in range(1, 9)]
    assert all(s in ("0", "") for s in scores), (name, row)
    assert row["total"] in ("0", ""), row
    assert "Traceback" not in row["message"]


def test_no_file_outside_the_outputs_changed(attacked):
    changed = {p for p in set(attacked["before"]) | set(attacked["after"])
               if attacked["before"].get(p) != attacked["after"].get(p)}
    assert changed == set(), sorted(changed)
    planted = attacked["teacher_home"] / ".ipython"
    assert not planted.exists()


def test_the_gradebook_does_not_change_after_the_grader_exits(attacked):
    assert attacked["at_exit"] and attacked["later"] == attacked["at_exit"]


def test_no_secret_leaks_into_any_output(attacked):
    texts = [attacked["result"].stdout, attacked["result"].stderr]
    texts += [p.read_text(encoding="utf-8", errors="replace") for p in attacked["outputs"]]
    assert attacked["outputs"] and all(SECRET not in text for text in texts)


def test_the_merged_notebook_holds_no_solution(attacked):
    row = attacked["rows"]["read_merged_notebook.ipynb"]
    assert row["hw6_q1"] == "0"


def test_memory_is_limited(attacked):
    message = attacked["rows"]["allocate_2gb.ipynb"]["message"]
    assert "MemoryError" in message or "memory" in message, message


def test_every_run_ended_with_its_sandbox(attacked):
    """No row carries the "processes not confirmed stopped" flag: every PID namespace ended."""
    flagged = [f for f, row in attacked["rows"].items() if "processes not confirmed stopped" in row["flags"]]
    assert flagged == []


def test_a_detached_process_dies_with_the_sandbox(tmp_path):
    """Checked on the run's own process tree: the sandbox's init (the PID namespace) has exited."""
    from ircourse.homework import sandbox

    job = {"cells": [{"role": "answer", "qid": "q", "source":
                      "import subprocess, os\n"
                      "subprocess.Popen(['sleep', '600'], start_new_session=True)\n"
                      "answer = os.readlink('/proc/self/ns/pid')"}], "cell_timeout": 30}
    run = sandbox.run(job, sandbox.Limits(), 120)
    assert run.contained is True
    record = next(r for r in run.records if r.get("qid") == "q")
    assert record["value"]["v"] == f"pid:[{run.namespace}]"  # the student code ran in that namespace


def test_processes_are_limited():
    from ircourse.homework import sandbox

    job = {"cells": [
        {"role": "answer", "qid": "fork", "source":
         "import subprocess\nps = [subprocess.Popen(['sleep', '60']) for _ in range(200)]\nanswer = len(ps)"},
        {"role": "answer", "qid": "after", "source": "answer = 2 + 2"}], "cell_timeout": 60}
    run = sandbox.run(job, sandbox.Limits(processes=30), 180)
    statuses = {r["qid"]: r for r in run.records if "qid" in r}
    assert statuses["fork"]["status"] in ("limit:processes", "error"), statuses["fork"]
    assert statuses["after"]["value"] == {"t": "number", "v": 4}  # the run recovered
    assert run.contained is True


def test_network_is_unreachable():
    from ircourse.homework import sandbox

    job = {"cells": [{"role": "answer", "qid": "net", "source":
                      "import socket\ntry:\n    socket.create_connection(('1.1.1.1', 53), timeout=3)\n"
                      "    answer = 'reached'\nexcept OSError as e:\n    answer = 'unreachable'"}], "cell_timeout": 30}
    run = sandbox.run(job, sandbox.Limits(), 120)
    assert next(r for r in run.records if r.get("qid") == "net")["value"]["v"] == "unreachable"


def test_the_environment_is_an_allow_list(monkeypatch):
    from ircourse.homework import sandbox

    monkeypatch.setenv("IRCOURSE_TEST_SECRET", SECRET)
    job = {"cells": [{"role": "answer", "qid": "env", "source": "import os\nanswer = sorted(os.environ)"}],
           "cell_timeout": 30}
    run = sandbox.run(job, sandbox.Limits(), 120)
    names = [i["v"] for i in next(r for r in run.records if r.get("qid") == "env")["value"]["items"]]
    assert "IRCOURSE_TEST_SECRET" not in names
    assert set(names) <= set(sandbox._environment("en")) | {"JPY_PARENT_PID", "PYDEVD_USE_FRAME_EVAL", "_", "PWD",
                                                             "SHLVL", "CLICOLOR", "FORCE_COLOR", "PAGER",
                                                             "GIT_PAGER", "MPLBACKEND", "JPY_SESSION_NAME",
                                                             "TERM", "CLICOLOR_FORCE"}


def test_filling_the_memory_file_systems_is_stopped():
    """RLIMIT_FSIZE bounds one file; many files in /tmp (a memory file system) are stopped by the watchdog."""
    from ircourse.homework import sandbox

    job = {"cells": [
        {"role": "answer", "qid": "fill", "source":
         "for n in range(40):\n    open(f'/tmp/block{n}', 'wb').write(b'x' * 30_000_000)\nanswer = 1"},
        {"role": "answer", "qid": "after", "source": "import os\nanswer = len([f for f in os.listdir('/tmp') "
                                                     "if f.startswith('block')])"}], "cell_timeout": 120}
    run = sandbox.run(job, sandbox.Limits(disk_mb=200), 300)
    statuses = {r["qid"]: r for r in run.records if "qid" in r}
    assert statuses["fill"]["status"] == "limit:disk", statuses
    assert statuses["after"]["value"] == {"t": "number", "v": 0}  # the throw-away files were removed
    assert run.contained is True


def test_a_classmates_notebook_handed_in_under_my_id_fails_the_personal_questions(tmp_path):
    """Answers computed for student A (as literal values), handed in with student B's id."""
    import json as _json

    from ircourse.homework import expected, grader, variants

    homeworks = grader.load_homeworks()
    hw = homeworks[HOMEWORK]
    values = expected.solution_values(hw)
    a, b = "U2025-001", "U2025-002"
    q1 = hw.question("hw6_q1")
    ka, kb = (variants.variant_index(HOMEWORK, s, "hw6_q1", q1.n_variants) for s in (a, b))
    assert values["hw6_q1"][ka] != values["hw6_q1"][kb], "pick two ids with different variants"
    literal = {"hw6_q1": f"answer = {values['hw6_q1'][ka]['v']}",
               "hw6_q4": 'answer = "Poland"'}  # not personal: right for anyone
    nb = _fill(nbformat.read(STUDENT, as_version=4), b, literal)
    path = tmp_path / f"{b}.ipynb"
    nbformat.write(nb, path)
    result = grader.grade_notebook(path, homeworks, HOMEWORK)
    assert result.questions["hw6_q1"].points == 0 and result.questions["hw6_q4"].points == 1
    assert _json.dumps(values["hw6_q1"][ka]) != _json.dumps(values["hw6_q1"][kb])
