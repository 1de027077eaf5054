import time, cProfile, pstats
import pytest
from catalogue.factories import CategoryPageFactory, ProductPageFactory
from home import seo_report

@pytest.mark.django_db
def test_measure(home_page):
    cat = CategoryPageFactory(parent=home_page, title="Kitchen")
    for n in range(2000):
        ProductPageFactory(parent=cat, title=f"P {n}")
    for _ in range(3):
        t = time.perf_counter(); seo_report.seo_audit_rows(); print(f"selector {(time.perf_counter()-t)*1000:.0f} ms")
    pr = cProfile.Profile(); pr.enable(); seo_report.seo_audit_rows(); pr.disable()
    pstats.Stats(pr).sort_stats("tottime").print_stats(12)
