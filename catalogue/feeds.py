"""The product feed for shopping ads: Google Merchant Center's RSS 2.0, streamed and cached in chunks.

The feed is built in chunks of ``FEED_CHUNK_SIZE`` products, each a fixed number of
queries (products with their brand, then their gallery images, then their variants), walked by primary key
("keyset" paging). Each rendered chunk is cached under the content generation
(home.serving.content_cache, decision 7), and once a whole feed has gone out, a manifest of the
chunks' key ranges is cached too. A later request streams the chunks back from the
cache, and rebuilds from the database only a chunk the cache has lost, by its key range.
Nothing ever holds the whole feed: memory stays flat at 100,000 products.

Every change a feed item shows starts a new generation: publishing, unpublishing,
moving, brand edits, and stock reaching zero (catalogue.services.stock.shows_on_pages).
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from xml.sax.saxutils import escape

from django.conf import settings
from django.core.cache import cache
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.models import Site

from catalogue.models import OPTION_DIMENSIONS, CategoryPage, ProductGalleryImage, ProductPage, ProductVariant
from catalogue.pricing import price_for
from home.serving.cache_policy import cache_seconds
from home.serving.content_cache import namespace_version

FEED_NAMESPACE = "http://base.google.com/ns/1.0"
FEED_CHUNK_SIZE = 500
# No longer than a cached page: a generation bump lost while Redis blinked heals as fast.
# Merchant Center's limits (product data specification).
ID_MAX = 50
TITLE_MAX = 150
DESCRIPTION_MAX = 5000
# XML 1.0 forbids these control characters even escaped; a pasted one would break the whole feed.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def text(value: str, limit: int | None = None) -> str:
    """Plain text as XML character data: invalid characters dropped, markup escaped, cut at ``limit``."""
    cleaned = XML_INVALID.sub("", str(value)).strip()
    if limit is not None and len(cleaned) > limit:
        cleaned = cleaned[: limit - 1].rstrip() + "…"
    return escape(cleaned)


def feed_price(price: Decimal, currency: str) -> str:
    """The price as Merchant Center wants it: ``23.95 EUR``."""
    return f"{price:.2f} {currency}"


def feed_products():
    """What the feed lists: live, public products not left out by an editor, with a picture.

    Merchant Center refuses an item without ``image_link``, so products without a gallery
    image stay out rather than arrive as errors.
    """
    has_image = Exists(ProductGalleryImage.objects.filter(page=OuterRef("pk")))
    return (
        ProductPage.objects.live()
        .public()
        .filter(exclude_from_feed=False)
        .filter(has_image)
        .select_related("brand")
        .prefetch_related(
            Prefetch(
                "gallery_images",
                queryset=ProductGalleryImage.objects.order_by("sort_order", "pk").select_related("image"),
            ),
            Prefetch(
                "variants",
                queryset=ProductVariant.objects.order_by("sort_order", "pk").select_related("image"),
            ),
        )
        .order_by("pk")
    )


@dataclass
class FeedContext:
    """What every item needs and a request knows once: the address, the categories, the currency."""

    request: object
    category_titles: dict[str, str]
    currency: str
    # One moment for the whole feed: every item is priced as of the same instant.
    now: datetime = field(default_factory=timezone.now)

    @classmethod
    def for_request(cls, request) -> "FeedContext":
        categories = dict(CategoryPage.objects.values_list("path", "title"))
        return cls(request=request, category_titles=categories, currency=settings.SHOP_CURRENCY)

    def product_type(self, product: ProductPage) -> str:
        """The category path from the top category down: ``Kitchen > Knives``."""
        steplen = ProductPage.steplen
        prefixes = (product.path[:end] for end in range(steplen, len(product.path), steplen))
        return " > ".join(self.category_titles[path] for path in prefixes if path in self.category_titles)

    def absolute(self, url: str) -> str:
        return self.request.build_absolute_uri(url)


def feed_items(product: ProductPage, context: FeedContext) -> str:
    """One item for a product, or one per variant, grouped by the product's SKU (``g:item_group_id``)."""
    variants = product.variants.all()
    if not variants:
        return feed_item(product, context)
    return "".join(variant_item(product, variant, context) for variant in variants)


def sale_fields(price, context: FeedContext) -> list[tuple[str, str]]:
    """``g:sale_price`` (and its dates) while a sale or promotion lowers the price."""
    if not price.on_sale:
        return []
    fields = [("g:sale_price", feed_price(price.amount, context.currency))]
    if price.valid_until:
        start = price.valid_from or context.now
        window = f"{start.isoformat(timespec='minutes')}/{price.valid_until.isoformat(timespec='minutes')}"
        fields.append(("g:sale_price_effective_date", window))
    return fields


