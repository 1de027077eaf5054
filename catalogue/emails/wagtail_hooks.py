"""Emails in the admin: one snippet per email, with a live preview as HTML and as plain text."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from catalogue.emails.models import EmailTemplate


class EmailTemplateViewSet(SnippetViewSet):
    model = EmailTemplate
    icon = "mail"
    menu_label = "Emails"
    menu_order = 230
    add_to_admin_menu = True
    list_display = ["kind", "subject", "updated_at"]


register_snippet(EmailTemplateViewSet)
