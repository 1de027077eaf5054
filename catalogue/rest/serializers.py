"""Shapes of the API's answers and the inputs it accepts.

Input rules are the shop's own: quantities through cart.parse_quantity, checkout
details through CheckoutForm, reviews through ReviewForm, so the API and the HTML
shop accept and refuse exactly the same things, with the same messages.
"""

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from catalogue.countries import country_choices
from catalogue.forms.checkout import CheckoutForm
from catalogue.forms.reviews import ReviewForm
from catalogue.payments import payment_providers
from catalogue.pricing import lowest_price, price_for
from catalogue.serializers import GALLERY_RENDITION
from catalogue.services import cart as cart_service
from catalogue.services.errors import CartError

CARD_RENDITION = "fill-400x400|format-jpeg"


class StrictCharField(serializers.CharField):
    """Text only: DRF's CharField would take 0 for "0", which the schema says is not a string."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictEmailField(StrictCharField, serializers.EmailField):
    pass


def form_errors(form) -> dict:
    """A Django form's errors as the API's per-field messages."""
    return {
        "non_field_errors" if name == "__all__" else name: [error["message"] for error in errors]
        for name, errors in form.errors.get_json_data().items()
    }


def image_data(image, spec: str, request) -> dict:
    rendition = image.get_rendition(spec)
    url = request.build_absolute_uri(rendition.url) if request else rendition.url
    return {"url": url, "width": rendition.width, "height": rendition.height, "alt": image.title}


class ImageSerializer(serializers.Serializer):
    url = serializers.URLField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    alt = serializers.CharField()


class BrandSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.SlugField()


class RatingSerializer(serializers.Serializer):
    average = serializers.FloatField(allow_null=True, help_text="Mean of approved reviews, one decimal.")
    count = serializers.IntegerField(help_text="Approved reviews.")


class ProductSummarySerializer(serializers.Serializer):
    """A product as a card shows it: listings, search results and cart lines."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    slug = serializers.SlugField()
    url = serializers.CharField(help_text="The product's page on the shop.")
    sku = serializers.CharField()
    price = serializers.SerializerMethodField(
        help_text="What one unit costs now (sale or promotion included), from the pricing service."
    )
    regular_price = serializers.SerializerMethodField(
        help_text="The list price; above `price` while the product is on sale."
    )
    price_valid_until = serializers.SerializerMethodField(
        help_text="When a reduced `price` ends, if it says; null otherwise."
    )
    currency = serializers.CharField()
    in_stock = serializers.BooleanField()
    stock_state = serializers.ChoiceField(choices=["in_stock", "low_stock", "out_of_stock"])
    orderable_quantity = serializers.IntegerField(help_text="The most one cart line may hold now.")
    has_variants = serializers.BooleanField(
        help_text="Sold by variant (size, colour…): a cart line must name one of its variants."
    )
    price_from = serializers.SerializerMethodField(
        help_text="The lowest price it sells at now: its price, or its cheapest variant's."
    )
    brand = BrandSerializer(allow_null=True)
    image = serializers.SerializerMethodField()
    rating = serializers.SerializerMethodField()

    def _price(self, product):
        return price_for(product)

    @extend_schema_field(serializers.DecimalField(max_digits=10, decimal_places=2))
    def get_price(self, product) -> str:
        return f"{self._price(product).amount:.2f}"

    @extend_schema_field(serializers.DecimalField(max_digits=10, decimal_places=2))
    def get_price_from(self, product) -> str:
        return f"{lowest_price(product).amount:.2f}"

    @extend_schema_field(serializers.DecimalField(max_digits=10, decimal_places=2))
    def get_regular_price(self, product) -> str:
        return f"{self._price(product).regular:.2f}"

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_price_valid_until(self, product):
        until = self._price(product).valid_until
        return serializers.DateTimeField().to_representation(until) if until else None

    @extend_schema_field(ImageSerializer(allow_null=True))
    def get_image(self, product):
        image = product.main_image
        return image_data(image, CARD_RENDITION, self.context.get("request")) if image else None

    @extend_schema_field(RatingSerializer)
    def get_rating(self, product):
        average = getattr(product, "rating_average", None)
        return {
            "average": round(float(average), 1) if average is not None else None,
            "count": getattr(product, "rating_count", 0) or 0,
        }


class CategoryRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    slug = serializers.SlugField()


class GalleryImageSerializer(ImageSerializer):
    caption = serializers.CharField(allow_blank=True)


class OptionSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="Size, Colour or Material.")
    value = serializers.CharField()


class VariantSerializer(serializers.Serializer):
    """One buyable variant: its own SKU, price and stock."""

    id = serializers.IntegerField()
    sku = serializers.CharField()
    options = serializers.SerializerMethodField()
    price = serializers.DecimalField(source="base_price", max_digits=10, decimal_places=2)
    in_stock = serializers.BooleanField()
    stock_state = serializers.ChoiceField(choices=["in_stock", "low_stock", "out_of_stock"])
    orderable_quantity = serializers.IntegerField()

    @extend_schema_field(OptionSerializer(many=True))
    def get_options(self, variant):
        return [{"name": name, "value": value} for name, value in variant.options]


