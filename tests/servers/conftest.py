"""Real gunicorn servers on loopback, reading the test database and the test Redis.

The servers are separate processes: they see only committed rows, so tests here are
transactional (with ``serialized_rollback``, like the browser tests), and they need
PostgreSQL and Redis, which several processes can share. On SQLite they are skipped.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

from bench._server import stop_process_group

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 30


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    from django.db import connection

    db = connection.settings_dict
    credentials = quote(db["USER"], safe="") + (
        f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    )
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_until_up(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            urllib.request.urlopen(f"{url}/healthz", timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on {url} within {STARTUP_SECONDS}s")


@pytest.fixture(scope="module")
def start_gunicorn(request, tmp_path_factory):
    """Starts gunicorn servers (same settings module, test database, Redis) and stops them afterwards."""
    from django.conf import settings
    from django.db import connection

    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        pytest.skip("several server processes need a shared PostgreSQL and Redis (DATABASE_URL, REDIS_URL)")
    request.getfixturevalue("_restorable_database")
    processes = []
    logs = tmp_path_factory.mktemp("gunicorn")
    log_paths = {}
    servers = {}

    def start(workers: int = 1, env: dict | None = None) -> str:
        """A server's base URL; ``env`` overrides its environment (another Redis, broker or database)."""
        port = free_port()
        log = open(logs / f"{port}.log", "wb")  # noqa: SIM115 - closed with the server
        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "TEST_PAGE_CACHE_SECONDS": "600",
            "WEB_CONCURRENCY": str(workers),
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_GRACEFUL_TIMEOUT": "5",
            **(env or {}),
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopping it stops the workers too
        )
        processes.append((process, log))
        url = f"http://127.0.0.1:{port}"
        log_paths[url] = logs / f"{port}.log"
        servers[url] = process
        try:
            wait_until_up(url, process)
        except RuntimeError as error:
            raise RuntimeError(f"{error}\n{(logs / f'{port}.log').read_text()[-3000:]}") from None
        return url

    # The end of a server's log, for assertion messages: start.log_tail(url).
    start.log_tail = lambda url, chars=3000: log_paths[url].read_text(errors="replace")[-chars:]
    # A test that is done with its server may stop it early: start.stop(url).
    start.stop = lambda url: stop_process_group(servers[url])
    yield start
    for process, log in processes:
        stop_process_group(process)
        log.close()
