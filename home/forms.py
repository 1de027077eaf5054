"""The admin form every page type shares: users who may not edit content get the SEO fields only."""

from wagtail.admin.forms import WagtailAdminPageForm

from home.page_content import SEO_FIELDS, user_can_edit_content

# Besides the SEO fields: the "notify me about comments" switch, and the comment threads.
PROMOTE_ONLY_EXTRA_FIELDS = frozenset({"comment_notifications"})
PROMOTE_ONLY_FORMSETS = frozenset({"comments"})


class ShopPageAdminForm(WagtailAdminPageForm):
    """A page form that, for a user without the content permission, holds the SEO fields and nothing else.

    The rest is left out of the form, not just hidden: a value posted for a field the
    form does not have is never read, and a child formset (gallery, related products)
    that is not there is neither validated nor saved. It is an allow-list, so a field
    added to a page type later is protected without anyone remembering to.
    """

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is None or user_can_edit_content(for_user):
            return
        allowed = SEO_FIELDS | PROMOTE_ONLY_EXTRA_FIELDS
        for name in [name for name in self.fields if name not in allowed]:
            del self.fields[name]
        for name in [name for name in self.formsets if name not in PROMOTE_ONLY_FORMSETS]:
            del self.formsets[name]
