"""Two permissions the roles hinge on, and who gets them.

- home.edit_page_content: change a page's content, not only its SEO fields. Editors and
  Moderators have it; Marketers do not, so their page form holds the Promote tab's SEO
  fields only (home.pages.forms.ShopPageAdminForm).
- catalogue.adjust_stock: use the admin's "Adjust stock". Moderators, who run the shop,
  have it; Editors write pages and no longer change stock.

Safe to run again: grants are added, never duplicated.
"""

import importlib

from django.db import migrations

editorial_groups = importlib.import_module("home.migrations.0006_editorial_groups")

GRANTS = {
    "Editors": ["home.edit_page_content"],
    "Moderators": ["home.edit_page_content", "catalogue.adjust_stock"],
}


def grant_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editorial_groups.ensure_permissions_exist(apps, schema_editor.connection.alias)
    for name, permission_names in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*editorial_groups.permissions_named(Permission, permission_names))


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0008_alter_homepage_body"),
        ("catalogue", "0002_stock_permission"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="homepage",
            options={
                "permissions": [("edit_page_content", "Can edit page content, not only the SEO fields")],
                "verbose_name": "home page",
            },
        ),
        migrations.RunPython(grant_permissions, migrations.RunPython.noop),
    ]
