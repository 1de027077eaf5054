import pytest
from catalogue.models import ProductPage
from catalogue.tests.fixtures import add_product
from catalogue.factories import BrandFactory


@pytest.mark.django_db
def test_probe(knives, kitchen):
    b = BrandFactory(name="Opinel")
    p = add_product(knives, title="Chef knife", brand=b, tags=["steel"])
    add_product(knives, title="Bread knife")
    qs = ProductPage.objects.live()
    print(list(qs.search("knife")))
    print("cat", list(qs.search("knives")))
    try:
        print(list(ProductPage.objects.live().public().search("knife")))
    except Exception as e:
        print("PUBLIC FAIL", type(e), e)
    r = qs.search("knife")
    print(r.facet("brand_id"))
    print("brand slug", list(qs.filter(brand__slug="opinel").search("knife")))
    print("order", list(qs.order_by("-price", "id").search("knife", order_by_relevance=False)))
    print("desc", list(qs.descendant_of(kitchen).search("knife")))
    for q in ['a"b', "'", "AND", "OR NOT", "-x", "*", "^", "NEAR(a b)", "col:val", "\\", "%s", "%", "a'b", "😀", "ножи", "'; DROP TABLE x;--", "<script>", "((", '"', '""', "x" * 300, "knife \"chef knife\"", "a\x00b"]:
        try:
            print(repr(q[:20]), len(list(qs.search(q))), qs.search(q).count(), len(list(qs.autocomplete(q))))
        except Exception as e:
            print("FAIL", repr(q[:20]), type(e), e)
