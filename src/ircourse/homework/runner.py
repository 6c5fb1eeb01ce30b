"""Run a homework's code in a kernel and write out the value of ``answer`` after each answer cell.

This is the program that runs **inside the grading sandbox** (``python -m ircourse.homework.runner
JOB OUT``); the trusted run that computes expected answers from the solution notebooks uses it too,
outside the sandbox. It knows nothing of expected answers or keys: it executes the cells of a *job*
one by one in a fresh Jupyter kernel and, after each answer cell, asks the kernel for the value of
``answer`` as plain data (:func:`ircourse.homework.answers.emit`). Each result is one JSON line
appended to ``OUT/answers.jsonl`` as soon as it is known, so a run stopped from outside keeps what it
had::

    {"round": 0, "qid": "hw6_q1", "status": "ok", "value": {"t": "number", "v": 15}}
    {"round": 0, "qid": "hw6_q2", "status": "error", "error": "NameError: name 'natto' is not defined"}
    {"round": 0, "qid": "hw6_q3", "status": "timeout"}

A job is JSON: ``{"cells": [{"source": ..., "role": "setup"|"start"|"question"|"answer", "qid": ...,
"round": 0}, ...], "cell_timeout": 60}``. ``answer`` is reset to ``...`` before every answer cell,
so an answer cell that fails or assigns nothing never hands on the previous question's answer. When
a cell runs too long or kills its kernel, the kernel is restarted, the setup and start cells run
again, and the next questions are still graded.

Everything this program writes is untrusted by the grader: the student's code runs in the same
sandbox and could write to ``OUT`` itself. That can only change the values of the student's own
answers, which is all the grader takes from it.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import time
from pathlib import Path

import nbformat

from .answers import MIMETYPE

RESET = "answer = ..."
CAPTURE = '__import__("ircourse.homework.answers", fromlist=["emit"]).emit({qid!r}, globals().get("answer", ...))'
MAX_RESTARTS = 10
_ERROR_CHARS = 200


def _summary(outputs: list) -> str | None:
    for output in outputs:
        if output.get("output_type") == "error":
            text = f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"
            return " ".join(str(text).split())[:_ERROR_CHARS]
    return None


class Runner:
    """Executes a job cell by cell in one kernel, restarting it when a cell hangs or kills it."""

    def __init__(self, job: dict, out: Path, workdir: Path) -> None:
        from nbclient import NotebookClient

        self.job = job
        self.out = out
        self.timeout = float(job.get("cell_timeout", 60))
        self.cells = [nbformat.v4.new_code_cell(c["source"]) for c in job["cells"]]
        self.nb = nbformat.v4.new_notebook(cells=self.cells)
        self.client = NotebookClient(
            self.nb, timeout=self.timeout, kernel_name=job.get("kernel", "python3"), allow_errors=True,
            record_timing=False, interrupt_on_timeout=True, startup_timeout=120,
            error_on_timeout={"ename": "Timeout", "evalue": f"the cell ran longer than {self.timeout:g} s",
                              "traceback": []},
            resources={"metadata": {"path": str(workdir)}},
        )
        self.restarts = 0
        self.watchdog: Watchdog | None = None
        self.handle = open(out / "answers.jsonl", "a", encoding="utf-8")

    def write(self, record: dict) -> None:
        """Append one result line and flush it to disk."""
        self.handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.handle.flush()

    def _execute(self, source: str, index: int, store_history: bool = True):
        from nbclient.exceptions import DeadKernelError

        cell = nbformat.v4.new_code_cell(source)
        began = time.monotonic()
        try:
            self.client.execute_cell(cell, index, store_history=store_history)
        except DeadKernelError:
            return None, self._limit() or "dead"
        limit = self._limit()
        if limit:
            return cell, limit
        error = _summary(cell.outputs)
        # nbclient interrupts a cell that runs too long; a kernel that ignores the interrupt is still busy,
        # so a timeout is decided by the clock, and the caller restarts the kernel
        if time.monotonic() - began >= self.timeout * 0.95:
            return cell, "timeout"
        return cell, ("error" if error else "ok")

    def _limit(self) -> str | None:
        """``"limit:<what>"`` if the watchdog stopped everything during the last cell."""
        if self.watchdog is not None and self.watchdog.tripped:
            what, self.watchdog.tripped = self.watchdog.tripped, None
            return f"limit:{what}"
        return None

    def _restart(self) -> bool:
        """Restart the kernel and replay the setup and start cells; False when no restart is left."""
        if self.restarts >= MAX_RESTARTS:
            return False
        self.restarts += 1
        from jupyter_core.utils import run_sync

        try:
            run_sync(self.client.km.restart_kernel)(now=True)
            run_sync(self.client.kc.wait_for_ready)(timeout=60)
        except Exception as exc:  # noqa: BLE001
            self.write({"event": "restart_failed", "error": type(exc).__name__})
            return False
        self.write({"event": "restarted"})
        for index, spec in enumerate(self.job["cells"]):
            if spec.get("role") in ("setup", "start") and spec.get("round", 0) == self.round:
                self._execute(spec["source"], index)
        return True

    def run(self) -> None:
        """Execute every cell of the job, writing a result line per answer cell."""
        self.round = 0
        with self.client.setup_kernel():
            self.write({"event": "started"})
            dead = False
            for index, spec in enumerate(self.job["cells"]):
                role, qid = spec.get("role"), spec.get("qid")
                self.round = spec.get("round", 0)
                if dead:
                    if role == "answer":
                        self.write({"round": self.round, "qid": qid, "status": "not_run"})
                    continue
                if role == "answer":
                    self._execute(RESET, index, store_history=False)
                cell, status = self._execute(spec["source"], index)
                if role != "answer":
                    if status in ("error",) and role in ("setup", "start"):
                        self.write({"event": "setup_error", "error": _summary(cell.outputs)})
                    if status in ("timeout", "dead") or status.startswith("limit"):
                        dead = not self._restart()
                    continue
                if status == "ok":
                    captured, cstatus = self._execute(CAPTURE.format(qid=qid), index, store_history=False)
                    value = None
                    for output in captured.outputs if captured is not None else []:
                        data = output.get("data", {})
                        if MIMETYPE in data and isinstance(data[MIMETYPE], dict) and data[MIMETYPE].get("qid") == qid:
                            value = data[MIMETYPE].get("value")
                    if value is not None:
                        self.write({"round": self.round, "qid": qid, "status": "ok", "value": value})
                    else:
                        self.write({"round": self.round, "qid": qid, "status": "unreadable"})
                        if cstatus in ("timeout", "dead") or cstatus.startswith("limit"):
                            dead = not self._restart()
                elif status == "error":
                    self.write({"round": self.round, "qid": qid, "status": "error", "error": _summary(cell.outputs)})
                else:
                    self.write({"round": self.round, "qid": qid, "status": status})
                    dead = not self._restart()
            self.write({"event": "done"})


class Watchdog(threading.Thread):
    """Inside the sandbox's own PID namespace: stop everything when the processes use too much.

    Linux does not enforce ``RLIMIT_NPROC`` for processes whose real user is root (as when the
    teacher or a CI job grades as root), ``RLIMIT_AS`` bounds each process, not their sum, and
    ``RLIMIT_FSIZE`` one file, not how many. So the runner also counts the processes of its PID
    namespace, adds up their resident memory and the files in the sandbox's memory file systems,
    every 50 ms, and kills every other process of the namespace when a limit is passed (and empties
    the throw-away folders when they are too full). Only used inside the sandbox: there, the
    namespace holds nothing but this run.
    """

    def __init__(self, max_processes: int, max_memory_mb: int, max_disk_mb: int = 512) -> None:
        super().__init__(daemon=True)
        self.max_processes = max_processes
        self.max_bytes = max_memory_mb * 1024 * 1024
        self.max_disk = max_disk_mb * 1024 * 1024
        self.tripped: str | None = None

    @staticmethod
    def _disk() -> int:
        """Bytes used in the sandbox's throw-away file systems (tmpfs: they live in memory)."""
        used = 0
        for folder in ("/tmp", "/home", "/dev/shm"):
            try:
                stat = os.statvfs(folder)
            except OSError:
                continue
            used += (stat.f_blocks - stat.f_bfree) * stat.f_frsize
        return used

    def _usage(self) -> tuple[int, int]:
        count, rss = 0, 0
        page = os.sysconf("SC_PAGE_SIZE")
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            count += 1
            try:
                with open(f"/proc/{entry}/statm", encoding="ascii") as handle:
                    rss += int(handle.read().split()[1]) * page
            except (OSError, ValueError, IndexError):
                pass
        return count, rss

    def run(self) -> None:  # pragma: no cover - exercised by the sandbox tests in a subprocess
        while True:
            count, rss = self._usage()
            disk = self._disk()
            if count > self.max_processes or rss > self.max_bytes or disk > self.max_disk:
                self.tripped = ("processes" if count > self.max_processes else "memory" if rss > self.max_bytes
                                else "disk")
                try:
                    os.kill(-1, signal.SIGKILL)  # every process of the namespace but init and us
                except OSError:
                    pass
                if self.tripped == "disk":
                    time.sleep(0.1)
                    _empty_throwaway_folders()
                time.sleep(0.5)
            time.sleep(0.05)


