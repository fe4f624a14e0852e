"""Files written by a second thread while the build goes on making the next ones.

Creating a file on the machines the build runs on waits for the disk far
more than it uses the CPU: on the stress repository, page generation spent
2.5 s of its 15 s in write_bytes with the other core idle, and MkDocs waited
as long on each page it wrote. The wait is in the kernel, which lets go of
the GIL, so a thread that writes while the build renders the next page hides
it. A writer lives only as long as the block that uses it: a process with a
second thread must not fork (site_builder/forked.py), and the build forks
between its steps.

A write that fails is raised by the next write or by close(); the files
after it are not written. Used as a context manager, the writer is closed
when the block ends; when the block raised, its error is the one reported.
"""
from __future__ import annotations

import contextlib
import os
import queue
import sys
import threading

SWITCH_INTERVAL = 0.0002  # seconds


class BackgroundWriter:
    def __init__(self):
        # The build's thread rarely lets go of the GIL on its own: by default the writer would wait 5 ms
        # for it after each system call, and fall thousands of files behind. A shorter interval while
        # the writer lives lets it keep up.
        self._interval = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_INTERVAL)
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._error: BaseException | None = None
        self._folders: set[str] = set()
        self._thread = threading.Thread(target=self._run, name="site_builder-writer", daemon=True)
        self._thread.start()

    def __enter__(self) -> "BackgroundWriter":
        return self

    def __exit__(self, kind, error, trace) -> None:
        if kind is None:
            self.close()
            return
        with contextlib.suppress(Exception):  # the block's own error is the one to report
            self.close()

    def write(self, path: str, data: bytes) -> None:
        """`data` into the file `path` (its folders made), soon."""
        if self._error is not None:
            raise self._error
        self._queue.put((path, data))

    def flush(self) -> None:
        """Every file asked for so far is written (or its error raised)."""
        done = threading.Event()
        self._queue.put(done)
        done.wait()
        if self._error is not None:
            raise self._error

    def close(self) -> None:
        """Every file written, the thread gone; the first error raised."""
        self._queue.put(None)
        self._thread.join()
        sys.setswitchinterval(self._interval)
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            if isinstance(item, threading.Event):
                item.set()
            elif self._error is None:
                self._write(*item)

    def _write(self, path: str, data: bytes) -> None:
        try:
            folder = os.path.dirname(path)
            if folder not in self._folders:
                os.makedirs(folder, exist_ok=True)
                self._folders.add(folder)
            with open(path, "wb") as out:
                out.write(data)
        except BaseException as error:  # noqa: BLE001 - raised in the build's thread, by write() or close()
            self._error = error
