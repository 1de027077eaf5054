"""Who runs prices, and how a promotion goes live.

- Marketers add, change and delete promotions and vouchers (and view them). They cannot
  publish a promotion: they submit it, and Moderators approve it in the "Promotion
  approval" workflow (the catalogue's "Moderator approval" task), as with pages.
- Moderators may also publish promotions directly; Editors get nothing here.

Safe to run again: grants are added, never duplicated, and the workflow is found by name.
"""

import importlib

from django.db import migrations

editorial_groups = importlib.import_module("home.migrations.0006_editorial_groups")

WORKFLOW_NAME = "Promotion approval"
MODERATOR_TASK_NAME = "Moderator approval"

GRANTS = {
    "Marketers": [
        "catalogue.add_promotion",
        "catalogue.change_promotion",
        "catalogue.delete_promotion",
        "catalogue.view_promotion",
        "catalogue.add_voucher",
        "catalogue.change_voucher",
        "catalogue.delete_voucher",
        "catalogue.view_voucher",
    ],
    "Moderators": [
        "catalogue.change_promotion",
        "catalogue.view_promotion",
        "catalogue.publish_promotion",
        "catalogue.unlock_promotion",
        "catalogue.view_voucher",
    ],
}


def grant_and_assign(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    editorial_groups.ensure_permissions_exist(apps, schema_editor.connection.alias)
    promotion_type, _ = ContentType.objects.get_or_create(app_label="catalogue", model="promotion")
    # Wagtail adds these after migrating (wagtail.snippets.models.create_extra_permissions);
    # made here, with the same names, so they can be granted now.
    for action in ("publish", "lock", "unlock"):
        Permission.objects.get_or_create(
            content_type=promotion_type,
            codename=f"{action}_promotion",
            defaults={"name": f"Can {action} promotion"},
        )
    for name, permission_names in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*editorial_groups.permissions_named(Permission, permission_names))

    task = GroupApprovalTask.objects.filter(name=MODERATOR_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=MODERATOR_TASK_NAME,
            content_type=ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")[0],
            active=True,
        )
        task.groups.set([Group.objects.get_or_create(name="Moderators")[0]])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.update_or_create(workflow=workflow, task_id=task.pk, defaults={"sort_order": 0})
    WorkflowContentType.objects.update_or_create(content_type=promotion_type, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0007_prices_promotions_vouchers_tax"),
        ("home", "0009_content_and_stock_permissions"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(grant_and_assign, migrations.RunPython.noop)]
