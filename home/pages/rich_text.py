"""Rich text that is cleaned when it is stored, whoever stores it.

The admin's editor only ever produces safe markup, but rich text also arrives from
imports, the shell and data migrations.  Cleaning on save with Wagtail's own
whitelister (extended to keep internal page links and embeds in their stored form)
means no script or `javascript:` link can reach a shopper.
"""

from wagtail import blocks
from wagtail.whitelist import DEFAULT_ELEMENT_RULES, Whitelister, attribute_rule, check_url


class StoredRichTextWhitelister(Whitelister):
    element_rules = {
        **DEFAULT_ELEMENT_RULES,
        "a": attribute_rule({"href": check_url, "linktype": True, "id": True}),
        "embed": attribute_rule({"embedtype": True, "id": True, "format": True, "alt": True}),
    }


_whitelister = StoredRichTextWhitelister()


def clean_rich_text(html: str) -> str:
    return _whitelister.clean(html) if html else html


class SafeRichTextBlock(blocks.RichTextBlock):
    def get_prep_value(self, value):
        source = super().get_prep_value(value)
        return clean_rich_text(source)
