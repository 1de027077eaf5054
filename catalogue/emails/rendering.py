"""Rendering an email: the editors' wording (or the default), filled in, inside the shop's templates."""

from dataclasses import dataclass

from django.template.loader import render_to_string

from catalogue.emails.kinds import KINDS
from catalogue.emails.placeholders import fill


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def wording_for(kind: str):
    """The editors' wording for `kind`, or None for the defaults."""
    from catalogue.emails.models import EmailTemplate

    return EmailTemplate.objects.filter(kind=kind).first()


def render_email(kind: str, *, values: dict[str, str], context: dict, wording=None) -> RenderedEmail:
    """The email `kind` with `values` in its placeholders; `wording` overrides the stored wording (previews)."""
    email_kind = KINDS[kind]
    wording = wording if wording is not None else wording_for(kind)

    def text_of(field: str) -> str:
        own = getattr(wording, field, "") if wording is not None else ""
        return fill(own or getattr(email_kind, field), values)

    # A subject is one line: a newline in it would start the message's headers over.
    subject = " ".join(text_of("subject").split())
    full_context = {**context, "subject": subject, "intro": text_of("intro"), "outro": text_of("outro")}
    return RenderedEmail(
        subject=subject,
        text=render_to_string(f"{email_kind.template_base}.txt", full_context).strip() + "\n",
        html=render_to_string(f"{email_kind.template_base}.html", full_context),
    )
