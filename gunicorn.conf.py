"""gunicorn settings, read from the environment so one file serves every host."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
# Half the limit: with a small jitter, workers that share the load reach it together and
# all restart at once, leaving nobody to answer for a second or more (seen in bench/page_speed.py).
max_requests_jitter = max_requests // 2
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", None)
wsgi_app = "mysite.wsgi"


def worker_exit(server, worker):
    """A stopping worker sends the product views it still holds back (catalogue.services.view_counts)."""
    try:
        from catalogue.services.view_counts import view_counts_push

        view_counts_push()
    except Exception:  # noqa: BLE001 - never block a worker from exiting
        server.log.exception("Could not send held product views")
