"""Small stdlib load generator for the benchmarks: N keep-alive connections for a fixed time."""

import http.client
import statistics
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


def hammer(host: str, port: int, paths: list[str], connections: int, seconds: float) -> LoadResult:
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
                conn.request("GET", path, headers={"Host": host})
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

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    return result
