"""Image renditions made ahead of the shopper: a registry of what pages render, and the hooks that fill it.

A rendition made inside a request costs the shopper an image resize and an INSERT, and
the first visitor after a deploy pays for every card on the page. So each app registers
the rendition specs its templates render, with the images they apply to (a product's
gallery pictures, a story's hero...), and renditions are made:

- after an image is saved (uploaded, its file replaced, its focal point moved), for the
  groups the image already belongs to;
- after a page is published or a setting saved, for the images it now shows;
- by ``manage.py make_renditions`` (and the demo loader), for images that existed before.

The work runs in a Celery task once the transaction commits (eagerly in tests and
wherever no worker runs). ``home`` holds only the mechanism; the specs belong to the
apps whose templates render them (``catalogue.rendition_specs``), and this module
imports nothing from them.
"""

import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import QuerySet
from modelcluster.models import get_all_child_relations
from wagtail.images import get_image_model
from wagtail.images.models import Filter, SourceImageIOError
from wagtail.models import ReferenceIndex

logger = logging.getLogger(__name__)

# Images whose renditions one task (or one backfill step) makes together; each batch
# reads its images and their existing renditions in two queries.
BATCH_SIZE = 100

ImageFilter = Callable[[QuerySet], QuerySet]


@dataclass(frozen=True)
class RenditionGroup:
    """Rendition specs that pages render for a kind of image.

    ``images`` narrows a queryset of images to those this group applies to (the
    pictures in product galleries, say); ``None`` means every image.
    """

    name: str
    specs: tuple[str, ...]
    images: ImageFilter | None = None


_groups: dict[str, RenditionGroup] = {}


def register_renditions(name: str, specs: Iterable[str], *, images: ImageFilter | None = None) -> None:
    """Declare that pages render ``specs`` for the images ``images`` selects (called from AppConfig.ready).

    Registering a name again replaces it, so a reloaded app does not double its work.
    """
    specs = tuple(dict.fromkeys(specs))
    for spec in specs:
        Filter(spec=spec).operations  # noqa: B018 - an unknown spec fails here, at start-up, not in a worker
    _groups[name] = RenditionGroup(name=name, specs=specs, images=images)


def registered_groups() -> list[RenditionGroup]:
    return list(_groups.values())


def wanted_specs(image_ids: Iterable[int]) -> dict[int, set[str]]:
    """For each of these images that any group applies to, every spec pages will render of it."""
    image_ids = list(set(image_ids))
    wanted: dict[int, set[str]] = {}
    if not image_ids:
        return wanted
    candidates = get_image_model().objects.filter(pk__in=image_ids)
    for group in _groups.values():
        selected = candidates if group.images is None else group.images(candidates)
        for image_id in selected.values_list("pk", flat=True):
            wanted.setdefault(image_id, set()).update(group.specs)
    return wanted


def missing_specs(image, specs: Iterable[str], existing: Iterable) -> list[str]:
    """The specs of ``image`` that have no rendition for its current focal point among ``existing``."""
    made = {(rendition.filter_spec, rendition.focal_point_key) for rendition in existing}
    missing = []
    for spec in sorted(specs):
        if (spec, Filter(spec=spec).get_cache_key(image)) not in made:
            missing.append(spec)
    return missing


def renditions_create(*, image_ids: Iterable[int]) -> int:
    """Make every registered rendition these images lack; returns how many were made.

    An image whose file cannot be read is logged and skipped: the page falls back to
    making the rendition on demand, as Wagtail always has.
    """
    wanted = wanted_specs(image_ids)
    created = 0
    ids = sorted(wanted)
    for start in range(0, len(ids), BATCH_SIZE):
        batch = ids[start : start + BATCH_SIZE]
        images = get_image_model().objects.filter(pk__in=batch).prefetch_related("renditions")
        for image in images:
            missing = missing_specs(image, wanted[image.pk], image.renditions.all())
            if not missing:
                continue
            try:
                image.get_renditions(*missing)
            except (SourceImageIOError, OSError) as error:
                logger.warning("Renditions of image %s not made: %s", image.pk, error)
                continue
            created += len(missing)
    return created


