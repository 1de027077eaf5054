"""A signed-in shopper's orders: history and detail, visible to the owner only (others get 404)."""

import uuid

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogue.models import Order, OrderLine
from catalogue.rest import examples
from catalogue.rest.errors import ErrorSerializer
from catalogue.rest.pagination import PageParamsSerializer, paged_response, paged_serializer
from catalogue.rest.serializers import OrderSerializer
from catalogue.services.orders import orders_visible_to
from home.pagination import paginate_queryset_or_404

OrderPageSerializer = paged_serializer("OrderPage", OrderSerializer)


def order_data(order: Order) -> dict:
    return OrderSerializer(order).data


def with_lines(orders):
    return orders.prefetch_related(Prefetch("lines", queryset=OrderLine.objects.order_by("pk")), "tax_lines")


class PrivateMixin:
    permission_classes = [IsAuthenticated]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response


class OrderListView(PrivateMixin, APIView):
    @extend_schema(
        operation_id="account_orders_list",
        summary="My orders, newest first",
        parameters=[PageParamsSerializer],
        responses={
            200: OrderPageSerializer,
            400: ErrorSerializer,
            401: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
        },
        examples=[examples.response("Orders", examples.page_of(examples.ORDER)), examples.NOT_SIGNED_IN],
        tags=["account"],
    )
    def get(self, request):
        params = PageParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        orders = with_lines(orders_visible_to(request).order_by("-created_at", "-pk"))
        page = paginate_queryset_or_404(
            orders, params.validated_data["page"], params.validated_data["page_size"]
        )
        return paged_response(
            page, OrderSerializer(page.object_list, many=True).data, params.validated_data["page_size"]
        )


class OrderDetailView(PrivateMixin, APIView):
    @extend_schema(
        operation_id="account_orders_retrieve",
        summary="One of my orders",
        description="Someone else's order answers 404, exactly like one that does not exist.",
        responses={200: OrderSerializer, 401: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
        examples=[examples.response("An order", examples.ORDER), examples.NOT_FOUND],
        tags=["account"],
    )
    def get(self, request, reference: str):
        try:
            reference_uuid = uuid.UUID(reference)
        except ValueError as error:
            raise NotFound("No such order.") from error
        order = with_lines(orders_visible_to(request)).filter(reference=reference_uuid).first()
        if order is None:
            raise NotFound("No such order.")
        return Response(order_data(order))
