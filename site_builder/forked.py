"""One step of the build run by a forked process while this process does the next one.

The machines the build runs on (CI runners, a laptop) have two cores, and the
build's steps before the pages are two independent reads: the score history
replayed from git, and the data as it is now. The history goes to a second
process when a fork is safe: a platform with fork, a second core, and no
other thread (`serve` rebuilds beside its web server's threads). Otherwise,
or for anything the other process cannot send back, the step runs here, in
turn, as before. A long replay (a fresh checkout) is itself split in two
(history/split.py), so a forked process may fork again.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import traceback


def can_fork() -> bool:
    return ("fork" in multiprocessing.get_all_start_methods() and len(os.sched_getaffinity(0)) >= 2
            and threading.active_count() == 1)


class Forked:
    """`work(*args, **kwargs)` in a forked process; result() waits for it and returns it, or raises what it raised."""

    def __init__(self, process, receive, what: str):
        self.process, self.receive, self.what = process, receive, what

    @classmethod
    def start(cls, work, *args, what: str = "phụ của bước xây dựng", **kwargs) -> "Forked | None":
        """`what` names the work in the message of a process that died without a word."""
        if not can_fork():
            return None
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)

        def run():
            # abandon() terminates the process: unwind instead of dying on the spot, so that its `finally`
            # blocks run (the history's scratch folder is removed, a split replay abandons its other half).
            signal.signal(signal.SIGTERM, _unwind)
            # The reading end came with the fork: closed here, a reply to a parent that is gone fails at
            # once (BrokenPipeError) instead of waiting for ever for a reader, this process itself.
            receive.close()
            try:
                _reply(send, work, args, kwargs)
            except BrokenPipeError:
                pass  # the parent abandoned the work (its own step failed): nobody is waiting for it
            finally:
                send.close()

        # Not a daemon: multiprocessing forbids a daemon to start processes of its own, and the history
        # process starts one. Every caller waits for the process or abandons it, on any way out.
        process = context.Process(target=run, name=f"site_builder-{getattr(work, '__name__', 'step')}")
        process.start()
        send.close()
        return cls(process, receive, what)

    def result(self):
        """What the work returned, once the process is done."""
        try:
            status, value = self.receive.recv()
        except EOFError:
            status, value = "error", None
        finally:
            self.receive.close()
            self.process.join()
        if status == "ok":
            return value
        raise value if value is not None else RuntimeError(
            f"Tiến trình {self.what} dừng bất thường (mã {self.process.exitcode}).")

    def abandon(self) -> None:
        self.process.terminate()
        self.process.join()
        self.receive.close()


def _unwind(signum, frame) -> None:
    raise SystemExit(1)


def _reply(send, work, args, kwargs) -> None:
    try:
        send.send(("ok", work(*args, **kwargs)))
    except BrokenPipeError:
        raise
    except BaseException as error:  # noqa: BLE001 - handed to the parent, which raises it
        try:
            send.send(("error", error))
        except BrokenPipeError:
            raise
        except Exception:  # an exception that does not pickle: its text
            send.send(("error", RuntimeError(traceback.format_exc())))