def renditions_backfill(progress: Callable[[Iterable, int, str], Iterator] | None = None) -> tuple[int, int]:
    """Every registered rendition any image lacks (after a deploy adds a spec, or for old images).

    ``progress(iterable, total, label)`` draws a bar over the batches. Returns
    (images looked at, renditions made).
    """
    image_ids = list(get_image_model().objects.order_by("pk").values_list("pk", flat=True))
    batches = [image_ids[start : start + BATCH_SIZE] for start in range(0, len(image_ids), BATCH_SIZE)]
    if progress is not None:
        batches = progress(batches, len(batches), "Renditions")
    created = 0
    for batch in batches:
        created += renditions_create(image_ids=batch)
    return len(image_ids), created


# --- Hooks -------------------------------------------------------------------

_state = threading.local()


def _pending() -> set[int]:
    if not hasattr(_state, "pending"):
        _state.pending = set()
    return _state.pending


@contextmanager
def renditions_deferred():
    """Saves inside this block queue nothing: a bulk loader makes the renditions in one pass after."""
    previous = getattr(_state, "deferred", False)
    _state.deferred = True
    try:
        yield
    finally:
        _state.deferred = previous


def renditions_on_commit(image_ids: Iterable[int]) -> None:
    """Make these images' renditions once the transaction commits, in one task per transaction."""
    if getattr(_state, "deferred", False):
        return
    image_ids = {image_id for image_id in image_ids if image_id}
    if not image_ids:
        return
    _pending().update(image_ids)
    transaction.on_commit(_flush)


def _flush() -> None:
    taken = sorted(_pending())
    _pending().clear()
    if taken:
        from home.tasks import make_renditions

        make_renditions.delay(taken)


def image_fields(obj) -> set[int]:
    """The ids in ``obj``'s own foreign keys to the image model (None left out)."""
    image_model = get_image_model()
    ids = {
        getattr(obj, field.attname)
        for field in obj._meta.concrete_fields
        if field.is_relation and field.related_model is image_model
    }
    ids.discard(None)
    return ids


def images_shown_by(instance) -> set[int]:
    """The images a page points at: its own image fields, its inline rows', and its StreamFields'."""
    image_model = get_image_model()
    ids = image_fields(instance)
    for relation in get_all_child_relations(instance):
        for child in getattr(instance, relation.get_accessor_name()).all():
            ids |= image_fields(child)
    # StreamField blocks (heroes, image blocks, galleries) through Wagtail's reference index.
    image_type = ContentType.objects.get_for_model(image_model)
    referenced = ReferenceIndex.get_references_for_object(instance).filter(to_content_type=image_type)
    ids |= {int(pk) for pk in referenced.values_list("to_object_id", flat=True) if str(pk).isdigit()}
    ids.discard(None)
    return ids


def make_renditions_for_page(sender, instance, **kwargs) -> None:
    renditions_on_commit(images_shown_by(instance.specific))


def make_renditions_for_image(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        renditions_on_commit([instance.pk])


def make_renditions_for_settings(sender, instance, raw=False, **kwargs) -> None:
    # Wagtail creates a settings row on its first read: with no image chosen, nothing to do.
    if not raw:
        renditions_on_commit(image_fields(instance))


def connect_rendition_signals() -> None:
    """Called from HomeConfig.ready(), once the image model can be looked up."""
    from django.db.models.signals import post_save
    from wagtail.signals import page_published

    post_save.connect(
        make_renditions_for_image, sender=get_image_model(), dispatch_uid="home_image_renditions"
    )
    page_published.connect(make_renditions_for_page, dispatch_uid="home_page_renditions")
    post_save.connect(
        make_renditions_for_settings, sender="home.SeoSettings", dispatch_uid="home_settings_renditions"
    )
