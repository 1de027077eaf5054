"""Marketers and Moderators edit the shop's email wording; Editors, who write pages, do not.

Safe to run again: grants are added, never duplicated.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ("Marketers", "Moderators")
CODENAMES = ("add_emailtemplate", "change_emailtemplate", "view_emailtemplate")


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    create_permissions(global_apps.get_app_config("emails"), verbosity=0, using=schema_editor.connection.alias, apps=apps)
    permissions = Permission.objects.filter(content_type__app_label="emails", codename__in=CODENAMES)
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("emails", "0001_email_templates"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