def variant_item(product: ProductPage, variant: ProductVariant, context: FeedContext) -> str:
    variant.page = product
    # The variant's own price: a sale or a promotion (on it alone, too) is announced as on the product.
    price = price_for(product, variant, at=context.now)
    image = variant.image or product.gallery_images.all()[0].image
    title = f"{product.title} ({variant.short_label})"
    link = f"{product.get_full_url(context.request) or ''}?variant={variant.pk}"
    fields = [
        ("g:id", text(variant.sku) if len(variant.sku) <= ID_MAX else f"variant-{variant.pk}"),
        ("g:item_group_id", text(product.sku) if len(product.sku) <= ID_MAX else f"product-{product.pk}"),
        ("title", text(title, TITLE_MAX)),
        (
            "description",
            text(product.short_description or product.search_description or title, DESCRIPTION_MAX),
        ),
        ("link", text(link)),
        ("g:image_link", text(context.absolute(image.file.url))),
        ("g:price", feed_price(price.regular, context.currency)),
        ("g:availability", "in_stock" if variant.in_stock else "out_of_stock"),
        ("g:condition", "new"),
    ]
    fields += sale_fields(price, context)
    fields += [
        (f"g:{dimension.feed_element}", text(getattr(variant, dimension.field), 100))
        for dimension in OPTION_DIMENSIONS
        if getattr(variant, dimension.field)
    ]
    if product.brand is not None:
        fields.append(("g:brand", text(product.brand.name, 70)))
    # The product's barcode names one article, not each size of it.
    fields.append(("g:identifier_exists", "no"))
    product_type = context.product_type(product)
    if product_type:
        fields.append(("g:product_type", text(product_type, 750)))
    body = "".join(f"<{name}>{value}</{name}>" for name, value in fields)
    return f"<item>{body}</item>\n"


def feed_item(product: ProductPage, context: FeedContext) -> str:
    image = product.gallery_images.all()[0].image
    price = price_for(product, at=context.now)
    description = product.short_description or product.search_description or product.title
    fields = [
        # The SKU is the shop's own stable id; one past Merchant Center's limit falls back to the page id.
        ("g:id", text(product.sku) if len(product.sku) <= ID_MAX else f"product-{product.pk}"),
        ("title", text(product.title, TITLE_MAX)),
        ("description", text(description, DESCRIPTION_MAX)),
        ("link", text(product.get_full_url(context.request) or "")),
        # The original: Merchant Center scales pictures itself and prefers them large.
        ("g:image_link", text(context.absolute(image.file.url))),
        ("g:price", feed_price(price.regular, context.currency)),
        ("g:availability", "in_stock" if product.in_stock else "out_of_stock"),
        ("g:condition", "new"),
    ]
    fields += sale_fields(price, context)
    if product.brand is not None:
        fields.append(("g:brand", text(product.brand.name, 70)))
    if product.gtin:
        fields.append(("g:gtin", product.gtin))
    elif product.mpn:
        fields.append(("g:mpn", text(product.mpn, 70)))
    if not product.gtin and not product.mpn:
        # Without a barcode or part number Merchant Center must be told so, or it disapproves the item.
        fields.append(("g:identifier_exists", "no"))
    product_type = context.product_type(product)
    if product_type:
        fields.append(("g:product_type", text(product_type, 750)))
    body = "".join(f"<{name}>{value}</{name}>" for name, value in fields)
    return f"<item>{body}</item>\n"


def feed_head(context: FeedContext) -> bytes:
    site = Site.find_for_request(context.request)
    name = (site.site_name if site else "") or context.request.get_host()
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<rss version="2.0" xmlns:g="{FEED_NAMESPACE}">\n<channel>\n'
        f"<title>{text(name)}</title>\n"
        f"<link>{text(context.absolute('/'))}</link>\n"
        f"<description>{text(f'Products of {name}')}</description>\n"
    ).encode()


FEED_TAIL = b"</channel>\n</rss>\n"


def render_chunk(products, context: FeedContext) -> bytes:
    return "".join(feed_items(product, context) for product in products).encode()


class ProductFeed:
    """One request's feed: cached chunks where the cache has them, the database for the rest."""

    def __init__(self, request, chunk_size: int | None = None):
        self.request = request
        self.chunk_size = chunk_size or FEED_CHUNK_SIZE
        # One generation for the whole stream: a publish halfway through must not mix two states.
        address = f"{request.scheme}://{request.get_host()}"
        self.key_prefix = f"product-feed:{namespace_version('feed')}:{address}:{self.chunk_size}"

    @cached_property
    def context(self) -> FeedContext:
        # Only a build needs it: a feed replayed from the cache makes no query at all.
        return FeedContext.for_request(self.request)

    def manifest_key(self) -> str:
        return f"{self.key_prefix}:manifest"

    def chunk_key(self, index: int) -> str:
        return f"{self.key_prefix}:chunk:{index}"

    def __iter__(self) -> Iterator[bytes]:
        manifest = cache.get(self.manifest_key())
        if manifest is None:
            yield from self.build()
        else:
            yield manifest["head"]
            yield from self.replay(manifest["ranges"])
        yield FEED_TAIL

    def build(self) -> Iterator[bytes]:
        """Walk the products by key, a chunk at a time, caching each chunk and finally their ranges."""
        head = feed_head(self.context)
        yield head
        ranges, last_pk = [], 0
        while True:
            products = list(feed_products().filter(pk__gt=last_pk)[: self.chunk_size])
            if not products:
                break
            chunk = render_chunk(products, self.context)
            cache.set(self.chunk_key(len(ranges)), chunk, cache_seconds())
            ranges.append((products[0].pk, products[-1].pk))
            last_pk = products[-1].pk
            del products  # the rows go before the next chunk's arrive
            yield chunk
        cache.set(self.manifest_key(), {"head": head, "ranges": ranges}, cache_seconds())

    def replay(self, ranges) -> Iterator[bytes]:
        for index, (first_pk, last_pk) in enumerate(ranges):
            chunk = cache.get(self.chunk_key(index))
            if chunk is None:
                # Evicted: the same generation means the same products in the same range.
                products = feed_products().filter(pk__gte=first_pk, pk__lte=last_pk)
                chunk = render_chunk(products, self.context)
                cache.set(self.chunk_key(index), chunk, cache_seconds())
            yield chunk
