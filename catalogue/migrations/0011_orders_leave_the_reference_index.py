"""Orders are no longer in Wagtail's reference index (decision 71): their rows there go.

Wagtail stopped tracking orders, so it will not remove these rows itself; they only ever
recorded an order's shopper, which nothing reads.
"""

from django.db import migrations


def forget_order_references(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    order_type = ContentType.objects.filter(app_label="catalogue", model="order").first()
    if order_type is not None:
        ReferenceIndex.objects.filter(content_type=order_type).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0010_promotion_variants_shipping_tax_api_card_payments"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0078_referenceindex"),
    ]

    operations = [migrations.RunPython(forget_order_references, migrations.RunPython.noop)]
