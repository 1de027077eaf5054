"""Back-in-stock alerts through the API: the product page's form, for apps (stock-alerts/ in docs/api.md)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogue.forms.stock_alerts import MAX_ID, StockAlertForm
from catalogue.models import ProductPage
from catalogue.rest import examples
from catalogue.rest.errors import ErrorSerializer
from catalogue.rest.products import product_id_or_404
from catalogue.rest.serializers import StrictEmailField, StrictInputSerializer, form_errors
from catalogue.rest.throttles import throttles_for
from catalogue.services.stock_alerts import stock_alert_subscribe


class StockAlertInputSerializer(StrictInputSerializer):
    email = StrictEmailField(
        required=False, max_length=254, help_text="Where to write. Signed in and left out: the account's."
    )
    variant = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=MAX_ID,
        help_text="The sold-out variant's id; required for a product with variants, left out otherwise.",
    )

    def validate(self, attrs):
        attrs = super().validate(attrs)
        request = self.context["request"]
        if "email" not in attrs and request.user.is_authenticated:
            attrs["email"] = request.user.email
        # The HTML form's rules (a variant of this product, an address), with its messages.
        variant = attrs.get("variant")
        form = StockAlertForm(
            data={"email": attrs.get("email", ""), "variant": "" if variant is None else str(variant)},
            product=self.context["product"],
        )
        if not form.is_valid():
            raise serializers.ValidationError(form_errors(form))
        return form.cleaned_data


class StockAlertCreatedSerializer(serializers.Serializer):
    email = serializers.EmailField()
    variant = serializers.IntegerField(allow_null=True)
    created = serializers.BooleanField(help_text="False when this address already waited for it.")
    message = serializers.CharField()


class ProductStockAlertsView(APIView):
    throttle_classes = throttles_for("stock_alert")

    @extend_schema(
        operation_id="products_stock_alerts_create",
        summary="Ask to be emailed once when a sold-out product or variant is back",
        description="Guests give an email address; a signed-in shopper's account address is used when "
        "none is given. Asking again for the same address changes nothing (200). A product or variant "
        "in stock is refused (409): it can be ordered now.",
        request=StockAlertInputSerializer,
        responses={
            200: StockAlertCreatedSerializer,
            201: StockAlertCreatedSerializer,
            400: ErrorSerializer,
            404: ErrorSerializer,
            409: ErrorSerializer,
            429: ErrorSerializer,
        },
        examples=[
            examples.request("A guest, a variant", {"email": "ann@example.com", "variant": 41}),
            examples.response(
                "Subscribed",
                {
                    "email": "ann@example.com",
                    "variant": 41,
                    "created": True,
                    "message": "We will email ann@example.com once, when it is back.",
                },
                201,
            ),
            examples.response(
                "In stock",
                examples.error(409, "refused", "Good news: it is in stock, so you can order it now."),
                409,
            ),
            examples.NOT_FOUND,
            examples.THROTTLED,
        ],
        tags=["products"],
    )
    def post(self, request, product_id: str):
        product = ProductPage.objects.live().public().filter(pk=product_id_or_404(product_id)).first()
        if product is None:
            raise NotFound("No such product.")
        alert_input = StockAlertInputSerializer(
            data=request.data, context={"request": request, "product": product}
        )
        alert_input.is_valid(raise_exception=True)
        variant = alert_input.validated_data["variant"]
        subscription, created = stock_alert_subscribe(
            product=product,
            variant=variant,
            email=alert_input.validated_data["email"],
            user=request.user if request.user.is_authenticated else None,
        )
        body = {
            "email": subscription.email,
            "variant": variant.pk if variant else None,
            "created": created,
            "message": f"We will email {subscription.email} once, when it is back.",
        }
        return Response(body, status=201 if created else 200)
