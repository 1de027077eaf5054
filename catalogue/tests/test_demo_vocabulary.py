"""The demo vocabulary and the foundation's drawings agree: every product kind and category can be drawn."""

import random

from catalogue.demo.vocabulary import CATEGORY_TREE
from home.demo.drawings import KINDS, subjects_for


def test_every_product_kind_in_the_demo_vocabulary_has_a_drawing():
    kinds = {kind.name.lower() for top in CATEGORY_TREE for sub in top.subcategories for kind in sub.kinds}

    assert kinds - set(KINDS) == set()


def test_every_demo_category_is_drawn_as_things_it_sells():
    titles = [node.title for top in CATEGORY_TREE for node in (top, *top.subcategories)]

    for title in titles:
        assert len(subjects_for(f"Category hero: {title}", random.Random(0), count=3)) == 3, title