def _empty_throwaway_folders() -> None:
    """Delete the student's files in /tmp, HOME and /dev/shm (inside the sandbox only)."""
    import shutil

    for folder in ("/tmp", os.path.expanduser("~"), "/dev/shm"):
        try:
            entries = os.listdir(folder)
        except OSError:
            continue
        for entry in entries:
            path = os.path.join(folder, entry)
            if path.startswith("/tmp/jupyter") or entry.startswith((".ipython", ".local")):
                continue  # the kernel's own files
            try:
                shutil.rmtree(path) if os.path.isdir(path) and not os.path.islink(path) else os.remove(path)
            except OSError:
                pass


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: ``python -m ircourse.homework.runner JOB OUT [--watchdog P,M]``."""
    parser = argparse.ArgumentParser(description="run a homework job and write the answers (used by the grader)")
    parser.add_argument("job", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--watchdog", default=None,
                        help="MAX_PROCESSES,MAX_MEMORY_MB[,MAX_DISK_MB] (only in a PID namespace)")
    parser.add_argument("--subreaper", action="store_true",
                        help="adopt orphaned descendants and kill them all at the end (without the sandbox)")
    args = parser.parse_args(argv)
    if args.subreaper:
        _become_subreaper()
    job = json.loads(args.job.read_text(encoding="utf-8"))
    workdir = args.workdir or Path(os.environ.get("TMPDIR", "/tmp"))
    runner = Runner(job, args.out, workdir)
    watchdog = None
    if args.watchdog:
        watchdog = Watchdog(*(int(x) for x in args.watchdog.split(",")))
        runner.watchdog = watchdog
        watchdog.start()
    try:
        runner.run()
    except Exception as exc:  # noqa: BLE001 - whatever happened, say so in the results
        runner.write({"event": "runner_failed", "error": f"{type(exc).__name__}: {exc}"[:_ERROR_CHARS]})
        return 1
    finally:
        runner.handle.close()
        if args.subreaper:
            kill_descendants(os.getpid())
    return 0


def _become_subreaper() -> None:
    """Linux: orphaned descendants (a kernel's detached children) are re-parented to this process."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass


def kill_descendants(pid: int) -> None:
    """Kill every process below ``pid`` (the kernel starts in a session of its own, so a process-group
    kill does not reach it)."""
    try:
        import psutil
    except ImportError:
        return
    try:
        children = psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return
    for child in children:
        try:
            child.kill()
        except psutil.Error:
            pass
    psutil.wait_procs(children, timeout=5)  # reap them (as a subreaper, they are our children)


if __name__ == "__main__":
    sys.exit(main())
