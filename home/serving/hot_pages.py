"""Hot cached pages kept in the worker's memory, dropped the moment Redis says they changed.

A page-cache hit used to be one Redis round trip for the entry and the site-wide
generation. Here each worker holds a copy of the entries it read, over a connection of its
own on which Redis *tracks* those keys (``CLIENT TRACKING ON``, RESP3): when any client
deletes, overwrites or expires a tracked key, Redis pushes an invalidation down this very
connection. Before every lookup the worker reads what is waiting on the socket (a poll
with no wait) and drops the copies named, so a copy is served only while Redis has not
said it changed (decision "Hot pages in the worker").

Why this is as correct as reading Redis:

* Replies and pushes share the connection, so they arrive in the order Redis made them:
  a change after our read comes after the value; a change before it comes before it. No
  window in which a value read over one connection is invalidated over another.
* Redis writes the push in the same pass of its event loop as the reply to the writer,
  so it reaches each worker's socket with that reply or moments after it: on a loaded
  machine the kernel can deliver it a little later (seen in CI: a request that followed
  another process's write at once was answered from the copy). A request in that moment
  is answered as if it had come just before the change. The process that made the change
  forgets its copies itself (``forget_all``), so its own next request never waits on it.
* It fails closed. A new connection starts with no copies (whatever changed while there
  was none was never pushed). Any error on the connection drops every copy and answers
  "don't know", and the caller reads Redis as before (which, with Redis down, misses and
  renders). A connection that goes silent without closing (a network cut) is caught by the
  next read of a copy older than ``MAX_AGE_SECONDS``, which times out and drops everything:
  that bounds how long a cut can go unnoticed, the one case where a push can be lost.

Missing keys are never remembered: a miss reads Redis every time, as before.
"""

import contextlib
import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from redis import ConnectionPool
from redis.backoff import NoBackoff
from redis.exceptions import RedisError
from redis.retry import Retry

logger = logging.getLogger(__name__)

# How long a copy is served before it is read again. Pushes drop it sooner; this bounds what
# pushes cannot report: a key past its TTL that Redis has not reaped yet (reaping pushes), and
# a connection cut without closing (the read times out and drops every copy).
MAX_AGE_SECONDS = 1.0
# After an error, how long lookups go straight to the ordinary cache before reconnecting.
RETRY_SECONDS = 1.0
SOCKET_TIMEOUT = 0.5
CLIENT_NAME_PREFIX = "hot-pages-"
_MISSING = object()


