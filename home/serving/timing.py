"""How long the site took to answer: a header on every response, whichever layer answered it."""

import time

DURATION_HEADER = "X-Request-Duration"


def stamp(response, started: float) -> float:
    """Put the time since ``started`` (``time.perf_counter``) on ``response``; returns it in seconds."""
    duration = time.perf_counter() - started
    response[DURATION_HEADER] = f"{duration:.4f}"
    return duration
