"""Run a parse in a child process that cannot take the machine with it.

The PDF libraries are C code: a decompression bomb or a broken CMap can allocate
gigabytes or loop for minutes inside one call, which neither a Python timer nor a
MemoryError can stop, and a failed allocation in C may kill the process outright.
So the parse runs in a forked child with an address-space limit
(``Limits.memory_mb``), and tells this process, by heartbeats
(:func:`sup_parse.limits.beat`), which step it starts and how long that step may take.

- A page whose text layer takes longer than ``Limits.page_seconds`` is skipped: the
  child is stopped and the parse runs again without that page, which then carries a
  ``page-time-limit`` warning.  After ``Limits.max_skipped_pages`` such pages, or when
  any other step overruns its budget, the parse fails with :class:`TimeLimit` (exit 16).
- A child that runs out of memory, or dies by a signal, fails with
  :class:`MemoryLimit` (exit 15).
- An error of the parse (a :class:`SupParseError`) is raised here as it was raised
  there; a bug is raised as :class:`GuardedError` carrying the child's traceback.

Where fork is unavailable (not Linux or macOS), the parse runs in this process, with
the limits that can be checked there.
"""

from __future__ import annotations

import os
import pickle
import signal
import struct
import sys
import time
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

from .errors import DamagedPdf, MemoryLimit, SupParseError, TimeLimit
from .limits import Limits, set_beat

T = TypeVar("T")
SKIP_CODE = "page-time-limit"
_MEMORY_EXIT = 86  # the child's exit status when it caught a MemoryError
_HEAD = struct.Struct("<Q")  # each message: its length, then its pickle


class GuardedError(RuntimeError):
    """A bug in the child: its exception's type and message, and its traceback text."""

    def __init__(self, message: str, child_traceback: str) -> None:
        super().__init__(message)
        self.child_traceback = child_traceback


def can_guard() -> bool:
    return hasattr(os, "fork") and sys.platform.startswith(("linux", "darwin"))


def run_guarded(fn: Callable[[frozenset[int]], T], limits: Limits, path: str | None = None) -> T:
    """``fn(skip)`` in a guarded child; ``skip``: pages it must not read (they took too
    long in an earlier try).  Returns what ``fn`` returned."""
    if not can_guard():
        return fn(frozenset())
    skip: set[int] = set()
    while True:
        outcome = _attempt(fn, frozenset(skip), limits, path)
        if isinstance(outcome, _Overran):
            step = outcome.step
            if isinstance(step, tuple) and step[:1] == ("page",) and len(skip) < limits.max_skipped_pages:
                skip.add(int(step[1]))
                continue
            raise _time_error(step, outcome.seconds, len(skip), limits, path)
        return outcome


class _Overran:
    def __init__(self, step: object, seconds: float) -> None:
        self.step, self.seconds = step, seconds


def _time_error(step: object, seconds: float, skipped: int, limits: Limits, path: str | None) -> TimeLimit:
    if isinstance(step, tuple) and step[:1] == ("page",):
        return TimeLimit(f"page {step[1]} took longer than {seconds:g} s, after {skipped} other page(s) that did "
                         "(a broken font or a hostile file); raise --page-timeout if the file is trusted", path)
    what = step[0] if isinstance(step, tuple) else step
    return TimeLimit(f"{what} took longer than {seconds:g} s (a hostile or broken file); "
                     "raise --page-timeout if the file is trusted", path)


def _attempt(fn: Callable[[frozenset[int]], T], skip: frozenset[int], limits: Limits, path: str | None) -> T | _Overran:
    read_fd, write_fd = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_fd)
        _child(fn, skip, limits, write_fd)
    os.close(write_fd)
    reader = _Messages(read_fd)
    try:
        step: object = "opening the file"
        budget = limits.open_seconds
        overrun: object = None
        deadline = time.monotonic() + budget
        while True:
            message = reader.next(max(0.0, deadline - time.monotonic()))
            if message is _TIMEOUT:
                _kill(pid)
                if isinstance(overrun, SupParseError):
                    raise overrun
                return _Overran(step, budget)
            if message is _CLOSED:
                raise _death(*_reap(pid), limits, path)
            kind, *rest = message if isinstance(message, tuple) else ("?",)
            if kind == "beat":
                step, budget, overrun = rest
                deadline = time.monotonic() + budget
            elif kind == "done":
                _reap(pid)
                return rest[0]  # type: ignore[no-any-return]
            elif kind == "error":
                _reap(pid)
                error = rest[0]
                if isinstance(error, SupParseError):
                    raise error
                raise GuardedError(rest[1], rest[2])
    finally:
        reader.close()
        _kill(pid)


