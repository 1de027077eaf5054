"""Star ratings: half stars rounded up, drawn as one valid image element with a spoken label."""

import re
from decimal import Decimal

import pytest

from catalogue.factories import ReviewFactory
from catalogue.templatetags.catalogue_tags import star_rating, stars_shown
from catalogue.tests.fixtures import add_product
from users.factories import UserFactory


@pytest.mark.parametrize(
    ("average", "shown"),
    [
        (4.5, "4.5"),  # round() would give 4: half to even
        (2.5, "2.5"),
        (4.25, "4.5"),  # a quarter rounds up to the next half, not to even
        (4.75, "5"),
        (4.24, "4"),
        (0.2, "0"),
        (Decimal("3.749"), "3.5"),
        (7, "5"),  # out-of-range data never draws more than five stars
    ],
)
def test_stars_round_to_the_nearest_half_with_halves_going_up(average, shown):
    assert stars_shown(average) == Decimal(shown)


def test_four_and_a_half_is_drawn_as_four_and_a_half_stars_and_said_aloud():
    assert (
        str(star_rating(4.5))
        == '<span class="stars stars--45" role="img" aria-label="Rated 4.5 out of 5"></span>'
    )


def test_the_label_gives_the_average_to_one_decimal():
    assert 'aria-label="Rated 4.3 out of 5"' in str(star_rating(4.3333))
    assert 'aria-label="Rated 4 out of 5"' in str(star_rating(4))


@pytest.mark.parametrize("average", [None, "not a number", float("nan")])
def test_no_or_broken_rating_draws_nothing(average):
    assert star_rating(average) == ""


@pytest.mark.django_db
def test_cards_and_product_pages_put_aria_label_only_on_elements_that_allow_it(client, knives):
    """The HTML checker refused aria-label on plain span and p elements: every one must have a role."""
    product = add_product(knives, title="Rated knife")
    for rating in (5, 4):
        ReviewFactory(product=product, user=UserFactory(), rating=rating, status="approved")

    for html in (client.get(knives.url).content.decode(), client.get(product.url).content.decode()):
        assert 'class="stars stars--45"' in html
        labelled = re.findall(r"<(?:span|p)\b[^>]*\saria-label=[^>]*>", html)
        assert labelled, "the stars carry their rating as a label"
        assert all('role="img"' in element for element in labelled), labelled
