"""Running a native parser where its crash cannot take the caller down.

python-calamine is Rust: an allocation it cannot make aborts the whole process (SIGABRT, no
exception), and a bug surfaces as a panic. The pre-read checks in :mod:`orderkit.files.safety`
refuse every file known to do that, but the next such bug will not be on any list. So an
untrusted workbook is parsed in a forked child limited in address space and processor time;
the child hands the rows back through a pipe, and whatever happens to it (an abort, a
signal, a timeout, memory running out) reaches the caller as an
:class:`~orderkit.UnreadableFile` that says what to do.

Why a plain ``fork`` is safe here although the caller may run threads (polars or pyarrow
pools, a web server's workers): a forked child holds only the thread that forked, and any
lock another thread held stays held in it. The child therefore does as little as possible:
everything it needs (python-calamine, pickle, resource) is imported by the parent first, and
it runs only the reader, ``pickle.dumps`` and ``os.write`` before ``os._exit`` (no atexit
handlers, no flushing of the parent's buffers, no logging). glibc makes ``malloc`` usable
after a fork, and Python resets the interpreter's own locks. Should a lock still be held,
the child sleeps without using the processor: the parent's wall-clock deadline kills it and
says the file took too long. A forkserver would avoid even that, at the price of a resident
helper process and a copy of every file's path across a socket; a fork costs about a
millisecond.
"""

from __future__ import annotations

import contextlib
import faulthandler
import gc
import os
import pickle
import resource
import select
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Final, TypeVar, cast

# Everything a child may need to build an error is imported here, before any fork: a child
# that imports would need the import lock, which another thread of the caller (a thread
# pool, a cluster client) may have held at the moment of the fork.
from orderkit.model import error_texts, errors, particles, wording  # noqa: F401
from orderkit.model.errors import OrderkitError, UnreadableFile

__all__ = ["available", "run_isolated"]

T = TypeVar("T")

_MAX_FD: Final = 1 << 20
_OUT_OF_MEMORY: Final = 71
_FAILED: Final = 70
# What a child may send back: plain containers, numbers and text (no lookup needed), the
# cell types a workbook holds, and orderkit's own file errors. Nothing else is unpickled,
# so even a child whose memory a hostile file corrupted cannot run code in the caller.
_ALLOWED: Final = {
    ("datetime", "datetime"),
    ("datetime", "date"),
    ("datetime", "time"),
    ("datetime", "timedelta"),
    ("datetime", "timezone"),
}

# orderkit's own file errors, by name. They cross as (name, English, Korean), never as
# pickled exceptions: a library in the caller may have changed how every exception pickles
# (distributed installs tblib's reducers), and what it changed the child inherits.
_ERRORS: Final = {
    name: getattr(errors, name)
    for name in errors.__all__
    if isinstance(getattr(errors, name), type) and issubclass(getattr(errors, name), UnreadableFile)
}


def available() -> bool:
    """Whether this platform can fork (not Windows): elsewhere readers run in-process."""
    return hasattr(os, "fork")


