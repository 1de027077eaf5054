"""Cart rules: what may go in, how much, and whose cart it is.

Anonymous carts hang off the session (`cart_id`); a signed-in shopper owns one
cart, and the anonymous one merges into it on login.  The header's item count
is cached in the session so rendering it costs no query.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch

from catalogue.models import Cart, CartLine, ProductGalleryImage, ProductPage, ProductVariant
from catalogue.models.querysets import CARD_RENDITION_FILTERS, renditions_matching
from catalogue.pricing import price_cart
from catalogue.services.errors import CartError

SESSION_CART_ID = "cart_id"
SESSION_CART_COUNT = "cart_count"


def parse_quantity(raw) -> int:
    """A whole number from 1 to the per-line maximum; anything else is a CartError."""
    text = str(raw if raw is not None else "").strip()
    if not text.isdecimal() or not text.isascii() or len(text) > 6:
        raise CartError("Please enter a whole number of items, such as 1 or 2.")
    quantity = int(text)
    if quantity < 1:
        raise CartError("The quantity must be at least 1.")
    if quantity > settings.SHOP_MAX_LINE_QUANTITY:
        raise CartError(f"You can order at most {settings.SHOP_MAX_LINE_QUANTITY} of one product.")
    return quantity


def session_item_count(request) -> int:
    session = getattr(request, "session", None)
    if session is None:
        return 0
    try:
        return int(session.get(SESSION_CART_COUNT, 0))
    except (TypeError, ValueError):
        return 0


def cart_for_request(request, *, create: bool = False) -> Cart | None:
    user = request.user
    if user.is_authenticated:
        cart = Cart.objects.filter(user=user).first()
        if cart is None and create:
            cart, _ = Cart.objects.get_or_create(user=user)
        return cart
    cart_id = request.session.get(SESSION_CART_ID)
    cart = Cart.objects.filter(pk=cart_id, user__isnull=True).first() if cart_id else None
    if cart is None and create:
        cart = Cart.objects.create()
        request.session[SESSION_CART_ID] = cart.pk
    return cart


def cart_lines(cart: Cart | None):
    """The cart's lines with their products, images and card renditions, in a fixed number of queries."""
    if cart is None:
        return CartLine.objects.none()
    gallery = (
        ProductGalleryImage.objects.order_by("sort_order")
        .select_related("image")
        .prefetch_related(Prefetch("image__renditions", queryset=renditions_matching(CARD_RENDITION_FILTERS)))
    )
    return cart.lines.select_related("product", "variant").prefetch_related(
        Prefetch("product__gallery_images", queryset=gallery)
    )


def cart_totals(lines) -> dict:
    """The cart priced by the pricing service: its priced lines, count and subtotal."""
    priced = price_cart(list(lines))
    return {
        "lines": priced.lines,
        "item_count": priced.item_count,
        "subtotal": priced.subtotal,
        "cart_price": priced,
    }


def remember_count(request, cart: Cart | None) -> None:
    count = sum(cart.lines.values_list("quantity", flat=True)) if cart else 0
    request.session[SESSION_CART_COUNT] = count


def _buyable(product_id, variant_id=None) -> tuple[ProductPage, ProductVariant | None]:
    """The live product (and its variant) a shopper may add, or a CartError saying why not."""
    product = ProductPage.objects.live().public().filter(pk=product_id).first()
    if product is None:
        raise CartError("Sorry, that product is not available.")
    variant = None
    if variant_id is not None:
        variant = ProductVariant.objects.filter(pk=variant_id, page=product).first()
        if variant is None:
            raise CartError("Sorry, that option is not available.")
        variant.page = product
    elif product.has_variants:
        raise CartError(f"Please choose an option of {product.title}.")
    if (variant or product).stock < 1:
        raise CartError(f"Sorry, {_name(product, variant)} is sold out.")
    return product, variant


def _name(product: ProductPage, variant: ProductVariant | None) -> str:
    return f"{product.title} ({variant.short_label})" if variant else product.title


def _check_quantity(product: ProductPage, variant: ProductVariant | None, quantity: int) -> None:
    if quantity > settings.SHOP_MAX_LINE_QUANTITY:
        raise CartError(f"You can order at most {settings.SHOP_MAX_LINE_QUANTITY} of one product.")
    stock = (variant or product).stock
    if quantity > stock:
        raise CartError(f"Sorry, only {stock} of {_name(product, variant)} left in stock.")


def _line_of(cart: Cart, product_id, variant_id):
    return CartLine.objects.select_for_update().filter(
        cart=cart, product_id=product_id, variant_id=variant_id
    )


@transaction.atomic
def cart_add(*, cart: Cart, product_id, quantity: int, variant_id: int | None = None) -> CartLine:
    product, variant = _buyable(product_id, variant_id)
    line = _line_of(cart, product.pk, variant_id).first()
    new_quantity = quantity + (line.quantity if line else 0)
    _check_quantity(product, variant, new_quantity)
    if line is None:
        return CartLine.objects.create(cart=cart, product=product, variant=variant, quantity=quantity)
    line.quantity = new_quantity
    line.save(update_fields=["quantity"])
    return line


@transaction.atomic
def cart_set_quantity(*, cart: Cart, product_id, quantity: int, variant_id: int | None = None) -> CartLine:
    line = _line_of(cart, product_id, variant_id).first()
    if line is None:
        raise CartError("That product is not in your cart.")
    product, variant = _buyable(product_id, variant_id)
    _check_quantity(product, variant, quantity)
    line.quantity = quantity
    line.save(update_fields=["quantity"])
    return line


def cart_remove(*, cart: Cart, product_id, variant_id: int | None = None) -> None:
    deleted, _ = CartLine.objects.filter(cart=cart, product_id=product_id, variant_id=variant_id).delete()
    if not deleted:
        raise CartError("That product is not in your cart.")


@transaction.atomic
def cart_merge(*, anonymous_cart: Cart, user) -> Cart:
    """Fold a guest cart into the user's cart on login, capped by stock and the line maximum."""
    user_cart, _ = Cart.objects.get_or_create(user=user)
    if anonymous_cart.pk == user_cart.pk:
        return user_cart
    existing = {
        (line.product_id, line.variant_id): line
        for line in user_cart.lines.select_related("product", "variant")
    }
    for line in anonymous_cart.lines.select_related("product", "variant"):
        target = existing.get((line.product_id, line.variant_id))
        limit = min(line.stock, settings.SHOP_MAX_LINE_QUANTITY)
        if target is None:
            if limit >= 1:
                CartLine.objects.create(
                    cart=user_cart,
                    product=line.product,
                    variant=line.variant,
                    quantity=min(line.quantity, limit),
                )
        else:
            target.quantity = max(1, min(target.quantity + line.quantity, limit))
            target.save(update_fields=["quantity"])
    anonymous_cart.delete()
    return user_cart


def cart_clear(cart: Cart) -> None:
    cart.lines.all().delete()
