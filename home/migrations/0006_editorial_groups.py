"""Editors, Moderators and Marketers, with what each role may do in the admin.

Editors write and submit pages; Moderators approve and publish them; Marketers
edit the Promote (SEO) fields, promoted search results, redirects and the SEO
settings. Page permissions sit on the site's home page, so they cover the whole
catalogue and nothing outside the site: Wagtail's own grants on the tree root
for Editors and Moderators are moved there.

Safe to run again: everything is get-or-create.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

# Apps whose permissions are granted below. On a fresh database Django creates
# permissions only after every migration has run, so they are created here first.
PERMISSION_APPS = [
    "wagtailadmin",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailsearchpromotions",
    "wagtailredirects",
    "catalogue",
    "home",
]

# Model permissions, as "app_label.codename"; "app_label.*" is every permission of the app.
GROUP_PERMISSIONS = {
    "Editors": ["wagtailadmin.access_admin", "catalogue.add_brand", "catalogue.change_brand"],
    "Moderators": [
        "wagtailadmin.access_admin",
        "catalogue.add_brand",
        "catalogue.change_brand",
        "catalogue.change_review",
    ],
    "Marketers": [
        "wagtailadmin.access_admin",
        "wagtailsearchpromotions.*",
        "wagtailredirects.*",
        "home.change_seosettings",
    ],
}

# Page permissions on the home page and everything under it. No one but
# Moderators publishes, and bulk delete (a category with all its products)
# stays with superusers.
PAGE_PERMISSIONS = {
    "Editors": ["add_page", "change_page"],
    "Moderators": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    "Marketers": ["change_page"],
}

# Image and document permissions on the root collection. Marketers choose and
# upload the social sharing images they set in the Promote tab.
COLLECTION_PERMISSIONS = {
    "Editors": [
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ],
    "Moderators": [
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ],
    "Marketers": ["wagtailimages.add_image", "wagtailimages.choose_image"],
}


def ensure_permissions_exist(apps, using):
    for label in PERMISSION_APPS:
        create_permissions(global_apps.get_app_config(label), verbosity=0, using=using, apps=apps)


def permissions_named(Permission, names):
    permissions = []
    for name in names:
        app_label, codename = name.split(".")
        matching = Permission.objects.filter(content_type__app_label=app_label)
        if codename != "*":
            matching = matching.filter(codename=codename)
        found = list(matching)
        if not found:
            raise LookupError(f"No permission {name}")
        permissions += found
    return permissions


def create_editorial_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Site = apps.get_model("wagtailcore", "Site")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    ensure_permissions_exist(apps, schema_editor.connection.alias)

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in GROUP_PERMISSIONS}
    for name, group in groups.items():
        group.permissions.add(*permissions_named(Permission, GROUP_PERMISSIONS[name]))

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        home = site.root_page
        tree_root = Page.objects.filter(depth=1).first()
        for name, codenames in PAGE_PERMISSIONS.items():
            if tree_root is not None and tree_root.pk != home.pk:
                GroupPagePermission.objects.filter(group=groups[name], page=tree_root).delete()
            for codename in codenames:
                permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
                GroupPagePermission.objects.get_or_create(
                    group=groups[name], page=home, permission=permission
                )

    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for name, names in COLLECTION_PERMISSIONS.items():
            for permission in permissions_named(Permission, names):
                GroupCollectionPermission.objects.get_or_create(
                    group=groups[name], collection=root_collection, permission=permission
                )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_seochecktask"),
        ("catalogue", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(create_editorial_groups, migrations.RunPython.noop)]
