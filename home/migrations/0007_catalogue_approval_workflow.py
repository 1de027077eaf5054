"""The "Catalogue approval" workflow: a moderator approves, then the SEO check must pass.

It is assigned to the site's home page, so every page under it (the whole
catalogue) goes through it. Safe to run again: tasks and the workflow are found
by name, and an existing task keeps the groups an administrator gave it.
"""

from django.db import migrations

WORKFLOW_NAME = "Catalogue approval"
MODERATOR_TASK_NAME = "Moderator approval"
SEO_TASK_NAME = "SEO check"


def get_or_create_task(model, content_type, name, group_names, Group):
    task = model.objects.filter(name=name).first()
    if task is None:
        # Historical models lack Task.__init__, which sets the content type.
        task = model.objects.create(name=name, content_type=content_type, active=True)
        task.groups.set([Group.objects.get_or_create(name=group_name)[0] for group_name in group_names])
    return task


def create_catalogue_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Site = apps.get_model("wagtailcore", "Site")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    SeoCheckTask = apps.get_model("home", "SeoCheckTask")

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return

    moderator_task = get_or_create_task(
        GroupApprovalTask,
        ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")[0],
        MODERATOR_TASK_NAME,
        ["Moderators"],
        Group,
    )
    seo_task = get_or_create_task(
        SeoCheckTask,
        ContentType.objects.get_or_create(app_label="home", model="seochecktask")[0],
        SEO_TASK_NAME,
        ["Marketers", "Moderators"],
        Group,
    )

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    for sort_order, task in enumerate([moderator_task, seo_task]):
        WorkflowTask.objects.update_or_create(
            workflow=workflow, task_id=task.pk, defaults={"sort_order": sort_order}
        )
    WorkflowPage.objects.update_or_create(page_id=site.root_page_id, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0006_editorial_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_catalogue_workflow, migrations.RunPython.noop)]
