"""Run a student's homework code in a bubblewrap sandbox, and read back only the answer values.

The trust boundary of grading::

    grader (trusted, teacher's process)                 sandbox (the student's code runs here)
      reads the submission, merges its answer cells       python -m ircourse.homework.runner
      into the pristine student template (no keys,        a Jupyter kernel runs the cells; after each
      no solutions), writes job.json  ── read-only ──▶     answer cell, the value of `answer` as plain
                                                           JSON goes to /out/answers.jsonl
      kills the whole sandbox, then reads /out  ◀────────
      judges each value outside (ircourse.homework.judge), against expected answers from the
      solution notebooks, which never enter the sandbox

The sandbox is `bubblewrap <https://github.com/containers/bubblewrap>`_ (Debian package
``bubblewrap``): new user, PID, network, IPC, UTS and cgroup namespaces (no network; nothing outlives
the run, because the kernel kills a PID namespace with its first process), a throw-away ``/tmp`` and
``HOME``, an environment reduced to an allow-list, and read-only access to the Python installation,
the course package (with its answer keys hidden) and the datasets; nothing else of the teacher's
machine is visible: not the solutions, the submissions, the gradebook or the teacher's files.

Resource limits (:class:`Limits`, the ``--memory``, ``--cpu``, ``--file-size``, ``--processes`` and
``--output`` flags of ``ircourse grade``) are rlimits set before bubblewrap starts, so every process
inside inherits them, plus a watchdog inside the PID namespace that counts processes and sums their
memory (Linux does not apply ``RLIMIT_NPROC`` to root, and ``RLIMIT_AS`` bounds one process only).
The wall-clock limit kills the whole sandbox from outside.

Where bubblewrap is missing or cannot start (macOS, Windows, containers without user namespaces),
:func:`check_available` explains how to get it; the teacher may grade with ``--no-sandbox``, which
keeps the clean environment, a temporary ``HOME``, the rlimits and the process-group kill, but does
not hide the teacher's files from the student's code.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import answers

SANDBOX_UID = 1000
HOME = "/home/student"
_ETC = ("passwd", "group", "nsswitch.conf", "hosts", "localtime", "ld.so.cache", "ld.so.conf", "ld.so.conf.d",
        "mime.types", "os-release")
_STATUSES = {"ok", "error", "timeout", "dead", "not_run", "unreadable", "limit:processes", "limit:memory",
             "limit:disk"}


@dataclass(frozen=True)
class Limits:
    """Resource limits of one sandboxed run.

    Attributes
    ----------
    memory_mb : int
        Address space of each process (``RLIMIT_AS``) and resident memory of all processes together.
    cpu_seconds : int
        CPU time of each process (``RLIMIT_CPU``).
    file_mb : int
        Largest file a process may write (``RLIMIT_FSIZE``).
    processes : int
        Most processes at once (``RLIMIT_NPROC`` and the watchdog).
    output_kb : int
        Most bytes of results read back.
    disk_mb : int
        Most bytes of files in the sandbox's throw-away folders (``/tmp``, ``HOME``, ``/dev/shm``: memory
        file systems, so the watchdog counts them).
    """

    memory_mb: int = 2048
    cpu_seconds: int = 600
    file_mb: int = 64
    processes: int = 64
    output_kb: int = 8192
    disk_mb: int = 512

    def rlimits(self) -> list[tuple[int, int]]:
        """Return ``(resource, value)`` pairs for :func:`resource.setrlimit`."""
        import resource

        out = [(resource.RLIMIT_AS, self.memory_mb * 1024 * 1024),
               (resource.RLIMIT_CPU, self.cpu_seconds),
               (resource.RLIMIT_FSIZE, self.file_mb * 1024 * 1024),
               (resource.RLIMIT_CORE, 0)]
        if hasattr(resource, "RLIMIT_NPROC"):
            out.append((resource.RLIMIT_NPROC, self.processes))
        return out


class SandboxUnavailable(RuntimeError):
    """bubblewrap is missing or cannot create its namespaces here (the message says what to do)."""


@dataclass
class RunResult:
    """What came back from one run.

    Attributes
    ----------
    records : list of dict
        Validated result lines (:mod:`ircourse.homework.runner`).
    problem : str or None
        ``"timeout"`` when the wall-clock limit stopped the run, ``"output"`` when it wrote too much,
        ``"failed"`` when the runner could not start; None otherwise.
    seconds : float
        Wall time.
    log : str
        The last lines the runner printed (for the teacher's debugging; untrusted).
    contained : bool or None
        True when every process of the run is known to be gone: the sandbox's first process (the init
        of its PID namespace) exited, and the kernel kills and reaps every other process of a PID
        namespace before its init's exit completes. None without the sandbox (not known).
    namespace : int or None
        The inode of the sandbox's PID namespace (from bubblewrap's ``--info-fd``).
    """

    records: list
    problem: str | None
    seconds: float
    log: str = ""
    contained: bool | None = None
    namespace: int | None = None


# --------------------------------------------------------------------------------------------------
# Availability
# --------------------------------------------------------------------------------------------------


INSTALL_HELP = (
    "Grading runs each submission in a bubblewrap sandbox, so that a student's code cannot reach your "
    "files, the other submissions or the gradebook. {why} On Debian or Ubuntu: sudo apt-get install "
    "bubblewrap. On macOS, Windows or a container without user namespaces, bubblewrap cannot run: grade "
    "on a Linux machine, or in a container per submission as otter-grader does with Docker, or pass "
    "--no-sandbox to grade without isolation (only for code you trust)."
)


@lru_cache(maxsize=1)
def check_available() -> None:
    """Raise :class:`SandboxUnavailable` unless bubblewrap can start a sandbox here."""
    if not sys.platform.startswith("linux"):
        raise SandboxUnavailable(INSTALL_HELP.format(why=f"bubblewrap runs only on Linux (this is {sys.platform})."))
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        raise SandboxUnavailable(INSTALL_HELP.format(why="The bwrap command was not found."))
    probe = [bwrap, *_system_binds(), "--unshare-all", "--unshare-user", "--uid", str(SANDBOX_UID),
             "--gid", str(SANDBOX_UID), "--die-with-parent", "--new-session", "--proc", "/proc", "--dev", "/dev",
             "true"]
    try:
        result = subprocess.run(probe, capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SandboxUnavailable(INSTALL_HELP.format(why=f"bwrap could not start ({exc}).")) from None
    if result.returncode != 0:
        reason = " ".join(result.stderr.split())[:200]
        raise SandboxUnavailable(INSTALL_HELP.format(why=f"bwrap could not create a sandbox here ({reason})."))


def _system_binds() -> list[str]:
    args = ["--ro-bind", "/usr", "/usr"]
    for name in ("bin", "lib", "lib64", "lib32", "sbin"):
        path = Path("/") / name
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            args += ["--ro-bind", str(path), str(path)]
    for name in _ETC:
        args += ["--ro-bind-try", f"/etc/{name}", f"/etc/{name}"]
    return args


# --------------------------------------------------------------------------------------------------
# What the sandbox may read
# --------------------------------------------------------------------------------------------------


def _package_dir() -> Path:
    return Path(__file__).resolve().parents[1]


def _readable_paths() -> list[Path]:
    """The Python installation, the course package and the datasets (read-only in the sandbox)."""
    from ..data import data_dir

    paths = {Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve(), _package_dir(), data_dir().resolve()}
    for entry in sys.path:  # site-packages outside the prefixes (e.g. a distribution's dist-packages)
        path = Path(entry)
        if path.is_dir() and path.name in ("site-packages", "dist-packages"):
            paths.add(path.resolve())
    # Skip paths already inside another one, and everything under /usr (bound as a whole).
    ordered = sorted(paths, key=lambda p: len(p.parts))
    kept: list[Path] = []
    for path in ordered:
        if path == Path("/usr") or Path("/usr") in path.parents:
            continue
        if not any(k == path or k in path.parents for k in kept):
            kept.append(path)
    return kept


def _environment(lang: str) -> dict[str, str]:
    from ..data import data_dir

    return {
        "HOME": HOME, "PATH": f"{Path(sys.prefix) / 'bin'}:/usr/bin:/bin", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
        "IPYTHONDIR": "/tmp/ipython", "JUPYTER_RUNTIME_DIR": "/tmp/jupyter/runtime",
        "JUPYTER_CONFIG_DIR": "/tmp/jupyter/config", "JUPYTER_DATA_DIR": "/tmp/jupyter/data",
        "JUPYTER_PLATFORM_DIRS": "1", "MPLBACKEND": "Agg", "PYTHONDONTWRITEBYTECODE": "1", "PYTHONNOUSERSITE": "1",
        "MALLOC_ARENA_MAX": "2", "IRCOURSE_DATA": str(data_dir().resolve()), "IRCOURSE_LANG": lang,
        "TMPDIR": "/tmp",
    }


def bwrap_command(job: Path, out: Path, limits: Limits, lang: str = "en") -> list[str]:
    """Return the bubblewrap command that runs ``job`` with results in ``out``.

    Parameters
    ----------
    job : pathlib.Path
        The job file (bound read-only at ``/sandbox/job.json``).
    out : pathlib.Path
        An empty folder of the grader's (bound read-write at ``/out``).
    limits : Limits
        For the watchdog's arguments (the rlimits are set by :func:`run`).
    lang : str
        Language of the kernel's messages.
    """
    args = ["bwrap", "--tmpfs", "/tmp", *_system_binds(), "--proc", "/proc", "--dev", "/dev",
            "--tmpfs", "/home", "--dir", HOME, "--tmpfs", "/root", "--tmpfs", "/var", "--tmpfs", "/run"]
    for path in _readable_paths():
        args += ["--ro-bind", str(path), str(path)]
    keys_dir = _package_dir() / "homework" / "keys"
    args += ["--tmpfs", str(keys_dir)]  # the formative answer keys are not the student's to read
    args += ["--ro-bind", str(job), "/sandbox/job.json", "--bind", str(out), "/out"]
    args += ["--unshare-all", "--unshare-user", "--uid", str(SANDBOX_UID), "--gid", str(SANDBOX_UID),
             "--hostname", "sandbox", "--die-with-parent", "--new-session", "--clearenv", "--chdir", HOME]
    for key, value in _environment(lang).items():
        args += ["--setenv", key, value]
    args += [str(Path(sys.prefix) / "bin" / "python"), "-m", "ircourse.homework.runner", "/sandbox/job.json", "/out",
             "--workdir", HOME, "--watchdog", f"{limits.processes},{limits.memory_mb},{limits.disk_mb}"]
    return args


def _preexec(limits: Limits):
    def apply() -> None:
        import resource

        for what, value in limits.rlimits():
            try:
                resource.setrlimit(what, (value, value))
            except (ValueError, OSError):
                pass
    return apply


# --------------------------------------------------------------------------------------------------
# Running
# --------------------------------------------------------------------------------------------------


def run(job: dict, limits: Limits, total_timeout: float, sandbox: bool = True, lang: str = "en",
        extra_env: dict[str, str] | None = None) -> RunResult:
    """Run a job (student code) and return the validated result lines.

    Parameters
    ----------
    job : dict
        The runner job (:mod:`ircourse.homework.runner`).
    limits : Limits
        Resource limits.
    total_timeout : float
        Seconds before the whole run is killed.
    sandbox : bool
        Run inside bubblewrap (True) or, with ``--no-sandbox``, as a plain subprocess with a clean
        environment and a temporary HOME.
    lang : str
        Language of the kernel's messages.
    extra_env : dict, optional
        More environment variables, only without the sandbox (the trusted run of the solutions).

    Raises
    ------
    SandboxUnavailable
        If ``sandbox`` is asked for and bubblewrap cannot run here.
    """
    if sandbox:
        check_available()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ircourse-run-") as tmp:
        tmp_path = Path(tmp)
        job_path = tmp_path / "job.json"
        out = tmp_path / "out"
        home = tmp_path / "home"
        out.mkdir()
        home.mkdir()
        job_path.write_text(json.dumps(job), encoding="utf-8")
        job_path.chmod(0o644)
        out.chmod(0o777)  # the sandbox's user (uid 1000 inside) writes here
        if sandbox:
            command = bwrap_command(job_path, out, limits, lang)
            env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
            cwd = tmp_path
        else:
            command = [sys.executable, "-m", "ircourse.homework.runner", str(job_path), str(out),
                       "--workdir", str(home), "--subreaper"]
            env = _environment(lang) | {"HOME": str(home), "TMPDIR": str(home), "IPYTHONDIR": str(home / ".ipython"),
                                        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
                                        "JUPYTER_CONFIG_DIR": str(home / "config"),
                                        "JUPYTER_DATA_DIR": str(home / "data")} | (extra_env or {})
            cwd = home
        log_path = tmp_path / "runner.log"
        problem = None
        info_read, info_write = os.pipe() if sandbox else (None, None)
        if sandbox:
            command = [command[0], "--info-fd", str(info_write), *command[1:]]
        with open(log_path, "wb") as log:
            try:
                proc = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=log,
                                        stderr=subprocess.STDOUT, start_new_session=True,
                                        preexec_fn=_preexec(limits), pass_fds=(info_write,) if sandbox else ())
            finally:
                if info_write is not None:
                    os.close(info_write)
            init = _sandbox_init(info_read) if sandbox else None
            try:
                proc.wait(timeout=total_timeout)
            except subprocess.TimeoutExpired:
                problem = "timeout"
            finally:
                if not sandbox:
                    from .runner import kill_descendants

                    kill_descendants(proc.pid)  # the runner adopted every orphan: its tree is the whole run
                _kill_group(proc)
            contained = _wait_exit(init[0]) if init else None
        records, too_big = read_results(out / "answers.jsonl", limits.output_kb * 1024)
        if too_big:
            problem = problem or "output"
        if not problem and not any(r.get("event") == "started" for r in records):
            problem = "failed"
        log_text = log_path.read_bytes()[-2000:].decode("utf-8", "replace")
    return RunResult(records, problem, time.perf_counter() - start, log_text, contained,
                     init[1] if init else None)


def _sandbox_init(fd: int) -> tuple[int, int | None] | None:
    """Read bubblewrap's ``--info-fd`` report; return (pidfd of the sandbox's init, PID namespace inode).

    bubblewrap writes the JSON, possibly in several pieces, then closes the descriptor: read to the
    end (closing early would kill bubblewrap with SIGPIPE).
    """
    import select

    chunks = []
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                break
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(fd)
    try:
        info = json.loads(b"".join(chunks).decode("utf-8"))
        return os.pidfd_open(int(info["child-pid"])), info.get("pid-namespace")
    except (ValueError, KeyError, TypeError, OSError, AttributeError):
        return None


def _wait_exit(pidfd: int, timeout: float = 15) -> bool:
    """Whether the process behind ``pidfd`` exited within ``timeout`` seconds."""
    import select

    try:
        ready, _, _ = select.select([pidfd], [], [], timeout)
        return bool(ready)
    finally:
        os.close(pidfd)


def _kill_group(proc: subprocess.Popen) -> None:
    """Kill the run's whole process group (bubblewrap takes its PID namespace with it)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        pass