def run_isolated(work: Callable[[], T], *, path: Path, memory: int, seconds: int) -> T:
    """``work()`` run in a forked child with ``memory`` bytes of address space beyond what
    the process holds now and ``seconds`` of processor time; its result, or the
    :class:`~orderkit.OrderkitError` it raised, handed back.

    Raises:
        UnreadableFile: the child crashed, was killed, ran out of memory or time, or the
            system would not start it (no process or file descriptor left).
    """
    # The rows come back through a memory file, read once the child has exited: a pipe
    # would wake the caller for every 64 KiB. The pipe only tells when the child is gone.
    try:
        scratch = _scratch()
    except OSError as exc:
        raise _cannot_start(path, exc) from None
    try:
        read_end, write_end = os.pipe()
    except OSError as exc:
        os.close(scratch)
        raise _cannot_start(path, exc) from None
    try:
        try:
            pid = os.fork()
        except OSError as exc:
            os.close(write_end)
            raise _cannot_start(path, exc) from None
        if pid == 0:  # pragma: no cover - runs in the child, which never returns
            # Keep only the answer file and the pipe: a descriptor another thread opened
            # (the pipe of a concurrent read, a socket) must not be held open by this child.
            _close_all_but(scratch, write_end)
            _child(work, scratch, memory, seconds)
        os.close(write_end)
        reaped = False
        try:
            timed_out = _wait_for_exit(read_end, _deadline(seconds))
            if timed_out:
                os.kill(pid, signal.SIGKILL)
            status = _reap(pid)
            reaped = True
        finally:
            if not reaped:
                # Interrupted (Ctrl-C): the child must not outlive the call.
                os.kill(pid, signal.SIGKILL)
                _reap(pid)
        data = b"" if timed_out else _read_all(scratch)
    finally:
        os.close(read_end)
        os.close(scratch)
    if timed_out:
        wall = _deadline(seconds)
        raise _failure(path, f"took more than {wall} s", f"{wall}초 넘게 걸려")
    outcome = _outcome(data)
    if outcome is None or status not in (0, None):
        raise _crashed(path, status, seconds)
    kind, value = outcome
    if kind == "error":
        assert isinstance(value, OrderkitError)
        raise value
    return cast(T, value)


def _close_all_but(*keep: int) -> None:
    low = 3
    for fd in sorted(keep):
        os.closerange(low, fd)
        low = fd + 1
    os.closerange(low, _MAX_FD)


def _scratch() -> int:
    """A file descriptor for the child's answer: in memory where the system allows."""
    if hasattr(os, "memfd_create"):
        return os.memfd_create("orderkit-reader", os.MFD_CLOEXEC)
    import tempfile  # only where there is no memory file: it imports random and shutil

    with tempfile.TemporaryFile() as handle:  # unlinked: gone once the last copy closes
        return os.dup(handle.fileno())


def _read_all(fd: int) -> bytes:
    size = os.fstat(fd).st_size
    os.lseek(fd, 0, os.SEEK_SET)
    chunks, total = [], 0
    while total < size:
        chunk = os.read(fd, size - total)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _deadline(seconds: int) -> int:
    """Wall-clock seconds the parent waits: room for a busy machine, a bound on a child
    that sleeps (a lock that stayed held over the fork) and so never uses its CPU time."""
    return seconds * 2 + 5


def _child(work: Callable[[], object], out: int, memory: int, seconds: int) -> None:
    """Run in the forked child only: never returns."""
    status = 0
    try:
        # No garbage collection in the child: it lives for one read and makes no cycles,
        # and a collection would walk every object it shares with the caller, copying each
        # page it writes to (in a caller holding a few hundred MiB, a fifth of the read).
        gc.disable()
        # The reader's own crash report (a Rust backtrace) is noise in the caller's log:
        # the parent turns the crash into an error that says what happened.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        # faulthandler (pytest, python -X faulthandler) writes to its own copy of stderr.
        faulthandler.disable()
        _limit(memory, seconds)
        try:
            outcome: tuple[str, object] = ("ok", work())
        except OrderkitError as error:
            outcome = ("error", (type(error).__name__, str(error), error.ko))
        with os.fdopen(out, "wb", closefd=False) as answer:
            pickle.dump(outcome, answer, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        status = _OUT_OF_MEMORY
    except BaseException:  # a panic or anything else: the parent reports the crash
        status = _FAILED
    finally:
        os._exit(status)


def _limit(memory: int, seconds: int) -> None:
    # A limit the system will not set (an exotic platform) leaves the wall-clock deadline
    # and the pre-read checks in place; it must not make every file unreadable.
    with contextlib.suppress(ValueError, OSError):
        _limit_cpu(seconds)
    with contextlib.suppress(ValueError, OSError):
        _limit_memory(memory)


def _limit_cpu(seconds: int) -> None:
    _, hard_cpu = resource.getrlimit(resource.RLIMIT_CPU)
    soft = seconds if hard_cpu == resource.RLIM_INFINITY else min(seconds, hard_cpu)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard_cpu))


