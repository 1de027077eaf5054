"""Order.confirmation_sent_at, the outbox mark for confirmation emails.

Orders placed before this migration had their email queued the old way; they are
marked as sent at their creation time, so the resend sweep never mails them again.
"""

from django.db import migrations, models
from django.db.models import F


def mark_existing_orders_sent(apps, schema_editor):
    Order = apps.get_model("catalogue", "Order")
    Order.objects.filter(confirmation_sent_at=None).update(confirmation_sent_at=F("created_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0002_stock_permission"),
    ]

    operations = [
        migrations.AddField(
            model_name="order",
            name="confirmation_sent_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="confirmation email sent"),
        ),
        migrations.RunPython(mark_existing_orders_sent, migrations.RunPython.noop, elidable=True),
    ]
