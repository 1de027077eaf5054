import django.db.models.deletion
from django.db import migrations, models

import home.seo.workflows


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("home", "0004_homepage_canonical_url_homepage_noindex_and_more"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="SeoCheckTask",
            fields=[
                (
                    "task_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to="wagtailcore.task",
                    ),
                ),
                (
                    "groups",
                    models.ManyToManyField(
                        default=home.seo.workflows.default_seo_reviewer_groups,
                        help_text="Members of these groups review the page's SEO fields and approve it.",
                        to="auth.group",
                        verbose_name="groups",
                    ),
                ),
            ],
            options={
                "verbose_name": "SEO check task",
                "verbose_name_plural": "SEO check tasks",
            },
            bases=("wagtailcore.task",),
        ),
    ]
