"""Cross-cutting reactions to editorial actions: cached content that shows the change goes stale at once.

What each change invalidates is worked out by home.serving.cache_dependencies (the registry);
these receivers only connect Wagtail's and Django's signals to it.
"""

from django.apps import apps
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.serving import cache_dependencies, frontend_purge
from home.serving.content_cache import SITE_TAG, invalidate


def remember_page_before_save(sender, instance, update_fields=None, **kwargs):
    if isinstance(instance, Page):
        cache_dependencies.remember_before_save(instance, update_fields)


@receiver(page_published, dispatch_uid="home_published_invalidates")
def invalidate_on_publish(sender, instance, **kwargs):
    invalidate(cache_dependencies.published_tags(instance))
    frontend_purge.purge_on_commit(instance.url_path)


@receiver(page_unpublished, dispatch_uid="home_unpublished_invalidates")
def invalidate_on_unpublish(sender, instance, **kwargs):
    invalidate(cache_dependencies.page_change_tags(instance, listed=True))
    frontend_purge.purge_on_commit(instance.url_path)


@receiver(post_page_move, dispatch_uid="home_moved_invalidates")
def invalidate_on_move(sender, instance, url_path_before, **kwargs):
    invalidate(cache_dependencies.moved_tags(instance, url_path_before))
    frontend_purge.purge_moved_on_commit(instance, url_path_before)


@receiver(post_delete, dispatch_uid="home_deleted_invalidates")
def invalidate_on_delete(sender, instance, **kwargs):
    # Django sends this once per table of a page type (ProductPage, then Page): the batch
    # in home.serving.content_cache drops the union once after the commit.
    if isinstance(instance, Page):
        invalidate(cache_dependencies.page_change_tags(instance, listed=True))
        frontend_purge.purge_on_commit(instance.url_path)


def _everything(instance):
    # A section made private must vanish from cached pages, listings, menus and searches at
    # once; a new hostname, port or root changes every absolute URL (sitemap, canonical links).
    return {SITE_TAG}


def invalidate_on_settings_change(sender, instance, created=False, **kwargs):
    # Wagtail creates the row on first read, holding the defaults the page being rendered
    # already uses; only an edit changes what pages show.
    if not created:
        invalidate({SITE_TAG})


def _image_tags(image) -> set[str]:
    """Pages showing the picture (Wagtail's reference index knows them), and whatever shows a snippet using it."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    tags = {cache_dependencies.namespace_tag("feed"), cache_dependencies.namespace_tag("api")}
    page_type = ContentType.objects.get_for_model(Page)
    references = ReferenceIndex.get_references_to(image).values_list("base_content_type_id", "object_id")
    for base_type_id, object_id in set(references):
        if base_type_id == page_type.pk:
            tags.add(cache_dependencies.page_tag(int(object_id)))
            continue
        holder = ContentType.objects.get_for_id(base_type_id).model_class()
        row = holder._default_manager.filter(pk=object_id).first() if holder else None
        # A snippet or setting with the picture invalidates what it does (untracked ones: everything).
        tags |= cache_dependencies.model_tags(row) if row is not None else set()
    return tags


def connect_cache_dependencies() -> None:
    """Called from HomeConfig.ready(): what home itself tracks in the registry."""
    from wagtail.images import get_image_model

    pre_save.connect(remember_page_before_save, dispatch_uid="home_page_remembered_before_save")
    cache_dependencies.track(Site, _everything)
    cache_dependencies.track(PageViewRestriction, _everything)
    cache_dependencies.track(get_image_model(), _image_tags)
    # SeoSettings: only edits count (see invalidate_on_settings_change), so not through track().
    post_save.connect(invalidate_on_settings_change, sender="home.SeoSettings", dispatch_uid="home_settings")
    cache_dependencies.leave_untracked(
        "home.SeoSettings", "tracked by home.signals.invalidate_on_settings_change (edits only)"
    )
    # The SEO dashboard's counts are read from the audit's rows.
    for audit_model in ("SeoAuditEntry", "SeoAuditProblem"):
        cache_dependencies.track(apps.get_model("home", audit_model), _seo_counts)
    untracked = {
        "home.SeoCheckTask": "a workflow step, seen only in the admin",
        "wagtailcore.Revision": "drafts; what goes live is copied onto the page, tracked by publishing",
        "wagtailcore.Locale": "one locale; a new one comes with new pages, tracked by publishing",
        "wagtailcore.Task": "workflow configuration, seen only in the admin",
        "wagtailredirects.Redirect": "answers only paths that 404, which are never cached",
        "contenttypes.ContentType": "fixed by migrations; never edited while serving",
        "auth.Group": "admin permissions; no page shows them",
        "auth.Permission": "admin permissions; no page shows them",
    }
    for label, reason in untracked.items():
        cache_dependencies.leave_untracked(label, reason)


def _seo_counts(row) -> set[str]:
    return {cache_dependencies.namespace_tag("seo")}


# What Wagtail writes when it saves a draft of a live page (save_revision) or locks one: the
# live page is as it was, and of these the audit shows only the draft title. (save_revision
# also names the comments relation, which modelcluster takes out before the save.)
DRAFT_ONLY_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "has_unpublished_changes",
        "draft_title",
        "locked",
        "locked_at",
        "locked_by",
    }
)
# Whether redirects to a page answer, and links to it work, depends on its live state and
# address; their messages name a page that is not live by its title.
SEEN_ELSEWHERE_FIELDS = frozenset({"live", "url_path", "title"})


def note_page_as_seen_elsewhere(sender, instance, raw=False, update_fields=None, **kwargs):
    if not isinstance(instance, Page) or instance.pk is None or raw:
        return
    if update_fields is None or SEEN_ELSEWHERE_FIELDS & set(update_fields):
        stored = Page.objects.filter(pk=instance.pk).values_list("live", "url_path", "title").first()
        instance._seo_seen_before = stored


def _seen_from_elsewhere(live: bool, url_path: str, title: str) -> tuple:
    """What redirects and linking pages show of a page: live state, address, and a hidden page's title."""
    return (live, url_path, None if live else title)


