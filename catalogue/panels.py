"""Admin panels the catalogue's page types need beyond Wagtail's own."""

from wagtail.admin.panels import InlinePanel, Panel


class OptionalInlinePanel(InlinePanel):
    """An InlinePanel that hides itself when the form leaves its formset out.

    The page form drops child formsets for users who may edit only the SEO fields
    (``ShopPage.base_form_class``). Wagtail's InlinePanel expects its formset to be
    there, so this one stands in for it: with the formset present it is exactly an
    InlinePanel; without it, it shows nothing (its children are not editable anyway).
    """

    class BoundPanel(InlinePanel.BoundPanel):
        def __init__(self, **kwargs):
            form = kwargs.get("form")
            if form is not None and kwargs["panel"].relation_name not in form.formsets:
                # Wagtail's __init__ would look the formset up; skip to Panel's.
                Panel.BoundPanel.__init__(self, **kwargs)
                self.label = self.panel.label
                self.formset = None
                self.children = []
                return
            super().__init__(**kwargs)

        def is_shown(self):
            return self.formset is not None and super().is_shown()


class VariantInlinePanel(OptionalInlinePanel):
    """The variants' inline rows, built on the variant form (stock typed once, like the product's)."""

    def get_form_options(self):
        from catalogue.forms.admin import VariantForm

        options = super().get_form_options()
        options["formsets"][self.relation_name]["form"] = VariantForm
        return options
