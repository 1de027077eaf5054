"""Product cards inside StreamFields, fetched live and all at once per page."""


def product_ids_in_stream(stream) -> list[int]:
    return [
        block.value["product"].pk
        for block in stream
        if block.block_type == "product" and block.value.get("product") is not None
    ]


def live_products_by_id(ids) -> dict:
    """Live, public products for the given ids with everything a card needs: a fixed number of queries."""
    from catalogue.models import ProductPage

    if not ids:
        return {}
    products = ProductPage.objects.live().public().with_rating().for_cards().filter(pk__in=ids)
    return {product.pk: product for product in products}


def shoppable_context(stream) -> dict:
    return {"shoppable_products": live_products_by_id(product_ids_in_stream(stream))}