def remeasure_saved_page_for_seo_audit(sender, instance, created=False, update_fields=None, **kwargs):
    """Measure a saved page once after the commit: only what the save can have changed.

    Publishing saves the page twice (the draft, then the live page) and unpublishing once;
    Wagtail's page_published and page_unpublished follow those saves, so they are not heard.
    """
    if not isinstance(instance, Page):
        return
    from home.seo.audit import remeasure_on_commit, retitle_on_commit

    if update_fields is not None and DRAFT_ONLY_FIELDS.issuperset(update_fields):
        retitle_on_commit(instance.pk)
        return
    before = instance.__dict__.pop("_seo_seen_before", None)
    if update_fields is not None and not SEEN_ELSEWHERE_FIELDS & set(update_fields):
        moved = False
    else:
        # New, or changed as others see it: the redirects and the pages linking here may have too.
        seen_now = _seen_from_elsewhere(instance.live, instance.url_path, instance.title)
        moved = created or before is None or _seen_from_elsewhere(*before) != seen_now
    remeasure_on_commit([instance.pk], redirects=moved, referrers=moved)


def remeasure_page_for_seo_audit(sender, instance, **kwargs):
    if isinstance(instance, Page):
        from home.seo.audit import remeasure_on_commit

        # Gone or moved: redirects to it and pages linking to it may now answer 404.
        remeasure_on_commit([instance.pk], redirects=True, referrers=True)


def forget_page_for_seo_audit(sender, instance, **kwargs):
    if isinstance(instance, Page):
        from home.seo.audit import forget_on_commit

        forget_on_commit(instance.pk)


def remeasure_redirects_for_seo_audit(sender, **kwargs):
    from home.seo.audit import remeasure_on_commit

    remeasure_on_commit(redirects=True)


def connect_seo_audit_signals() -> None:
    """Called from HomeConfig.ready(): the SEO audit re-measures what changed (home.seo.audit)."""
    from wagtail.contrib.redirects.models import Redirect

    pre_save.connect(note_page_as_seen_elsewhere, dispatch_uid="home_seo_audit_pre_save")
    post_save.connect(remeasure_saved_page_for_seo_audit, dispatch_uid="home_seo_audit_post_save")
    for signal in (post_delete, post_page_move):
        signal.connect(remeasure_page_for_seo_audit, dispatch_uid=f"home_seo_audit_{id(signal)}")
    pre_delete.connect(forget_page_for_seo_audit, dispatch_uid="home_seo_audit_pre_delete")
    for signal in (post_save, post_delete):
        signal.connect(
            remeasure_redirects_for_seo_audit, sender=Redirect, dispatch_uid=f"home_seo_audit_r{id(signal)}"
        )