class ProductDetailSerializer(ProductSummarySerializer):
    short_description = serializers.CharField(allow_blank=True)
    category = CategoryRefSerializer()
    tags = serializers.SerializerMethodField()
    gallery = serializers.SerializerMethodField()
    variants = serializers.SerializerMethodField()

    @extend_schema_field(VariantSerializer(many=True))
    def get_variants(self, product):
        variants = list(product.variants.all())
        for variant in variants:
            variant.page = product
        return VariantSerializer(variants, many=True).data

    @extend_schema_field(serializers.ListField(child=serializers.SlugField()))
    def get_tags(self, product):
        return sorted(tag.slug for tag in product.tags.all())

    @extend_schema_field(GalleryImageSerializer(many=True))
    def get_gallery(self, product):
        request = self.context.get("request")
        return [
            {**image_data(item.image, GALLERY_RENDITION, request), "caption": item.caption}
            for item in product.gallery
        ]


class CategoryNodeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    slug = serializers.SlugField()
    url = serializers.CharField()
    depth = serializers.IntegerField(help_text="1 for a top-level category.")

    def get_fields(self):
        # The tree is recursive: each node lists its subcategories. Added here, DRF's
        # public hook, because a class cannot name itself while it is being defined.
        fields = super().get_fields()
        fields["children"] = CategoryNodeSerializer(many=True)
        return fields


class ReviewSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    rating = serializers.IntegerField(min_value=1, max_value=5)
    title = serializers.CharField(allow_blank=True)
    body = serializers.CharField()
    author = serializers.CharField(help_text="The reviewer's first name.")
    verified_purchase = serializers.BooleanField()
    created_at = serializers.DateTimeField()


class StrictInputSerializer(serializers.Serializer):
    """A request body with only the documented fields (the schema says additionalProperties: false)."""

    def validate(self, attrs):
        unknown = (
            sorted(set(self.initial_data) - set(self.fields)) if isinstance(self.initial_data, dict) else []
        )
        if unknown:
            raise serializers.ValidationError({name: ["Unknown field."] for name in unknown})
        return super().validate(attrs)


class ReviewInputSerializer(StrictInputSerializer):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    title = StrictCharField(required=False, allow_blank=True, max_length=120, default="")
    body = StrictCharField(max_length=2000)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        # The review form's rules (a body that is not only spaces, ...), with its messages.
        form = ReviewForm(data=attrs)
        if not form.is_valid():
            raise serializers.ValidationError(form_errors(form))
        return form.cleaned_data


class ReviewSubmittedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField(help_text="Always 'pending': editors approve reviews before they show.")
    message = serializers.CharField()


