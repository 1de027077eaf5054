"""A dependency-free progress bar for management commands: one updating line, then one summary line."""

import time
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

from django.core.management.base import OutputWrapper

T = TypeVar("T")

BAR_WIDTH = 30
# Redrawing on every item would flood a slow terminal with 10,000 products;
# a few redraws a second is all an eye can follow.
REDRAW_SECONDS = 0.1


def _is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _write(stream: TextIO, text: str) -> None:
    # A command's self.stdout appends a newline to every write unless told
    # otherwise, which would turn the updating bar into a scrolling list.
    if isinstance(stream, OutputWrapper):
        stream.write(text, ending="")
    else:
        stream.write(text)


def _bar(done: int, total: int) -> str:
    if total <= 0:
        return "[" + "#" * BAR_WIDTH + "]"
    filled = min(BAR_WIDTH, BAR_WIDTH * done // total)
    return "[" + "#" * filled + "-" * (BAR_WIDTH - filled) + "]"


def progress(iterable: Iterable[T], total: int, label: str, stream: TextIO) -> Iterator[T]:
    """Yield each item of ``iterable`` while drawing ``label [####----] n/total`` on ``stream``.

    On a terminal the bar is redrawn in place (carriage return, no newline).  When the
    stream is not a terminal (CI logs, a file, a test's StringIO) only the summary is
    written, so logs hold one line per loop instead of hundreds of half-drawn bars.
    The summary, ``label: n done in 0.42s``, replaces the bar once the loop ends, and is
    written even if the loop is left early (break or exception) so the count stays honest.
    """
    started = last_drawn = time.perf_counter()
    on_terminal = _is_terminal(stream)
    width = 0  # widest line drawn so far, so the summary can blank out the bar

    def draw(text: str) -> None:
        nonlocal width
        _write(stream, "\r" + text.ljust(width))
        width = max(width, len(text))
        stream.flush()

    done = 0
    if on_terminal:
        draw(f"{label} {_bar(0, total)} 0/{total}")
    try:
        for item in iterable:
            yield item
            done += 1
            now = time.perf_counter()
            if on_terminal and (now - last_drawn >= REDRAW_SECONDS or done >= total):
                draw(f"{label} {_bar(done, total)} {done}/{total}")
                last_drawn = now
    finally:
        summary = f"{label}: {done} done in {time.perf_counter() - started:.2f}s"
        if on_terminal:
            draw(summary)
            _write(stream, "\n")
        else:
            _write(stream, summary + "\n")
        stream.flush()
