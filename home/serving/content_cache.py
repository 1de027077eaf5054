"""How cached content stays valid: each entry is dropped when something it was built from changes.

Three mechanisms, from finest to coarsest (decision "Invalidation by dependency"):

* **Tags.** Pages, cards and menus are stored with the tags of what they were built from
  (``page:12``, ``children:000100020003``, see ``home.serving.cache_dependencies``). A tag → keys
  index lets ``invalidate`` delete exactly the entries under a tag, so a hit is still one
  cache GET with nothing to compare: whatever is in the cache is valid. (Workers hold hot
  pages in memory and drop them when Redis pushes the deletion: ``home.serving.hot_pages``.)
* **Namespaces.** Caches whose dependencies are not worth naming one by one (search
  results, sitemap chunks, the product feed, API answers, the SEO counts) put the version
  of their namespace in their key; a tag ``ns:<name>`` moves that version on. It is an
  indexed tag as well, so whole pages stored under it (search results) go with it.
* **The site-wide generation.** Sites, SEO settings and view restrictions touch every page;
  the tag ``site`` starts a new generation, which every key and page entry carries.

A render that read the database before an invalidation but stores after it would keep old
content alive. The **clock** prevents that: every invalidation ticks it and stamps its tags
with the tick; a store compares the stamps of its tags with the clock it read before
rendering, and drops what it has just written if one is newer.

With Redis the index is a Redis set per tag (one pipelined round trip to add, one to pop).
Any other backend (the local-memory cache of tests and development) keeps the sets in the
cache itself under a process lock, which is exact for a per-process cache. Redis errors are
logged and ignored like every other cache error: pages still render with Redis down.
"""

import logging
import threading
import time
import uuid
from collections.abc import Iterable

from django.core.cache import cache, caches
from django.db import transaction

from home.serving import hot_pages
from home.serving.cache_policy import cache_seconds

logger = logging.getLogger(__name__)

GENERATION_KEY = "content-generation"
CLOCK_KEY = "content-clock"
SITE_TAG = "site"
NAMESPACE_PREFIX = "ns:"


def content_generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # A cache that lost the key (restart, eviction) starts a fresh generation.
        generation = uuid.uuid4().hex
        cache.add(GENERATION_KEY, generation, timeout=None)
        generation = cache.get(GENERATION_KEY) or generation
    return generation


def bump_content_generation() -> None:
    hot_pages.forget_in_process()
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def generation_key(name: str, *parts) -> str:
    return ":".join([name, content_generation(), *map(str, parts)])


def _namespace_key(namespace: str) -> str:
    return f"content-namespace:{namespace}"


def namespace_version(namespace: str) -> str:
    """The site-wide generation and the namespace's own version, in one cache round trip."""
    key = _namespace_key(namespace)
    found = cache.get_many([GENERATION_KEY, key])
    version = found.get(key)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(key, version, timeout=None)
    generation = found.get(GENERATION_KEY) or content_generation()
    return f"{generation}.{version}"


def api_content_version() -> str:
    return namespace_version("api")


def namespaced_key(namespace: str, *parts) -> str:
    return ":".join([namespace, namespace_version(namespace), *map(str, parts)])


# The clock: a counter ticked by every invalidation, read before a render.


def clock_value(found: dict) -> int | None:
    """The clock from a ``get_many`` that asked for ``CLOCK_KEY`` too (None: not known)."""
    value = found.get(CLOCK_KEY)
    return value if isinstance(value, int) else None


def read_clock() -> int:
    value = cache.get(CLOCK_KEY)
    return value if isinstance(value, int) else _start_clock()


def _start_clock() -> int:
    # From wall-clock milliseconds: a clock lost to an eviction restarts above every stamp
    # it handed out, so entries stored afterwards are not refused for a lifetime.
    cache.add(CLOCK_KEY, int(time.time() * 1000), timeout=None)
    value = cache.get(CLOCK_KEY)
    return value if isinstance(value, int) else 0


def _tick() -> int:
    try:
        value = cache.incr(CLOCK_KEY)
    except ValueError:  # no clock yet
        _start_clock()
        try:
            value = cache.incr(CLOCK_KEY)
        except ValueError:
            value = None
    # None: the cache is down and ignores errors. Nothing is stored then either.
    return value if isinstance(value, int) else int(time.time() * 1000)


def _stamp_key(tag: str) -> str:
    return f"tag-stamp/{tag}"


# The tag → keys index.


def _index_key(tag: str) -> str:
    return f"tag-index/{tag}"


class _CacheTagIndex:
    """Tag sets kept as values of the cache itself; a lock makes each update whole within a process."""

    lock = threading.Lock()

    def add(self, tags_by_key: dict[str, Iterable[str]], timeout: int) -> None:
        by_tag: dict[str, set[str]] = {}
        for key, tags in tags_by_key.items():
            for tag in tags:
                by_tag.setdefault(tag, set()).add(key)
        with self.lock:
            current = cache.get_many([_index_key(tag) for tag in by_tag])
            cache.set_many(
                {
                    _index_key(tag): current.get(_index_key(tag), frozenset()) | keys
                    for tag, keys in by_tag.items()
                },
                timeout,
            )

    def pop(self, tags: Iterable[str]) -> set[str]:
        index_keys = [_index_key(tag) for tag in tags]
        with self.lock:
            found = cache.get_many(index_keys)
            cache.delete_many(index_keys)
        return set().union(*found.values()) if found else set()

    def delete(self, keys: set[str]) -> None:
        cache.delete_many(list(keys))


