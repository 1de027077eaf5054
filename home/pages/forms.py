"""The admin form every page type shares.

Users who may not edit content get the SEO fields only, and an approval at the SEO
check that would publish a page with blocking problems is refused here, before
anything is saved, with the problems listed and linked to their fields.
"""

import copy

from django.core.exceptions import ValidationError
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from wagtail.admin.forms import WagtailAdminPageForm

from home.pages.content import SEO_FIELDS, user_can_edit_content

# Besides the SEO fields: the "notify me about comments" switch, and the comment threads.
PROMOTE_ONLY_EXTRA_FIELDS = frozenset({"comment_notifications"})
PROMOTE_ONLY_FORMSETS = frozenset({"comments"})


class LinkedError(SafeString):
    """An error message holding a link, which stays markup when a label is put in front of it.

    Wagtail's error message lists each form error as ``label + ": " + error``; a plain
    SafeString would turn back into text there and show its link as escaped markup.
    home/tests/test_workflow_messages.py checks the link survives.
    """

    def __radd__(self, other):
        return SafeString(str.__add__(conditional_escape(other), self))


class ShopPageAdminForm(WagtailAdminPageForm):
    """A page form that, for a user without the content permission, holds the marketers' fields only:
    the SEO fields, and whatever the page type lists in ``MARKETER_FIELDS``.

    The rest is left out of the form, not just hidden: a value posted for a field the
    form does not have is never read, and a child formset (gallery, related products)
    that is not there is neither validated nor saved. It is an allow-list, so a field
    added to a page type later is protected without anyone remembering to.
    """

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.for_user = for_user
        if for_user is None or user_can_edit_content(for_user):
            return
        # A page type may name more fields marketers own (ProductPage: its sale price and dates).
        marketer_fields = frozenset(getattr(self._meta.model, "MARKETER_FIELDS", ()))
        allowed = SEO_FIELDS | PROMOTE_ONLY_EXTRA_FIELDS | marketer_fields
        for name in [name for name in self.fields if name not in allowed]:
            del self.fields[name]
        for name in [name for name in self.formsets if name not in PROMOTE_ONLY_FORMSETS]:
            del self.formsets[name]

    def clean(self):
        cleaned_data = super().clean()
        if self.is_seo_check_approval():
            self.refuse_blocked_approval()
        return cleaned_data

    def is_seo_check_approval(self) -> bool:
        """Whether this post is "Approve" (with any edits) on a page waiting at the SEO check."""
        from home.seo.workflows import SeoCheckTask

        data = self.data
        if not (data.get("action-workflow-action") and data.get("workflow-action-name") == "approve"):
            return False
        if self.instance.pk is None or self.for_user is None:
            return False
        task = self.instance.current_workflow_task
        return isinstance(task, SeoCheckTask) and bool(task.get_actions(self.instance, self.for_user))

    def refuse_blocked_approval(self) -> None:
        """Check the page as this approval would publish it: as it stands, with the posted edits.

        Each problem is put on its field (marked in the form, counted on its tab) as a
        link to it; one the user's form does not hold is an error of the whole form.
        """
        from home.seo.review_checks import field_anchor, review_problems

        candidate = copy.copy(self.instance)
        columns = {field.name for field in candidate._meta.concrete_fields}
        for name, value in self.cleaned_data.items():
            if name in columns:
                setattr(candidate, name, value)
        blocking = [problem for problem in review_problems(candidate) if problem.blocking]
        if not blocking:
            return
        self.add_error(
            None,
            ValidationError(
                "Not approved: the SEO check cannot pass this page until each problem listed is fixed.",
                code="seo_check",
            ),
        )
        for problem in blocking:
            link = LinkedError(
                format_html('<a href="#{}">{}</a>', field_anchor(problem.field), problem.message)
            )
            field = problem.field if problem.field in self.fields else None
            self.add_error(field, ValidationError(link, code=problem.code))
