"""Catalogue fixtures and builders, shared with every app's tests (registered in the root conftest)."""

from io import BytesIO

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Site

# A guest's complete checkout form: every test that places an order starts from it.
GUEST_CHECKOUT = {
    "email": "guest@example.com",
    "full_name": "Grace Guest",
    "address_line1": "1 High Street",
    "city": "Bristol",
    "postcode": "BS1 1AA",
    "country": "GB",
    "shipping_method": "standard",
    "payment_method": "bank_transfer",
}


def clear_caches():
    """Every cache empty, as query budgets are measured: the shared cache, and the live
    promotions this process keeps for up to a second (catalogue.pricing.promotions)."""
    from django.core.cache import cache

    from catalogue.pricing.promotions import forget_live_promotions

    cache.clear()
    forget_live_promotions()


def make_image(title="Test image", colour="teal", size=(640, 640)):
    buffer = BytesIO()
    PillowImage.new("RGB", size, colour).save(buffer, "PNG")
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name=f"{title}.png"))


@pytest.fixture
def home_page(db):
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def kitchen(home_page):
    from catalogue.factories import CategoryPageFactory

    return CategoryPageFactory(parent=home_page, title="Kitchen", slug="kitchen", show_in_menus=True)


@pytest.fixture
def knives(kitchen):
    from catalogue.factories import CategoryPageFactory

    return CategoryPageFactory(parent=kitchen, title="Knives", slug="knives")


@pytest.fixture
def shopper(db):
    from users.factories import UserFactory

    return UserFactory(email="shopper@example.com", first_name="Sam")


def add_product(parent, image=True, **fields):
    """A live product with one gallery image: its own (True), a given Image, or none (False)."""
    from catalogue.factories import ProductPageFactory
    from catalogue.models import ProductGalleryImage

    product = ProductPageFactory(parent=parent, **fields)
    if image is True:
        image = make_image(f"img-{product.sku}")
    if image:
        ProductGalleryImage.objects.create(page=product, image=image)
    return product


@pytest.fixture
def broker_without_worker():
    """Celery on a broker that accepts every task and delivers none, until a test starts a
    worker: what a shop sees when Redis dies with confirmation tasks still queued.

    Yields a function that counts the messages waiting in the default queue.
    """
    from mysite.celery import app

    def fresh_connections():
        app._pool = None
        app.amqp._producer_pool = None

    def waiting() -> int:
        with app.connection_for_write() as conn:
            return conn.default_channel.queue_declare(app.conf.task_default_queue, passive=True).message_count

    previous = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager, app.conf.broker_url = False, "memory://"
    fresh_connections()
    try:
        with app.connection_for_write() as conn:
            conn.default_channel.queue_declare(app.conf.task_default_queue)
            conn.default_channel.queue_purge(app.conf.task_default_queue)
        yield waiting
    finally:
        with app.connection_for_write() as conn:
            conn.default_channel.queue_purge(app.conf.task_default_queue)
        app.conf.task_always_eager, app.conf.broker_url = previous
        fresh_connections()


def add_variants(product, *specs, **shared):
    """Give a product variants (dicts of field values) through a content save, as the editor does.

    Each spec needs at least a ``sku``; ``shared`` values (``stock=5``) apply to every one.
    Returns the variants, saved, in the editor's order.
    """
    from catalogue.models import ProductVariant

    product.variants = [ProductVariant(**{"stock": 5, **shared, **spec}) for spec in specs]
    product.save()
    return list(product.variants.order_by("sort_order", "pk"))


def add_apron_with_a_sold_out_size(category):
    """An apron whose M is in stock (4) and whose L is sold out: (product, medium, large)."""
    product = add_product(category, image=False, title="Apron", stock=0)
    medium, large = add_variants(
        product, {"sku": "APRON-M", "size": "M", "stock": 4}, {"sku": "APRON-L", "size": "L", "stock": 0}
    )
    return product, medium, large