def read_results(path: Path, max_bytes: int) -> tuple[list[dict], bool]:
    """Read and validate result lines; return ``(records, truncated)``.

    Only the documented shapes are kept: an event line, or a question line with a known status and,
    for ``ok``, a value that is valid plain data. Anything else is dropped.
    """
    if not path.is_file() or path.is_symlink():
        return [], False
    with open(path, "rb") as handle:
        raw = handle.read(max_bytes + 1)
    truncated = len(raw) > max_bytes
    records = []
    for line in raw[:max_bytes].decode("utf-8", "replace").splitlines():
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):
            continue
        if not isinstance(record, dict):
            continue
        if "event" in record:
            if isinstance(record["event"], str):
                records.append({"event": record["event"][:40],
                                "error": str(record.get("error") or "")[:200]})
            continue
        qid, status = record.get("qid"), record.get("status")
        if not isinstance(qid, str) or status not in _STATUSES or not isinstance(record.get("round", 0), int):
            continue
        clean = {"qid": qid[:40], "status": status, "round": record.get("round", 0)}
        if status == "ok":
            try:
                clean["value"] = answers.validate_plain(record.get("value"))
            except (answers.InvalidPlain, RecursionError):
                continue
        if status == "error":
            clean["error"] = str(record.get("error") or "")[:200]
        records.append(clean)
    return records, truncated
