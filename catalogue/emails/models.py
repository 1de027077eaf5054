"""Email wording that editors own: one snippet per email, previewed in the admin."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.models import PreviewableMixin

from catalogue.emails.kinds import KIND_CHOICES, KINDS
from catalogue.emails.placeholders import unknown_placeholders

WORDING_FIELDS = ("subject", "intro", "outro")


def placeholder_help() -> str:
    """What editors may write in braces, email by email."""
    rows = "".join(
        format_html(
            "<li><strong>{}</strong>: {}</li>",
            kind.label,
            ", ".join("{" + name + "}" for name in kind.placeholders),
        )
        for kind in KINDS.values()
    )
    return format_html(
        "<p>Write a placeholder in braces, such as {{order_number}}, and the email fills it in. "
        "Each email knows its own:</p><ul>{}</ul>",
        mark_safe(rows),  # noqa: S308 - every row was escaped by format_html above
    )


class EmailTemplate(PreviewableMixin, models.Model):
    """The wording of one email. An empty field, or no row at all, means the shop's default."""

    kind = models.CharField("email", max_length=32, choices=KIND_CHOICES, unique=True)
    subject = models.CharField(max_length=200, blank=True, help_text="Empty: the shop's default subject.")
    intro = models.TextField(
        "opening", blank=True, help_text="Above the order, link or product the shop adds. Empty: the default."
    )
    outro = models.TextField("closing", blank=True, help_text="Below it. Empty: the default.")
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("kind"),
        HelpPanel(content=placeholder_help(), heading="Placeholders"),
        FieldPanel("subject"),
        FieldPanel("intro"),
        FieldPanel("outro"),
    ]

    preview_modes = [("html", "HTML"), ("text", "Plain text")]

    class Meta:
        verbose_name = "email"
        verbose_name_plural = "emails"
        ordering = ["kind"]

    def __str__(self):
        return self.get_kind_display()

    @property
    def email_kind(self):
        return KINDS.get(self.kind)

    def wording(self, field: str) -> str:
        """This email's text for `field`, or the shop's default where the editor left it empty."""
        return getattr(self, field) or getattr(self.email_kind, field)

    def clean(self):
        super().clean()
        kind = self.email_kind
        if kind is None:
            return
        errors = {}
        for field in WORDING_FIELDS:
            unknown = unknown_placeholders(getattr(self, field), kind.placeholders)
            if unknown:
                names = ", ".join("{" + name + "}" for name in unknown)
                errors[field] = f"Unknown placeholder {names}. This email knows: " + ", ".join(
                    "{" + name + "}" for name in kind.placeholders
                )
        if errors:
            raise ValidationError(errors)

    # --- Preview: the email rendered from the form's wording, for a made-up order or product.

    def get_preview_template(self, request, mode_name):
        return "emails/admin/preview.html"

    def get_preview_context(self, request, mode_name):
        from catalogue.emails.kinds import sample
        from catalogue.emails.rendering import render_email

        if self.email_kind is None:
            return {"email": None, "mode": mode_name}
        values, context = sample(self.email_kind)
        email = render_email(self.kind, values=values, context=context, wording=self)
        return {"email": email, "mode": mode_name}
