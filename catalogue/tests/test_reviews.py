import pytest
from django.urls import reverse

from catalogue.factories import ReviewFactory
from catalogue.models import Review
from catalogue.tests.conftest import add_product


def review_url(product):
    return reverse("catalogue:review_create", args=[product.pk])


@pytest.mark.django_db
def test_signed_in_shopper_reviews_once_and_waits_for_approval(client, knives, shopper):
    product = add_product(knives)
    client.force_login(shopper)
    response = client.post(review_url(product), {"rating": "4", "title": "Good", "body": "Holds an edge."})
    assert response.status_code == 302
    review = Review.objects.get(product=product, user=shopper)
    assert (review.rating, review.status) == (4, "pending")
    page = client.get(product.url).content.decode()
    assert "Holds an edge." not in page  # not approved yet
    assert "Thanks for reviewing" in page


@pytest.mark.django_db
def test_anonymous_visitor_must_sign_in(client, knives):
    product = add_product(knives)
    response = client.post(review_url(product), {"rating": "4", "body": "x"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Review.objects.exists()


@pytest.mark.django_db
def test_review_get_is_not_allowed(client, knives, shopper):
    client.force_login(shopper)
    assert client.get(review_url(add_product(knives))).status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"rating": "0", "body": "fine"}, "Choose a rating from 1 to 5"),
        ({"rating": "6", "body": "fine"}, "Choose a rating from 1 to 5"),
        ({"rating": "abc", "body": "fine"}, "Choose a rating from 1 to 5"),
        ({"rating": "", "body": "fine"}, "This field is required"),
        ({"rating": "3", "body": ""}, "This field is required"),
        ({"rating": "3", "body": "   "}, "This field is required"),
        ({"rating": "3", "body": "x" * (Review.MAX_BODY_LENGTH + 1)}, "at most 2000 characters"),
    ],
)
def test_hostile_review_input_gets_form_errors(client, knives, shopper, data, error):
    product = add_product(knives)
    client.force_login(shopper)
    response = client.post(review_url(product), data)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Review.objects.exists()


@pytest.mark.django_db
def test_second_review_by_same_shopper_is_refused(client, knives, shopper):
    product = add_product(knives)
    ReviewFactory(product=product, user=shopper, rating=5, body="First")
    client.force_login(shopper)
    response = client.post(review_url(product), {"rating": "1", "body": "Second"}, follow=True)
    assert "already reviewed" in response.content.decode()
    assert Review.objects.filter(user=shopper).count() == 1
    assert Review.objects.get(user=shopper).body == "First"


@pytest.mark.django_db
def test_review_of_unpublished_product_is_404(client, knives, shopper):
    product = add_product(knives)
    product.unpublish()
    client.force_login(shopper)
    assert client.post(review_url(product), {"rating": "4", "body": "x"}).status_code == 404


@pytest.mark.django_db
def test_review_markup_is_escaped(client, knives, shopper):
    product = add_product(knives)
    ReviewFactory(product=product, user=shopper, status="approved", body="<script>alert('x')</script>")
    html = client.get(product.url).content.decode()
    assert "<script>alert('x')</script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.django_db
def test_editor_approves_a_review_in_the_admin(admin_client, knives, shopper):
    product = add_product(knives)
    review = ReviewFactory(product=product, user=shopper, rating=4, status="pending")
    index = admin_client.get(reverse("wagtailsnippets_catalogue_review:list"), {"status": "pending"})
    assert index.status_code == 200 and product.title in index.content.decode()
    edit_url = reverse("wagtailsnippets_catalogue_review:edit", args=[review.pk])
    response = admin_client.post(edit_url, {"status": "approved"})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == "approved"
    assert review.rating == 4 and review.user == shopper