def _limit_memory(memory: int) -> None:
    held = _address_space()
    if held is not None:
        _, hard_as = resource.getrlimit(resource.RLIMIT_AS)
        wanted = held + memory
        if hard_as != resource.RLIM_INFINITY:
            wanted = min(wanted, hard_as)
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard_as))


def _address_space() -> int | None:
    """Bytes of address space this process maps now (Linux); ``None`` elsewhere."""
    try:
        with open("/proc/self/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def _wait_for_exit(fd: int, deadline_seconds: float) -> bool:
    """Wait until the child's end of the pipe closes (it exited); ``True`` on timeout."""
    deadline = time.monotonic() + deadline_seconds
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLHUP)
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return True
        if poller.poll(min(left, 1.0) * 1000) and not os.read(fd, 1):
            return False


def _reap(pid: int) -> int | None:
    """The child's exit code (negative: the signal that killed it); ``None`` if unknown."""
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        # The caller ignores SIGCHLD, so children are reaped for it: judge by the data.
        return None
    return os.waitstatus_to_exitcode(status)


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> object:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not expected from a reader")
        return super().find_class(module, name)


def _outcome(data: bytes) -> tuple[str, object] | None:
    if not data:
        return None
    import io

    try:
        outcome = _Unpickler(io.BytesIO(data)).load()
    except Exception:
        return None
    if not (isinstance(outcome, tuple) and len(outcome) == 2 and outcome[0] in ("ok", "error")):
        return None
    if outcome[0] == "error":
        error = _error(outcome[1])
        return None if error is None else ("error", error)
    return outcome


def _error(sent: object) -> OrderkitError | None:
    """The error a child sent as ``(class name, English, Korean)``; ``None`` for anything
    else."""
    if not (isinstance(sent, tuple) and len(sent) == 3):
        return None
    name, message, ko = sent
    kind = _ERRORS.get(name) if isinstance(name, str) else None
    if kind is None or not isinstance(message, str) or not isinstance(ko, str | None):
        return None
    # Built without __init__: the texts are final (particles already chosen in the child).
    error: OrderkitError = kind.__new__(kind)
    Exception.__init__(error, message)
    error.ko = ko
    return error


def _crashed(path: Path, status: int | None, seconds: int) -> UnreadableFile:
    if status == _OUT_OF_MEMORY:
        return _failure(path, "ran out of memory", "메모리가 부족해")
    if status == -signal.SIGABRT:
        # Rust aborts when an allocation fails: under the child's memory limit, that is
        # what a file asking for too much memory looks like.
        return _failure(
            path,
            "aborted (most often: the file asks for more memory than allowed)",
            "비정상 종료되어(대개 메모리 부족)",
        )
    if status in (-signal.SIGXCPU, -signal.SIGKILL):
        return _failure(
            path, f"used more than {seconds} s of processor time", f"{seconds}초 넘게 걸려"
        )
    if status is not None and status < 0:
        name = signal.Signals(-status).name
        return _failure(path, f"crashed ({name})", f"비정상 종료되어({name})")
    return _failure(path, "failed", "실패해")


def _cannot_start(path: Path, exc: OSError) -> UnreadableFile:
    reason = exc.strerror or type(exc).__name__
    return UnreadableFile(
        f"{path.name} was not read: the system would not start the workbook reader "
        f"({reason}); try again when the machine is less busy",
        ko=f"{path.name} 파일을 읽지 않았습니다: 시스템이 통합 문서를 읽을 프로세스를 시작하지 "
        f"못했습니다({reason}). 잠시 뒤 다시 시도하세요.",
    )


def _failure(path: Path, en: str, ko: str) -> UnreadableFile:
    return UnreadableFile(
        f"{path.name} could not be read: the workbook reader {en} on it; open the file in "
        "Excel and save it again as .xlsx or CSV, or split it into smaller files",
        ko=f"{path.name} 파일을 읽지 못했습니다: 통합 문서를 읽는 중 {ko} 중단했습니다. "
        "엑셀에서 열어 .xlsx 또는 CSV로 다시 저장하거나, 파일을 나누어 올리세요.",
    )