class _RedisTagIndex:
    """Tag sets as Redis sets of the cache's own (prefixed) keys."""

    def __init__(self):
        from django_redis import get_redis_connection

        self.client = get_redis_connection("default")

    def add(self, tags_by_key: dict[str, Iterable[str]], timeout: int) -> None:
        from redis.exceptions import RedisError

        pipe = self.client.pipeline(transaction=False)
        for key, tags in tags_by_key.items():
            made = cache.make_key(key)
            for tag in tags:
                index = cache.make_key(_index_key(tag))
                pipe.sadd(index, made)
                # Renewed on every add: the set outlives the newest entry it names.
                pipe.expire(index, timeout)
        try:
            pipe.execute()
        except RedisError as error:
            logger.warning("Cache tag index not updated: %s", error)

    def pop(self, tags: Iterable[str]) -> set[str]:
        from redis.exceptions import RedisError

        indexes = [cache.make_key(_index_key(tag)) for tag in tags]
        pipe = self.client.pipeline(transaction=True)
        for index in indexes:
            pipe.smembers(index)
        pipe.delete(*indexes)
        try:
            *members, _deleted = pipe.execute()
        except RedisError as error:
            logger.warning("Cache tag index not read: %s", error)
            return set()
        return {
            member.decode() if isinstance(member, bytes) else member for group in members for member in group
        }

    def delete(self, keys: set[str]) -> None:
        from redis.exceptions import RedisError

        try:
            # The index holds keys already made (prefixed, versioned): delete them as they are.
            self.client.delete(*keys)
        except RedisError as error:
            logger.warning("Cached entries not deleted: %s", error)


_index = None
_index_backend = None


def tag_index():
    global _index, _index_backend
    # The backend, not django.core.cache.cache: that is a proxy, never an instance of RedisCache.
    backend = caches["default"]
    if backend is not _index_backend:
        from django_redis.cache import RedisCache

        _index = _RedisTagIndex() if isinstance(backend, RedisCache) else _CacheTagIndex()
        _index_backend = backend
    return _index


def store_tagged(
    entries: dict, tags_by_key: dict[str, set[str]], seen_clock: int | None, timeout: int
) -> None:
    """Cache ``entries`` under their tags, unless one of those tags was invalidated since ``seen_clock``.

    ``seen_clock`` is the clock read before the content was loaded; None (no clock yet) counts
    as 0, so a tag stamped at all refuses the store until its stamp expires.

    The order matters: index first, value second, stamps last. An invalidation either
    stamps its tags before the check below (and this store drops its own entry) or pops
    the index after the key was added to it (and deletes the entry itself).
    """
    if not entries:
        return
    tag_index().add(tags_by_key, timeout)
    cache.set_many(entries, timeout)
    tags = set().union(*tags_by_key.values())
    stamps = cache.get_many([_stamp_key(tag) for tag in tags]) if tags else {}
    seen = seen_clock if seen_clock is not None else 0
    newer = {
        key.removeprefix("tag-stamp/")
        for key, stamp in stamps.items()
        if isinstance(stamp, int) and stamp > seen
    }
    if newer:
        cache.delete_many([key for key, key_tags in tags_by_key.items() if key_tags & newer])


def _invalidate_now(tags: set[str]) -> None:
    # This worker's copies of pages go at once; other workers' go when Redis pushes the change.
    hot_pages.forget_in_process()
    namespaces = {tag.removeprefix(NAMESPACE_PREFIX) for tag in tags if tag.startswith(NAMESPACE_PREFIX)}
    # Namespace tags are indexed too: an entry may be stored under one (a page of search
    # results is), rather than carrying the namespace's version in its key.
    indexed = tags - {SITE_TAG}
    if SITE_TAG in tags:
        bump_content_generation()
    if namespaces:
        cache.set_many({_namespace_key(name): uuid.uuid4().hex for name in namespaces}, timeout=None)
    if indexed:
        stamp = _tick()
        cache.set_many({_stamp_key(tag): stamp for tag in indexed}, cache_seconds())
        index = tag_index()
        keys = index.pop(indexed)
        if keys:
            index.delete(keys)


class _Batch(threading.local):
    tags: set[str] | None = None
    flushes: int = 0


_batch = _Batch()


def _flush() -> None:
    tags, _batch.tags = _batch.tags, None
    if tags:
        _batch.flushes += 1
        _invalidate_now(tags)


def invalidate(tags: Iterable[str]) -> None:
    """Drop every cached entry built from ``tags``: at once, and in one batch after the commit.

    At once, so reads later in the same transaction miss; after the commit, because another
    process may have cached the old state meanwhile. The commit drops the union of all the
    transaction's tags once, however many rows changed: deleting a category with its
    products is one batch after the commit.
    """
    tags = set(tags)
    if not tags:
        return
    _invalidate_now(tags)
    if not transaction.get_connection().in_atomic_block:
        return
    if _batch.tags is None:
        _batch.tags = set()
    _batch.tags |= tags
    # One callback per call: the first to run drops the whole union; the rest find it done.
    # (A rolled-back transaction leaves its tags behind; the next commit drops them, harmlessly.)
    transaction.on_commit(_flush)


def forget_pending() -> None:
    """Forget tags left by a transaction that rolled back (the next commit would drop them needlessly)."""
    _batch.tags = None


def flushes_after_commit() -> int:
    """How many after-commit batches this thread has run (for tests of batching)."""
    return _batch.flushes


def bump_on_commit() -> None:
    """Everything goes stale: for changes that touch every page (sites, settings, privacy)."""
    invalidate({SITE_TAG})
