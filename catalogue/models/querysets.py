"""The catalogue's query vocabulary: views say what they want, not how to filter for it."""

from decimal import Decimal

from django.db.models import Avg, Count, Prefetch, Q
from wagtail.images import get_image_model
from wagtail.models import PageManager

from home.pages import ShopPageQuerySet

CARD_RENDITION_FILTERS = ("fill-400x400|format-webp", "fill-400x400|format-jpeg")


def renditions_matching(filter_specs):
    """Renditions for the given specs, for prefetching next to their images."""
    return get_image_model().get_rendition_model().objects.filter(filter_spec__in=filter_specs)


class ProductPageQuerySet(ShopPageQuerySet):
    def in_stock(self):
        return self.filter(stock__gt=0)

    def in_category(self, category):
        """Products anywhere below the category, not only its direct children."""
        return self.descendant_of(category)

    def price_between(self, minimum: Decimal | None = None, maximum: Decimal | None = None):
        queryset = self
        if minimum is not None:
            queryset = queryset.filter(price__gte=minimum)
        if maximum is not None:
            queryset = queryset.filter(price__lte=maximum)
        return queryset

    def with_rating(self):
        """Annotate average rating and count, from approved reviews only."""
        approved = Q(reviews__status="approved")
        return self.annotate(
            rating_average=Avg("reviews__rating", filter=approved),
            rating_count=Count("reviews", filter=approved),
        )

    def for_cards(self):
        """Everything a product card renders, fetched in a fixed number of queries."""
        from .pages import ProductGalleryImage

        gallery = ProductGalleryImage.objects.order_by("sort_order").select_related("image")
        gallery = gallery.prefetch_related(
            Prefetch(
                "image__renditions",
                queryset=renditions_matching(CARD_RENDITION_FILTERS),
            )
        )
        return self.select_related("brand").prefetch_related(Prefetch("gallery_images", queryset=gallery))


ProductPageManager = PageManager.from_queryset(ProductPageQuerySet)
