"""API v2 field serializers for products: small, read-only shapes."""

from rest_framework import serializers

# The size of gallery images in API answers (prefetched by catalogue.api and catalogue.rest).
GALLERY_RENDITION = "max-800x800|format-jpeg"


class CategorySerializer(serializers.Field):
    def to_representation(self, category):
        return {"id": category.pk, "title": category.title, "url": category.url}


class BrandSerializer(serializers.Field):
    def to_representation(self, brand):
        if brand is None:
            return None
        return {"id": brand.pk, "name": brand.name, "slug": brand.slug}


class GalleryImagesSerializer(serializers.Field):
    def to_representation(self, gallery):
        request = self.context.get("request")
        images = []
        for item in gallery:
            rendition = item.image.get_rendition(GALLERY_RENDITION)
            url = request.build_absolute_uri(rendition.url) if request else rendition.url
            images.append(
                {"id": item.image_id, "title": item.image.title, "url": url, "caption": item.caption}
            )
        return images


class PriceSerializer(serializers.Field):
    """The product's price now (sale or promotion included), from catalogue.pricing, as "12.50"."""

    def to_representation(self, product):
        from catalogue.pricing import price_for

        return f"{price_for(product).amount:.2f}"
