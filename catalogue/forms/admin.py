from wagtail.admin.forms import WagtailAdminPageForm


class ProductPageAdminForm(WagtailAdminPageForm):
    """Stock is typed in once, when a product is created; after that it changes only through stock services."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stock = self.fields.get("stock")
        if stock is not None and self.instance.pk:
            stock.disabled = True
            stock.help_text = (
                "Live stock level. It is not part of revisions: orders and stock adjustments change it."
            )
        elif stock is not None:
            stock.help_text = "Opening stock for this new product."
