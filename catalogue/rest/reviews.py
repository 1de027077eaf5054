"""Reviews through the API: approved ones listed, new ones submitted for moderation."""

from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotAuthenticated, NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogue.models import ProductPage, Review
from catalogue.rest import examples
from catalogue.rest.caching import content_cached
from catalogue.rest.errors import ErrorSerializer
from catalogue.rest.pagination import PageParamsSerializer, paged_response, paged_serializer
from catalogue.rest.products import product_id_or_404
from catalogue.rest.serializers import ReviewInputSerializer, ReviewSerializer, ReviewSubmittedSerializer
from catalogue.services.reviews import review_submit
from home.pagination import paginate_queryset_or_404

ReviewPageSerializer = paged_serializer("ReviewPage", ReviewSerializer)


class ProductReviewsView(APIView):
    """Approved reviews of one product; signed-in shoppers submit theirs (reviews/ in docs/api.md)."""

    @extend_schema(
        operation_id="products_reviews_list",
        summary="A product's approved reviews, newest first",
        parameters=[PageParamsSerializer],
        responses={200: ReviewPageSerializer, 400: ErrorSerializer, 404: ErrorSerializer},
        examples=[
            examples.response(
                "Reviews",
                examples.page_of(
                    {
                        "id": 9,
                        "rating": 5,
                        "title": "Sharp",
                        "body": "Cuts tomatoes like paper.",
                        "author": "Ann",
                        "verified_purchase": True,
                        "created_at": "2026-11-30T10:00:00Z",
                    }
                ),
            ),
            examples.NOT_FOUND,
        ],
        tags=["reviews"],
    )
    @content_cached
    def get(self, request, product_id: str):
        product_pk = product_id_or_404(product_id)
        params = PageParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        if not ProductPage.objects.live().public().filter(pk=product_pk).exists():
            raise NotFound("No such product.")
        reviews = (
            Review.objects.filter(product_id=product_pk, status=Review.Status.APPROVED)
            .select_related("user")
            .order_by("-created_at", "-pk")
        )
        page = paginate_queryset_or_404(
            reviews, params.validated_data["page"], params.validated_data["page_size"]
        )
        results = [
            {
                "id": review.pk,
                "rating": review.rating,
                "title": review.title,
                "body": review.body,
                "author": review.user.first_name or "A shopper",
                "verified_purchase": review.verified_purchase,
                "created_at": review.created_at,
            }
            for review in page.object_list
        ]
        return paged_response(
            page, ReviewSerializer(results, many=True).data, params.validated_data["page_size"]
        )

    @extend_schema(
        operation_id="products_reviews_create",
        summary="Submit a review for moderation",
        description="Signed-in shoppers only, one review per product. The review shows once an editor "
        "approves it; a completed order of the product marks it a verified purchase.",
        request=ReviewInputSerializer,
        responses={
            201: ReviewSubmittedSerializer,
            400: ErrorSerializer,
            401: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
            409: ErrorSerializer,
        },
        examples=[
            examples.request(
                "A review", {"rating": 5, "title": "Sharp", "body": "Cuts tomatoes like paper."}
            ),
            examples.response(
                "Submitted",
                {
                    "id": 9,
                    "status": "pending",
                    "message": "Thank you! Your review will appear once our editors have approved it.",
                },
                201,
            ),
            examples.response(
                "Already reviewed",
                examples.error(409, "refused", "You have already reviewed this product."),
                409,
            ),
            examples.NOT_SIGNED_IN,
        ],
        tags=["reviews"],
    )
    def post(self, request, product_id: str):
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        product = ProductPage.objects.live().public().filter(pk=product_id_or_404(product_id)).first()
        if product is None:
            raise NotFound("No such product.")
        review_input = ReviewInputSerializer(data=request.data)
        review_input.is_valid(raise_exception=True)
        review = review_submit(product=product, user=request.user, **review_input.validated_data)
        message = "Thank you! Your review will appear once our editors have approved it."
        return Response({"id": review.pk, "status": review.status, "message": message}, status=201)