class TrackedCopies:
    """Copies of Redis values, each dropped when Redis pushes that its key changed.

    ``get_many`` returns the decoded values of already-prefixed keys (None for a key that
    is not in Redis), from memory when every key is held, or None when it cannot vouch for
    them: the tracking connection failed and the caller must read Redis itself.
    """

    def __init__(
        self,
        redis_url: str,
        *,
        decode: Callable[[bytes], object],
        size_of: Callable[[object], int],
        max_bytes: int,
        make_key: Callable[[str], str] = str,
    ):
        self.redis_url = redis_url
        # The cache's own key (prefix and version) for a key of ours.
        self.make_key = make_key
        self.decode = decode
        self.size_of = size_of
        self.max_bytes = max_bytes
        self.lock = threading.RLock()
        self._pid = None
        self._connection = None
        # key -> (value, size, when it was read)
        self._copies: OrderedDict[str, tuple[object, int, float]] = OrderedDict()
        self._bytes = 0
        self._retry_after = float("-inf")

    # Reading.

    def get_many(self, keys: list[str]) -> list | None:
        with self.lock:
            if self._pid != os.getpid():
                # A forked child must not share its parent's socket or trust its copies.
                self._drop_connection()
                self._pid = os.getpid()
            now = time.monotonic()
            if now < self._retry_after:
                return None
            try:
                connection = self._connected()
                self._read_pushes(connection)
                held = [self._copies.get(key, _MISSING) for key in keys]
                if _MISSING not in held and all(now - read_at < MAX_AGE_SECONDS for *_, read_at in held):
                    for key in keys:
                        self._copies.move_to_end(key)
                    return [value for value, *_ in held]
                read_at = time.monotonic()
                connection.send_command("MGET", *keys)
                # Pushes that arrive before the reply are handled inside this read.
                raw = connection.read_response()
            except (RedisError, OSError) as error:
                self._fail(error)
                return None
            values = [None if value is None else self.decode(value) for value in raw]
            for key, value in zip(keys, values, strict=True):
                if value is not None:
                    self._keep(key, value, read_at)
            return values

    def forget_all(self) -> None:
        """Drop every copy: this process changed something (it does not wait for the push)."""
        with self.lock:
            self._copies.clear()
            self._bytes = 0

    def held(self) -> int:
        with self.lock:
            return len(self._copies)

    # The connection.

    def _connected(self):
        if self._connection is None:
            pool = ConnectionPool.from_url(
                self.redis_url,
                protocol=3,
                socket_timeout=SOCKET_TIMEOUT,
                socket_connect_timeout=SOCKET_TIMEOUT,
                # No retries: a failed read falls back to the ordinary cache at once.
                retry=Retry(NoBackoff(), 0),
                # Named, so CLIENT LIST tells each worker's tracking connection apart.
                client_name=f"{CLIENT_NAME_PREFIX}{os.getpid()}",
            )
            connection = pool.make_connection()
            # Run on every (re)connect: tracking is per connection, and copies made before it
            # may have changed unseen.
            connection.register_connect_callback(self._start_tracking)
            connection.connect()
            self._connection = connection
        return self._connection

    def _start_tracking(self, connection) -> None:
        self.forget_all()
        connection.send_command("CLIENT", "TRACKING", "ON")
        if connection.read_response() not in (b"OK", "OK"):
            raise RedisError("CLIENT TRACKING was refused")
        # Private to redis-py (fenced in mysite/tests/test_private_fences.py): the parser
        # calls this for every invalidation push, including those read inside a reply.
        connection._parser.set_invalidation_push_handler(self._invalidated)

    def _read_pushes(self, connection) -> None:
        # can_read is a poll with no wait; a closed socket reads as ready and then raises.
        while connection.can_read(timeout=0):
            connection.read_response(push_request=True)

    def _invalidated(self, message) -> None:
        # ["invalidate", [key, ...]], or ["invalidate", None] when the database was flushed.
        keys = message[1] if len(message) > 1 else None
        if keys is None:
            self.forget_all()
            return
        for key in keys:
            name = key.decode("utf-8", "replace") if isinstance(key, bytes) else key
            dropped = self._copies.pop(name, None)
            if dropped is not None:
                self._bytes -= dropped[1]

    def _fail(self, error) -> None:
        logger.warning("Hot page copies dropped, reading Redis instead for %.0f s: %s", RETRY_SECONDS, error)
        self._drop_connection()
        self._retry_after = time.monotonic() + RETRY_SECONDS

    def _drop_connection(self) -> None:
        connection, self._connection = self._connection, None
        self.forget_all()
        if connection is not None:
            with contextlib.suppress(RedisError, OSError):
                connection.disconnect()

    # Memory.

    def _keep(self, key: str, value, read_at: float) -> None:
        size = self.size_of(value)
        if size > self.max_bytes:
            return
        old = self._copies.pop(key, None)
        if old is not None:
            self._bytes -= old[1]
        self._copies[key] = (value, size, read_at)
        self._bytes += size
        while self._bytes > self.max_bytes:
            _key, (_value, dropped, _read_at) = self._copies.popitem(last=False)
            self._bytes -= dropped


# This process's copies of cached pages.

_copies: TrackedCopies | None = None
_copies_made_for = None


def _size_of(value) -> int:
    # A cached page is its bytes, plain and compressed; anything else (the generation) is small.
    body = getattr(value, "body", None)
    if body is None:
        return 64
    return 512 + sum(map(len, body.parts)) + sum(map(len, body.gzip_pieces))


def page_copies() -> TrackedCopies | None:
    """The worker's copies of hot pages, or None: not on Redis (django-redis), or switched off."""
    global _copies, _copies_made_for
    megabytes = settings.PAGE_CACHE_MEMORY_MB
    config = settings.CACHES["default"]
    # Settings only, on every request: the backend is looked up when they change (tests).
    if (megabytes, config) != _copies_made_for:
        from django_redis.cache import RedisCache

        if _copies is not None:
            _copies.forget_all()
        backend = caches["default"]
        _copies = None
        if megabytes > 0 and isinstance(backend, RedisCache):
            _copies = TrackedCopies(
                config["LOCATION"],
                decode=backend.client.decode,
                size_of=_size_of,
                max_bytes=megabytes * 1024 * 1024,
                make_key=backend.make_key,
            )
        _copies_made_for = (megabytes, config)
    return _copies


def forget_in_process() -> None:
    """This process changed cached content: drop its copies now rather than wait for the push."""
    if _copies is not None:
        _copies.forget_all()
