"""The catalogue's query vocabulary: views say what they want, not how to filter for it."""

from decimal import Decimal

from django.db.models import Avg, Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from wagtail.images import get_image_model
from wagtail.models import PageManager

from home.pages.base import ShopPageQuerySet

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

    def with_units_sold(self):
        """Annotate ``units_sold``: units on order lines of orders that were not cancelled."""
        from .commerce import OrderLine

        # A subquery, not a join: beside with_rating()'s join a joined SUM would be
        # multiplied by the number of reviews.
        units = (
            OrderLine.objects.filter(product=OuterRef("pk"))
            .exclude(order__status="cancelled")
            .order_by()
            .values("product")
            .annotate(total=Sum("quantity"))
            .values("total")
        )
        return self.annotate(units_sold=Coalesce(Subquery(units, output_field=IntegerField()), Value(0)))

    def for_cards(self, renditions: bool = True):
        """Everything a product card renders, fetched in a fixed number of queries.

        ``renditions=False`` leaves the card renditions to a caller that loads them
        with other pictures' in one query (catalogue.merchandising).
        """
        from .pages import ProductGalleryImage

        gallery = ProductGalleryImage.objects.order_by("sort_order").select_related("image")
        if renditions:
            gallery = gallery.prefetch_related(
                Prefetch("image__renditions", queryset=renditions_matching(CARD_RENDITION_FILTERS))
            )
        return self.select_related("brand").prefetch_related(Prefetch("gallery_images", queryset=gallery))


ProductPageManager = PageManager.from_queryset(ProductPageQuerySet)
