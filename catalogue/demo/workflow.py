"""Two new products waiting in the editorial workflow: one at each task, as a working day leaves them.

The demo editor writes both and submits them to the workflow their category uses; the
demo moderator approves the second, which moves it on to the SEO check. Its meta
description is too short, so the marketer finds something to fix there. Each product is
keyed by its SKU: once it exists, the loader leaves it (and wherever it got to) alone.
"""

import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from catalogue.models import Brand, CategoryPage, ProductGalleryImage, ProductPage

from . import vocabulary as words
from .loader import build_product

CATEGORY_SLUG = "knives"


@dataclass(frozen=True)
class WaitingProduct:
    sku: str
    search_description: str
    # How many tasks the moderator approves after the editor submits it.
    approvals: int


WAITING = (
    WaitingProduct(
        "NEW-00001",
        "A forged chef's knife with a walnut handle, sharpened by hand and balanced for long prep sessions.",
        approvals=0,
    ),
    WaitingProduct("NEW-00002", "Sharp and light.", approvals=1),
)


def load_waiting_products(*, seed: int) -> int:
    """Create the waiting products that are missing; returns how many were created."""
    User = get_user_model()
    editor = User.objects.filter(email__iexact="editor@example.com").first()
    moderator = User.objects.filter(email__iexact="moderator@example.com").first()
    category = CategoryPage.objects.filter(slug=CATEGORY_SLUG).first()
    pictures = ProductGalleryImage.objects.order_by("pk")
    # A knife's picture for a knife, or any product's when a small load has no knives.
    picture = (category and pictures.filter(page__path__startswith=category.path).first()) or pictures.first()
    brands = list(Brand.objects.order_by("name")[:3])
    if editor is None or moderator is None or category is None or picture is None or not brands:
        return 0  # no accounts yet, or a catalogue too small to borrow a picture from
    existing = set(ProductPage.objects.filter(sku__in=[w.sku for w in WAITING]).values_list("sku", flat=True))
    subcategory = next(
        sub for top in words.CATEGORY_TREE for sub in top.subcategories if sub.slug == CATEGORY_SLUG
    )
    created = 0
    for waiting in WAITING:
        if waiting.sku in existing:
            continue
        product = build_product(
            random.Random(f"{seed}:waiting:{waiting.sku}"),
            sku=waiting.sku,
            sub=subcategory,
            brands=brands,
        )
        product.slug = f"new-{waiting.sku.lower()}"
        product.title = f"New: {product.title}"
        product.search_description = waiting.search_description
        product.stock = 24  # the opening stock an editor types in
        product.live = False
        product.owner = editor
        category.add_child(instance=product)
        ProductGalleryImage.objects.create(page=product, image=picture.image, sort_order=0)
        product.save_revision(user=editor)
        created += 1
        workflow = product.get_workflow()
        if workflow is None:
            continue  # someone took the workflow off the catalogue: a draft is all there is to show
        workflow.start(product, editor)
        for _ in range(waiting.approvals):
            task_state = product.current_workflow_task_state
            task_state.task.specific.on_action(task_state, moderator, "approve")
    return created
