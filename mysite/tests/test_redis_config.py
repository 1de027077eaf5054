"""The production Redis config shipped in docs/ starts, bounds memory and evicts only cache entries."""

import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
import redis

CONFIG = Path(__file__).resolve().parents[2] / "docs" / "redis.conf"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_from_config(tmp_path):
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", str(CONFIG), "--port", str(port), "--dir", str(tmp_path), "--save", ""],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port)
    try:
        for _ in range(50):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.1)
        yield client
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_shipped_redis_config_bounds_memory_and_spares_keys_without_a_ttl(redis_from_config):
    config = redis_from_config.config_get("maxmemory*")
    assert int(config["maxmemory"]) == 512 * 1024 * 1024
    assert config["maxmemory-policy"] == "volatile-lru"

    # Filled past a small bound, it evicts cache entries and keeps the queue.
    redis_from_config.config_set("maxmemory", str(2 * 1024 * 1024))
    redis_from_config.lpush("celery", "an order confirmation")
    for number in range(200):
        redis_from_config.set(f"shop:1:page:{number}", b"x" * 40_000, ex=600)
    assert redis_from_config.lrange("celery", 0, -1) == [b"an order confirmation"]
    assert redis_from_config.dbsize() < 201
