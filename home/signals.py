"""Cross-cutting reactions to editorial actions: cached content goes stale at once."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from home import frontend_purge
from home.content_cache import bump_on_commit


@receiver(page_published, dispatch_uid="home_published_invalidates")
@receiver(page_unpublished, dispatch_uid="home_unpublished_invalidates")
def invalidate_on_publishing(sender, instance, **kwargs):
    bump_on_commit()
    frontend_purge.purge_on_commit(instance.url_path)


@receiver(post_page_move, dispatch_uid="home_moved_invalidates")
def invalidate_on_move(sender, instance, url_path_before, **kwargs):
    bump_on_commit()
    frontend_purge.purge_moved_on_commit(instance, url_path_before)


@receiver(post_delete, dispatch_uid="home_deleted_invalidates")
def invalidate_on_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        bump_on_commit()
        frontend_purge.purge_on_commit(instance.url_path)


@receiver(post_save, sender="home.SeoSettings", dispatch_uid="home_settings_invalidate")
def invalidate_on_settings_change(sender, created=False, **kwargs):
    # Wagtail creates the row on first read, holding the defaults the page being rendered
    # already uses; only an edit changes what pages show.
    if not created:
        bump_on_commit()


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="home_restriction_saved_invalidates")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="home_restriction_deleted_invalidates")
def invalidate_on_privacy_change(sender, instance, **kwargs):
    # A section made private must vanish from cached pages, listings, menus and searches at once.
    bump_on_commit()


@receiver(post_save, sender=Site, dispatch_uid="home_site_saved_invalidates")
@receiver(post_delete, sender=Site, dispatch_uid="home_site_deleted_invalidates")
def invalidate_on_site_change(sender, instance, **kwargs):
    # A new hostname, port or root changes every absolute URL: the sitemap, canonical
    # links and Open Graph tags of every cached page.
    bump_on_commit()


def invalidate_on_image_change(sender, **kwargs):
    # A replaced or deleted image takes its renditions with it: cached cards and pages
    # must not keep pointing at them.
    bump_on_commit()


def connect_image_signals() -> None:
    """Called from HomeConfig.ready(), once the image model can be looked up."""
    from wagtail.images import get_image_model

    image_model = get_image_model()
    post_save.connect(invalidate_on_image_change, sender=image_model, dispatch_uid="home_image_saved")
    post_delete.connect(invalidate_on_image_change, sender=image_model, dispatch_uid="home_image_deleted")


def remeasure_page_for_seo_audit(sender, instance, **kwargs):
    if isinstance(instance, Page):
        from home.seo_audit import remeasure_on_commit

        # Its live state decides whether redirects pointing at it answer 404.
        remeasure_on_commit([instance.pk], redirects=True)


def forget_page_for_seo_audit(sender, instance, **kwargs):
    if isinstance(instance, Page):
        from home.seo_audit import forget_on_commit

        forget_on_commit(instance.pk)


def remeasure_redirects_for_seo_audit(sender, **kwargs):
    from home.seo_audit import remeasure_on_commit

    remeasure_on_commit(redirects=True)


def connect_seo_audit_signals() -> None:
    """Called from HomeConfig.ready(): the SEO audit re-measures what changed (home.seo_audit)."""
    from wagtail.contrib.redirects.models import Redirect

    for signal in (post_save, post_delete, page_published, page_unpublished, post_page_move):
        signal.connect(remeasure_page_for_seo_audit, dispatch_uid=f"home_seo_audit_{id(signal)}")
    pre_delete.connect(forget_page_for_seo_audit, dispatch_uid="home_seo_audit_pre_delete")
    for signal in (post_save, post_delete):
        signal.connect(
            remeasure_redirects_for_seo_audit, sender=Redirect, dispatch_uid=f"home_seo_audit_r{id(signal)}"
        )