def _child(fn: Callable[[frozenset[int]], Any], skip: frozenset[int], limits: Limits, fd: int) -> None:
    code = 0
    try:
        _die_with_parent()
        _quiet_stderr()
        _limit_memory(limits.memory_mb)
        out = os.fdopen(fd, "wb")

        def send(message: tuple[object, ...]) -> None:
            data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
            out.write(_HEAD.pack(len(data)))
            out.write(data)
            out.flush()

        set_beat(lambda step, seconds, overrun: send(("beat", step, seconds, overrun)))
        try:
            result = fn(skip)
        except MemoryError:
            code = _MEMORY_EXIT
        except SupParseError as error:
            send(("error", error))
        except BaseException as error:  # a bug: its traceback travels to the parent
            send(("error", None, f"{type(error).__name__}: {error}", traceback.format_exc()))
        else:
            set_beat(None)
            try:
                send(("done", result))
            except MemoryError:
                code = _MEMORY_EXIT
            except Exception as error:  # a result that cannot be pickled: a bug, said so
                send(("error", None, f"the result could not be handed over: {type(error).__name__}: {error}",
                      traceback.format_exc()))
        out.close()
    except MemoryError:
        code = _MEMORY_EXIT
    except BaseException:  # the pipe is gone: the parent stopped waiting
        code = 1
    os._exit(code)


def _quiet_stderr() -> None:
    """Everything the child has to say travels through the pipe: a C library's complaint
    or a crash dump (faulthandler) on stderr would break the one-line promise."""
    import faulthandler

    faulthandler.disable()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)


def _die_with_parent() -> None:
    """Linux: the child is killed when the process that forked it dies (a batch worker
    stopped at its time limit must not leave its parse running)."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def _limit_memory(mb: int) -> None:
    try:
        import resource
    except ImportError:  # pragma: no cover - no fork there either
        return
    limit = mb * 1024 * 1024
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


# A child killed by a signal had run out of memory when it had come this close to the
# limit (resident memory against the address space it may reserve); else the PDF library
# crashed on the file.
NEAR_THE_LIMIT = 0.5


def _death(status: int, peak_mb: float, limits: Limits, path: str | None) -> Exception:
    """What a child that ended without a word means: it ran out of memory (a MemoryError
    it caught, or a C library's abort when an allocation failed), or a C library crashed."""
    if status == _MEMORY_EXIT or (status < 0 and peak_mb >= NEAR_THE_LIMIT * limits.memory_mb):
        how = "MemoryError" if status == _MEMORY_EXIT else f"signal {-status}"
        return MemoryLimit(f"the parse needed more than {limits.memory_mb} MB of memory and was stopped ({how}); "
                           "raise --memory if the file is trusted", path)
    if status < 0:
        return DamagedPdf(f"the PDF library crashed reading the file (signal {-status}); try repairing it "
                          "(qpdf in.pdf repaired.pdf) or get a fresh copy", path)
    return GuardedError(f"the parse ended without a result (status {status})", "")


def _reap(pid: int) -> tuple[int, float]:
    """The child's status (a negative signal number when killed) and its peak MB."""
    try:
        _, status, usage = os.wait4(pid, 0)
    except ChildProcessError:
        return 0, 0.0
    peak = usage.ru_maxrss / 1024
    if os.WIFSIGNALED(status):
        return -os.WTERMSIG(status), peak
    return os.WEXITSTATUS(status), peak


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        return
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


_TIMEOUT = object()
_CLOSED = object()


class _Messages:
    """Length-prefixed pickled messages from a pipe, read without blocking past a deadline."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = bytearray()

    def next(self, timeout: float) -> object:
        import select

        end = time.monotonic() + timeout
        while True:
            if len(self.buffer) >= _HEAD.size:
                (size,) = _HEAD.unpack_from(self.buffer)
                if len(self.buffer) >= _HEAD.size + size:
                    message = pickle.loads(self.buffer[_HEAD.size:_HEAD.size + size])
                    del self.buffer[: _HEAD.size + size]
                    return message
            left = end - time.monotonic()
            if left <= 0:
                return _TIMEOUT
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                return _TIMEOUT
            chunk = os.read(self.fd, 1 << 20)
            if not chunk:
                return _CLOSED
            self.buffer += chunk

    def close(self) -> None:
        os.close(self.fd)


# --- the guarded pipeline ----------------------------------------------------------------

def guarded_stages(source: Any, *, path: str | None = None, options: Any = None, document_only: bool = False) -> Any:
    """:func:`sup_parse.pipeline.run_stages` under the guard: the input is read here
    (stdin once), the parse runs in the child.  ``document_only``: bring back only the
    Document (what ``parse`` needs), not every stage's pages."""
    from dataclasses import replace

    from .pipeline import ParseOptions, read_input, run_stages

    options = options or ParseOptions()
    inp = read_input(source, path=path)

    def parse(skip: frozenset[int]) -> Any:
        st = run_stages(inp.data, path=inp.path, options=replace(options, skip_pages=skip))
        return st.document if document_only else st

    return run_guarded(parse, options.limits, inp.path)


def parse_guarded(source: Any, *, path: str | None = None, options: Any = None) -> Any:
    """:func:`sup_parse.pipeline.parse` under the guard."""
    return guarded_stages(source, path=path, options=options, document_only=True)
