"""Keep the search index fresh: cross-cutting reactions to publishing, moves and brand renames.

Wagtail indexes a page from ``post_save``, inside ``save()``, before modelcluster saves
its child relations, so tags added in the same publish were missing from the index
until the next save. Each handler here queues a reindex that runs after the
transaction commits (``search.tasks.enqueue_reindex``), when everything is saved.
Products also carry their category's title and path and their brand's name, so
renaming or moving those reindexes the products beneath.
"""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from catalogue.models import Brand, CategoryPage, ProductPage
from search.tasks import enqueue_reindex


@receiver(page_published, dispatch_uid="search_reindex_published")
@receiver(page_unpublished, dispatch_uid="search_reindex_unpublished")
def reindex_published_page(sender, instance, **kwargs):
    enqueue_reindex([instance.pk])


@receiver(post_page_move, dispatch_uid="search_reindex_moved")
def reindex_moved_page(sender, instance, **kwargs):
    products = ProductPage.objects.descendant_of(instance, inclusive=True).values_list("pk", flat=True)
    enqueue_reindex([instance.pk, *products])


def _is_renamed(model, instance, field: str, raw: bool, update_fields) -> bool:
    """Whether this save changes ``field`` of a row already stored (products are indexed with it).

    A draft save of a live page writes only bookkeeping columns (``update_fields``
    without the title), so the stored title, and the index, stay as they are.
    """
    return (
        not raw
        and instance.pk is not None
        and (update_fields is None or field in update_fields)
        and model.objects.filter(pk=instance.pk).exclude(**{field: getattr(instance, field)}).exists()
    )


@receiver(pre_save, sender=CategoryPage, dispatch_uid="search_category_title_changing")
def note_category_rename(sender, instance, raw=False, update_fields=None, **kwargs):
    instance._search_renamed = _is_renamed(CategoryPage, instance, "title", raw, update_fields)


@receiver(post_save, sender=CategoryPage, dispatch_uid="search_category_renamed")
def reindex_renamed_category_products(sender, instance, raw=False, **kwargs):
    if getattr(instance, "_search_renamed", False):
        enqueue_reindex(ProductPage.objects.child_of(instance).values_list("pk", flat=True))


@receiver(pre_save, sender=Brand, dispatch_uid="search_brand_name_changing")
def note_brand_rename(sender, instance, raw=False, update_fields=None, **kwargs):
    instance._search_renamed = _is_renamed(Brand, instance, "name", raw, update_fields)


@receiver(post_save, sender=Brand, dispatch_uid="search_brand_renamed")
def reindex_renamed_brand_products(sender, instance, raw=False, **kwargs):
    if getattr(instance, "_search_renamed", False):
        enqueue_reindex(instance.products.values_list("pk", flat=True))