@extend_schema_field(
    {"type": "integer", "minimum": 1, "maximum": settings.SHOP_MAX_LINE_QUANTITY, "example": 1}
)
class QuantityField(serializers.Field):
    """A cart quantity, read by the HTML cart's own parser so the rules and messages match."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, (int, str)):
            raise serializers.ValidationError("Please enter a whole number of items, such as 1 or 2.")
        try:
            return cart_service.parse_quantity(data)
        except CartError as error:
            raise serializers.ValidationError(str(error)) from error

    def to_representation(self, value):
        return value


class LineInputSerializer(StrictInputSerializer):
    product_id = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    variant_id = serializers.IntegerField(
        min_value=1,
        max_value=2**63 - 1,
        required=False,
        allow_null=True,
        default=None,
        help_text="Required for a product with variants (has_variants): which one to buy.",
    )
    quantity = QuantityField(required=False, default=1)


class VariantParamSerializer(StrictInputSerializer):
    variant_id = serializers.IntegerField(
        min_value=1, max_value=2**63 - 1, required=False, allow_null=True, default=None
    )


class QuantityInputSerializer(StrictInputSerializer):
    quantity = QuantityField()


class CartProductSerializer(ProductSummarySerializer):
    rating = None  # a cart shows what is bought, not how it is rated


class CartVariantSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    sku = serializers.CharField()
    options = serializers.SerializerMethodField()

    @extend_schema_field(OptionSerializer(many=True))
    def get_options(self, variant):
        return [{"name": name, "value": value} for name, value in variant.options]


class CartLineSerializer(serializers.Serializer):
    product = CartProductSerializer()
    variant = CartVariantSerializer(allow_null=True)
    quantity = serializers.IntegerField()
    unit_price = serializers.DecimalField(max_digits=10, decimal_places=2)
    line_total = serializers.DecimalField(max_digits=12, decimal_places=2)


class CartSerializer(serializers.Serializer):
    token = serializers.CharField(
        allow_null=True,
        help_text="A guest cart's opaque token: send it back as X-Cart-Token. Null for a signed-in cart.",
    )
    lines = CartLineSerializer(many=True)
    item_count = serializers.IntegerField()
    subtotal = serializers.DecimalField(max_digits=12, decimal_places=2)
    currency = serializers.CharField()


class ShippingMethodSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    price = serializers.DecimalField(max_digits=10, decimal_places=2)
    free_over = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    cost = serializers.DecimalField(
        max_digits=10, decimal_places=2, help_text="What this method costs for the current cart."
    )


class PaymentMethodSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


class CheckoutSerializer(StrictInputSerializer):
    """The checkout form's fields, validated by CheckoutForm itself."""

    email = StrictEmailField()
    full_name = StrictCharField(max_length=200)
    phone = StrictCharField(max_length=32, required=False, allow_blank=True, default="")
    address_line1 = StrictCharField(max_length=200)
    address_line2 = StrictCharField(max_length=200, required=False, allow_blank=True, default="")
    city = StrictCharField(max_length=100)
    postcode = StrictCharField(max_length=20)
    country = serializers.ChoiceField(choices=country_choices())
    shipping_method = serializers.ChoiceField(choices=list(settings.SHOP_SHIPPING_METHODS))
    payment_method = serializers.ChoiceField(
        choices=list(payment_providers()),
        help_text="`card` (when the shop takes cards) answers with `payment`: the page where the "
        "shopper pays. The order is paid only when the gateway's verified callback arrives.",
    )
    voucher_code = StrictCharField(
        max_length=64,
        required=False,
        allow_blank=True,
        default="",
        help_text="A voucher code, in any case, with or without spaces and dashes. "
        "An unknown, expired or used-up code refuses the order (409) with the reason.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The methods as configured now: switching the card gateway off takes `card` away.
        self.fields["payment_method"].choices = list(payment_providers())

    def validate(self, attrs):
        attrs = super().validate(attrs)
        form = CheckoutForm(data=attrs)
        if not form.is_valid():
            raise serializers.ValidationError(form_errors(form))
        return form.cleaned_data


class OrderLineSerializer(serializers.Serializer):
    product_id = serializers.IntegerField(allow_null=True)
    variant_id = serializers.IntegerField(allow_null=True)
    product_title = serializers.CharField()
    options = serializers.CharField(
        allow_blank=True, help_text="The variant's options as ordered, e.g. 'Size: M'; empty without one."
    )
    sku = serializers.CharField()
    unit_price = serializers.DecimalField(max_digits=10, decimal_places=2)
    quantity = serializers.IntegerField()
    line_total = serializers.DecimalField(max_digits=12, decimal_places=2)


class OrderTaxLineSerializer(serializers.Serializer):
    label = serializers.CharField()
    rate = serializers.DecimalField(max_digits=5, decimal_places=2, help_text="Percent.")
    base = serializers.DecimalField(max_digits=12, decimal_places=2, help_text="The net amount taxed.")
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    on_shipping = serializers.BooleanField(help_text="The shipping charge's tax, not the goods'.")


class OrderSerializer(serializers.Serializer):
    reference = serializers.UUIDField()
    number = serializers.CharField()
    status = serializers.CharField()
    created_at = serializers.DateTimeField()
    email = serializers.EmailField()
    full_name = serializers.CharField()
    shipping_method = serializers.CharField()
    payment_method = serializers.CharField()
    subtotal = serializers.DecimalField(max_digits=12, decimal_places=2)
    discount_total = serializers.DecimalField(max_digits=12, decimal_places=2)
    voucher_code = serializers.CharField(allow_blank=True)
    shipping_cost = serializers.DecimalField(max_digits=10, decimal_places=2)
    tax_total = serializers.DecimalField(max_digits=12, decimal_places=2)
    prices_include_tax = serializers.BooleanField(
        help_text="True: the tax is inside the prices (VAT). False: the total adds it."
    )
    tax_lines = OrderTaxLineSerializer(many=True)
    total = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        help_text="subtotal − discount_total + shipping_cost, plus tax_total when prices exclude tax.",
    )
    currency = serializers.CharField()
    lines = OrderLineSerializer(many=True)


class CardPaymentSerializer(serializers.Serializer):
    """The hand-off of a card order to the gateway, for an app without a session."""

    id = serializers.UUIDField(help_text="The payment attempt's token (the gateway's callbacks name it).")
    status = serializers.CharField(
        help_text="The attempt's status: `waiting` or `input` until the gateway answers."
    )
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    currency = serializers.CharField()
    redirect_url = serializers.URLField(
        help_text="Open this in a browser or web view: the gateway's hosted page (Stripe Checkout), or the "
        "shop's page for this attempt. Afterwards read the order (`status` becomes `paid` once the "
        "gateway's callback has verified)."
    )


class PlacedOrderSerializer(serializers.Serializer):
    order = OrderSerializer()
    payment_instructions = serializers.CharField(help_text="What the shopper does next to pay.")
    payment = CardPaymentSerializer(
        allow_null=True, help_text="For `card`: where the shopper pays. `null` for the offline methods."
    )
