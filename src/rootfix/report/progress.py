"""Live progress of ``rootfix fix`` / ``rootfix demo``: a :data:`~rootfix.types.ProgressCallback`.

On a terminal: a rich spinner on the running stage and one line per finished stage with its
elapsed time. Not a terminal: plain ``[stage] message`` lines. ``--format json``: silent.

Stages call ``progress(stage, message)`` as they go; the pipeline additionally reports
``progress(stage, "done: <summary>")`` when a stage ends, which closes its line.
"""
from __future__ import annotations

import sys
import threading
import time
from typing import IO, Callable

from rootfix.types import ProgressCallback

DONE = "done: "
STARTED = "started"


def silent(stage: str, message: str) -> None:
    """A progress callback that shows nothing."""


class PlainProgress:
    """``[stage 1.2s] message`` lines, for logs and pipes."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        self.stream = stream or sys.stderr
        self._started: dict[str, float] = {}
        self._lock = threading.Lock()

    def __call__(self, stage: str, message: str) -> None:
        with self._lock:
            now = time.monotonic()
            if message == STARTED:  # a stage begins: its clock starts, nothing to show yet
                self._started[stage] = now
                return
            start = self._started.setdefault(stage, now)
            if message.startswith(DONE):
                message = message[len(DONE):]
                self._started.pop(stage, None)
            print(f"[{stage:<9} {now - start:5.1f}s] {message}", file=self.stream, flush=True)

    def close(self) -> None:
        pass


class RichProgress:
    """A spinner with the current stage and its latest message; finished stages stay as lines."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        from rich.console import Console
        from rich.live import Live
        from rich.spinner import Spinner
        from rich.text import Text

        self._Text = Text
        self.console = Console(file=stream or sys.stderr)
        self._spinner = Spinner("dots", text="starting")
        self._live = Live(self._spinner, console=self.console, refresh_per_second=10, transient=True)
        self._stage: str | None = None
        self._start = time.monotonic()
        self._lock = threading.Lock()
        self._live.start()

    def _line(self, stage: str, message: str, elapsed: float, mark: str = "✓") -> None:
        t = self._Text()
        t.append(f"{mark} ", style="green" if mark == "✓" else "yellow")
        t.append(f"{stage:<10}", style="bold")
        t.append(f" {elapsed:5.1f}s  ", style="dim")
        t.append(message)
        self.console.print(t)

    def __call__(self, stage: str, message: str) -> None:
        with self._lock:
            now = time.monotonic()
            if stage != self._stage or message == STARTED:
                self._stage, self._start = stage, now
            elapsed = now - self._start
            if message.startswith(DONE):
                self._line(stage, message[len(DONE):], elapsed)
                self._stage = None
                self._spinner.update(text="")
            else:
                self._spinner.update(text=self._Text.assemble((f"{stage} ", "bold"), (f"{elapsed:4.1f}s ", "dim"),
                                                              message))

    def close(self) -> None:
        self._live.stop()


def make_progress(fmt: str = "text", stream: IO[str] | None = None) -> tuple[ProgressCallback, Callable[[], None]]:
    """The progress callback for an output format, and a function that closes it.

    ``json`` -> silent; a terminal -> rich live display; otherwise plain lines.
    """
    if fmt == "json":
        return silent, lambda: None
    stream = stream or sys.stderr
    isatty = getattr(stream, "isatty", lambda: False)
    if isatty():
        try:
            rp = RichProgress(stream)
            return rp, rp.close
        except Exception:  # a terminal rich cannot drive: fall back to lines
            pass
    pp = PlainProgress(stream)
    return pp, pp.close
