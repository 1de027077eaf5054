"""Shared set-up for the HTTP benchmarks: a demo catalogue, gunicorn with production settings, its workers' memory."""

import argparse
import json
import os
import runpy
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
# Pictures of the benchmark databases, one folder per database, kept between runs (git ignores it).
BENCH_MEDIA = ROOT / "bench" / ".media"


def bench_env(database_url: str, media_root: Path) -> dict:
    """Production settings over plain HTTP on loopback, background tasks in-process."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="mysite.settings.production",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media_root),
        SECRET_KEY="bench-" + "x" * 60,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        LOG_LEVEL="WARNING",
        # No Celery worker runs during a benchmark.
        CELERY_TASK_ALWAYS_EAGER="true",
    )
    return env


def production_workers() -> int:
    """How many workers gunicorn.conf.py starts here (WEB_CONCURRENCY if set, else two per core plus one)."""
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))["workers"]


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def server_arguments(description: str, *, connections: int, seconds: float, port: int):
    """The command-line options every HTTP benchmark takes."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--products", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=connections)
    parser.add_argument("--seconds", type=float, default=seconds)
    parser.add_argument("--port", type=int, default=port)
    return parser


def media_folder(database_url: str) -> Path:
    """Where the pictures of ``database_url``'s demo catalogue live: the same folder on every run,
    so a kept database never points at pictures that are gone."""
    parts = urlsplit(database_url)
    key = "-".join(part for part in (parts.hostname, str(parts.port or ""), parts.path.strip("/")) if part)
    return BENCH_MEDIA / key.replace("/", "_")


def benchmark_site(args, name: str) -> dict:
    """The environment of a site with the demo catalogue loaded: DATABASE_URL's, or a new SQLite file."""
    workdir = Path(tempfile.mkdtemp(prefix=f"shop-{name}-"))
    database_url = os.environ.get("DATABASE_URL")
    if database_url:
        media_root = media_folder(database_url)
        if database_url.startswith("postgres") and not media_root.exists():
            # A database loaded before its pictures had a kept home points at files that
            # are gone (404s cost Lighthouse points): it starts again, with its pictures.
            drop_database(database_url)
            print(f"No kept pictures for this database: loading it afresh, pictures in {media_root}")
        media_root.mkdir(parents=True, exist_ok=True)
    else:
        database_url = f"sqlite:///{workdir / f'{name}.sqlite3'}"
        media_root = workdir / "media"
    env = bench_env(database_url, media_root)
    print(f"Database: {database_url.split('@')[-1]}  cache: {env.get('REDIS_URL') or 'local memory'}")
    print(f"Products: {args.products}  gunicorn workers: {args.workers}  connections: {args.connections}")
    prepare_site(env, args.products)
    return env


def prepare_site(env: dict, products: int) -> None:
    """Migrate, load the demo catalogue (idempotent: a second run reuses it) and collect static files."""
    if env["DATABASE_URL"].startswith("postgres"):
        ensure_database(env["DATABASE_URL"])
    manage(env, "migrate", "--noinput", "-v0")
    started = time.perf_counter()
    manage(env, "load_demo_data", "--products", str(products))
    print(f"load_demo_data: {time.perf_counter() - started:.1f}s")
    manage(env, "collectstatic", "--noinput", "-v0")


def _admin_connection(database_url: str):
    import psycopg2

    parts = urlsplit(database_url)
    connection = psycopg2.connect(parts._replace(path="/postgres").geturl())
    connection.autocommit = True
    return connection, parts.path.lstrip("/")


def ensure_database(database_url: str) -> None:
    from psycopg2 import sql

    connection, name = _admin_connection(database_url)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created database {name}")
    connection.close()


def drop_database(database_url: str) -> None:
    from psycopg2 import sql

    connection, name = _admin_connection(database_url)
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    connection.close()


def sample_urls(env: dict) -> dict:
    """A top category, a sub-category and the first 20 products of the loaded catalogue."""
    script = (
        "import django, json; django.setup();"
        "from catalogue.models import CategoryPage, ProductPage;"
        "cat = CategoryPage.objects.live().filter(depth=3).first();"
        "sub = CategoryPage.objects.live().filter(depth=4).first();"
        "prods = list(ProductPage.objects.live().filter(stock__gt=0).order_by('pk')[:20]);"
        "print(json.dumps({'home': '/', 'category': cat.url, 'subcategory': sub.url,"
        "'product': prods[0].url, 'products': [p.url for p in prods],"
        "'product_ids': [p.pk for p in prods]}))"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True, capture_output=True)
    return json.loads(out.stdout.decode().strip().splitlines()[-1])


def wait_until_up(port: int, server: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if server.poll() is not None:  # e.g. the port is taken: never measure someone else's server
            raise SystemExit(f"gunicorn exited with {server.returncode}; see its log")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not come up")


@contextmanager
def gunicorn(env: dict, port: int, workers: int):
    """gunicorn with the project's config file; yields the master process."""
    log_path = Path(tempfile.gettempdir()) / f"shop-bench-gunicorn-{port}.log"
    with open(log_path, "wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env={**env, "WEB_CONCURRENCY": str(workers), "GUNICORN_GRACEFUL_TIMEOUT": "5"},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopping it stops the workers too
        )
        try:
            wait_until_up(port, server)
            yield server
        finally:
            stop_process_group(server)


def stop_process_group(process: subprocess.Popen, timeout: float = 15) -> None:
    """SIGTERM to the server and its workers, SIGKILL if they are not gone in time."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def worker_rss_mb(master_pid: int) -> list[float]:
    """Resident memory of each gunicorn worker (the master's children), in MB."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    sizes = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


def in_process_django(database_url: str, media_root: Path, *, redis_url: str | None = None) -> None:
    """Set Django up in this process under production settings over plain HTTP, with static
    URLs that need no collectstatic manifest, and migrate the benchmark's database.

    Without ``redis_url`` the process runs with no Redis at all (the local-memory cache)."""
    os.environ.update(bench_env(database_url, media_root))
    os.environ.update(ALLOWED_HOSTS="127.0.0.1,localhost,testserver", SEARCH_BACKEND="database")
    # Tasks go the way production sends them (a broker, or its fallback), not inline.
    os.environ.pop("CELERY_TASK_ALWAYS_EAGER")
    if redis_url:
        os.environ["REDIS_URL"] = redis_url
    else:
        os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import override_settings

    override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()
    call_command("migrate", "--noinput", verbosity=0)
