"""Work run beside the calling process: in a process forked from it, or in a thread where the platform cannot fork.
Standard library only, so a command can start work before the data libraries load."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor


class Beside:
    """``fn(*args)`` run beside this process: in a forked process where the platform forks (it starts from this
    process's memory as it is: what was read is not read again nor sent, and it does not wait for Python's lock
    while this process runs Python code), else in a thread. ``what`` names the work in errors.
    ``result()`` gives its return value, or raises: a RuntimeError carrying the traceback from a process, the
    exception itself from a thread."""

    def __init__(self, fn, *args, what: str):
        import multiprocessing as mp

        self.what = what
        if "fork" not in mp.get_all_start_methods():
            self._thread = ThreadPoolExecutor(max_workers=1)
            self._future = self._thread.submit(fn, *args)
            return
        self._thread = None
        ctx = mp.get_context("fork")
        self._recv, send = ctx.Pipe(duplex=False)
        self._proc = ctx.Process(target=_send_result, args=(send, fn, args), daemon=True)
        self._proc.start()
        send.close()

    def result(self):
        if self._thread is not None:
            try:
                return self._future.result()
            finally:
                self._thread.shutdown()
        try:
            ok, value = self._recv.recv()
        except EOFError:
            self._proc.join()
            raise RuntimeError(f"{self.what} ended without a result (exit code {self._proc.exitcode})")
        finally:
            self._recv.close()
        self._proc.join()
        if not ok:
            raise RuntimeError(f"{self.what} failed:\n{value}")
        return value

    def close(self) -> None:
        """Stop the work if it still runs (the caller failed before asking for its result)."""
        if self._thread is not None:
            self._thread.shutdown(wait=False, cancel_futures=True)
        elif self._proc.is_alive():
            self._proc.terminate()
            self._proc.join()


def _send_result(conn, fn, args) -> None:
    import traceback

    try:
        conn.send((True, fn(*args)))
    except BaseException:
        conn.send((False, traceback.format_exc()))
    finally:
        conn.close()


class Ready:
    """A value already at hand, behind Beside's interface (``result()``, ``close()``): for work too small to be
    worth a process."""

    def __init__(self, value):
        self._value = value

    def result(self):
        return self._value

    def close(self) -> None:
        pass
