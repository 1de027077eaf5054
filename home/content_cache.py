"""One cache generation for published content, shared by every process through the cache.

Anything cached that depends on what is live (the sitemap, later whole pages)
puts the generation in its key.  Publishing, unpublishing, moving or deleting
a page bumps it, so the next request everywhere misses and rebuilds: no stale
listing or sitemap survives an editor's action, whichever process served it.
"""

import uuid

from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "content-generation"


def content_generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # A cache that lost the key (restart, eviction) starts a fresh generation.
        generation = uuid.uuid4().hex
        cache.add(GENERATION_KEY, generation, timeout=None)
        generation = cache.get(GENERATION_KEY) or generation
    return generation


def bump_content_generation() -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def bump_on_commit() -> None:
    # Bump both now and after commit: now for readers in this transaction,
    # after commit so no other process re-caches the old state in between.
    bump_content_generation()
    transaction.on_commit(bump_content_generation)


def generation_key(name: str, *parts) -> str:
    return ":".join([name, content_generation(), *map(str, parts)])
