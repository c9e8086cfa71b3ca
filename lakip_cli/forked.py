"""forked: a pure computation run on another core, in a child forked from this process, its result pickled back.

The child starts with everything the parent has loaded (the report, the imported modules), so nothing is
read or parsed twice. It writes no file and prints nothing: it pickles what its function returns into a
pipe and ends with os._exit, so no exit handler of the parent (the clean-up of LibreOffice's folders) runs
in it. Whatever goes wrong there (an exception, a signal, a result that does not pickle) makes `result()`
return None, and the caller does the work itself: the same answer, or the same error, as without a child.

A child is forked only where fork is the platform's own way to start a process (Linux), the process may use
more than one core, and the caller has not said that the cores are taken (several reports at once).
"""

from __future__ import annotations

import contextlib
import mmap
import os
import pickle
import signal
import sys
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


def spare_core() -> bool:
    """Whether a forked child would run beside this process rather than take turns with it."""
    if sys.platform != "linux" or not hasattr(os, "fork"):
        return False
    try:
        return len(os.sched_getaffinity(0)) > 1
    except OSError:
        return False


class Forked(Generic[T]):
    """`work()` started in a child; `result()` its value, or None when it has to be done here."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._pid = 0
        self._read = -1
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the child: compute, send, leave without running anything of the parent's exit
            code = 1
            try:
                os.close(read)
                data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as out:
                    out.write(data)
                code = 0
            except BaseException:  # noqa: BLE001, S110 - the parent does the work itself
                pass
            finally:
                os._exit(code)
        os.close(write)
        self._pid, self._read = pid, read

    def result(self) -> T | None:
        """The child's value (waiting for it), or None when there is no child or it did not succeed."""
        if not self._pid:
            return None
        chunks = []
        try:
            with os.fdopen(self._read, "rb") as pipe:
                self._read = -1
                while chunk := pipe.read(1 << 16):
                    chunks.append(chunk)
        finally:
            _, status = os.waitpid(self._pid, 0)
            self._pid = 0
        if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
            return None
        try:
            return pickle.loads(b"".join(chunks))  # noqa: S301 - our own child's bytes, through our own pipe
        except Exception:  # noqa: BLE001
            return None

    def abandon(self) -> None:
        """End a child whose result is no longer wanted (the parent stopped with an error)."""
        if self._read >= 0:
            os.close(self._read)
            self._read = -1
        if self._pid:
            with contextlib.suppress(OSError):
                os.kill(self._pid, signal.SIGKILL)
                os.waitpid(self._pid, 0)
            self._pid = 0


class Claims:
    """Numbers 0, 1, 2, ... handed out once each across a parent and its forked children (made before the fork).

    The next number sits in memory shared by the processes; a byte passed through a pipe is the lock around it.
    So the work is shared as it goes: whoever is free takes the next piece, whatever each piece costs.
    """

    def __init__(self, count: int) -> None:
        self.count = count
        self._next = mmap.mmap(-1, 8)  # anonymous and shared: a forked child sees the same bytes
        self._lock_read, self._lock_write = os.pipe()
        os.write(self._lock_write, b"1")

    def take(self) -> int | None:
        """The next number not yet taken by any process, or None when all are."""
        os.read(self._lock_read, 1)
        try:
            taken = int.from_bytes(self._next[:8], "little")
            self._next[:8] = (taken + 1).to_bytes(8, "little")
        finally:
            os.write(self._lock_write, b"1")
        return taken if taken < self.count else None

    def close(self) -> None:
        os.close(self._lock_read)
        os.close(self._lock_write)
        self._next.close()
