import time
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from catalogue.factories import CategoryPageFactory, ProductPageFactory, ProductGalleryImageFactory, ImageFactory
from home.seo_report import seo_audit_rows

URL = "/admin/reports/seo-audit/"

def measure(client, label, params=None):
    with CaptureQueriesContext(connection) as q:
        t = time.perf_counter(); r = client.get(URL, params or {}); 
        if params and "export" in params: b"".join(r.streaming_content)
        dt = time.perf_counter() - t
    print(f"{label}: {len(q)} queries, {dt*1000:.0f} ms, rows={r.context['paginator'].count if r.context and r.context.get('paginator') else '-'}")
    return q

@pytest.mark.django_db
def test_measure(admin_client, home_page):
    cat = CategoryPageFactory(parent=home_page, title="Kitchen")
    img = ImageFactory()
    for n in range(3):
        p = ProductPageFactory(parent=cat, title=f"P {n}")
    admin_client.get(URL)
    measure(admin_client, "3 products")
    measure(admin_client, "3 products dashboard-free selector only") if False else None
    for n in range(3, 2003):
        p = ProductPageFactory(parent=cat, title=f"P {n}", short_description="" if n % 7 == 0 else f"Product {n} description long enough to pass the minimum length rule ok")
        if n % 2: ProductGalleryImageFactory(page=p, image=img)
    q = measure(admin_client, "2003 products")
    for x in q.captured_queries: print("  ", x["sql"][:160])
    measure(admin_client, "2003 products csv", {"export": "csv"})
    with CaptureQueriesContext(connection) as q:
        t = time.perf_counter(); admin_client.get("/admin/"); dt = time.perf_counter() - t
    print(f"dashboard: {len(q)} queries, {dt*1000:.0f} ms")
    t = time.perf_counter(); seo_audit_rows(); print(f"selector alone {(time.perf_counter()-t)*1000:.0f} ms")
