"""Load generators for the benchmarks: wrk when installed, else a small stdlib one; both bounded in time."""

import http.client
import os
import re
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field


@dataclass
class LoadResult:
    path: str
    requests: int = 0
    errors: int = 0
    server_errors: int = 0
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, pct: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * pct / 100))] * 1000

    @property
    def median_ms(self) -> float:
        return statistics.median(self.latencies) * 1000 if self.latencies else float("nan")


def hammer(
    host: str, port: int, paths: list[str], connections: int, seconds: float, headers: dict | None = None
) -> LoadResult:
    """Cycle through paths on `connections` threads until `seconds` pass; bounded in time and count."""
    result = LoadResult(path=",".join(paths))
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds
    max_requests_per_thread = 200_000

    def worker(offset: int):
        conn = http.client.HTTPConnection(host, port, timeout=10)
        local, errors, server_errors = [], 0, 0
        for n in range(max_requests_per_thread):
            if time.perf_counter() >= deadline:
                break
            path = paths[(n + offset) % len(paths)]
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Host": host, **(headers or {})})
                response = conn.getresponse()
                response.read()
                if response.status >= 500:
                    server_errors += 1
                elif response.status >= 400:
                    errors += 1
            except (OSError, http.client.HTTPException):
                errors += 1
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=10)
                continue
            local.append(time.perf_counter() - started)
        conn.close()
        with lock:
            result.latencies.extend(local)
            result.requests += len(local)
            result.errors += errors
            result.server_errors += server_errors

    result.seconds = run_threads(worker, connections)
    return result


def run_threads(target, count: int) -> float:
    """Runs ``target(number)`` on ``count`` threads at once; returns the seconds until all are done."""
    started = time.perf_counter()
    threads = [threading.Thread(target=target, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


@dataclass
class WrkResult:
    """What wrk reports: throughput, the latency percentiles it prints, and failed responses."""

    path: str
    rps: float
    latency_ms: dict[int, float]
    requests: int
    server_errors: int  # wrk counts every non-2xx/3xx response together
    errors: int

    @property
    def median_ms(self) -> float:
        return self.latency_ms[50]

    def percentile(self, pct: float) -> float:
        return self.latency_ms[int(pct)]


WRK_SCRIPT = """
local paths = {%s}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""
UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _milliseconds(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    return float(match.group(1)) * UNIT_MS[match.group(2)]


def wrk(
    host: str,
    port: int,
    paths: list[str],
    connections: int,
    seconds: float,
    threads: int = 2,
    headers: dict | None = None,
) -> WrkResult:
    """Runs wrk (C, event-driven: the load generator costs little CPU) over ``paths`` in turn."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % ", ".join(f'"{path}"' for path in paths))
    command = [
        "wrk",
        f"--threads={min(threads, connections)}",
        f"--connections={connections}",
        f"--duration={max(1, round(seconds))}s",
        "--latency",
        "--timeout=10s",  # a slow answer is a latency to report, not a failure
        f"--script={script.name}",
        *(f"--header={name}: {value}" for name, value in (headers or {}).items()),
        f"http://{host}:{port}{paths[0]}",
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    os.unlink(script.name)
    latency = {
        int(pct): _milliseconds(value)
        for pct, value in re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", output, re.M)
    }
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return WrkResult(
        path=",".join(paths),
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        latency_ms=latency,
        requests=int(re.search(r"(\d+) requests in", output).group(1)),
        server_errors=int((re.search(r"Non-2xx or 3xx responses: (\d+)", output) or [0, 0])[1]),
        errors=sum(map(int, socket_errors.groups())) if socket_errors else 0,
    )
