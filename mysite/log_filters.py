"""Logging filters that keep an outage readable.

With Redis down, django-redis logs every ignored cache error, about thirty per request:
thousands of identical tracebacks a minute that bury everything else. One line per
interval, saying how many were held back, tells an operator the same thing.
"""

import logging
import threading
import time


class OncePerInterval(logging.Filter):
    """Lets one record through per ``seconds`` per logger, then says how many it held back."""

    def __init__(self, seconds: float = 60.0, name: str = ""):
        super().__init__(name)
        self.seconds = seconds
        self._lock = threading.Lock()
        self._next_at: dict[str, float] = {}
        self._held_back: dict[str, int] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        now = time.monotonic()
        with self._lock:
            if now < self._next_at.get(record.name, 0.0):
                self._held_back[record.name] = self._held_back.get(record.name, 0) + 1
                return False
            self._next_at[record.name] = now + self.seconds
            held_back = self._held_back.pop(record.name, 0)
        if held_back:
            record.msg = (
                f"{record.msg} ({held_back} more like it in the last {self.seconds:.0f} s not logged)"
            )
        return True
