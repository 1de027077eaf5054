class StockEnteredOnceFormMixin:
    """Stock is typed in once, when a product is created; after that it changes only through stock services.

    A mixin, so that the product form keeps the behaviour of the page form it is built
    on (``ShopPage.base_form_class``: SEO fields only for marketers).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stock = self.fields.get("stock")
        if stock is not None and self.instance.pk:
            stock.disabled = True
            stock.help_text = (
                "Live stock level. It is not part of revisions: orders and stock adjustments change it."
            )
        elif stock is not None:
            # No silent 0: the field starts empty and must be filled in. Typing 0 is a choice
            # (the product goes live sold out, and the editor is warned when it does).
            self.initial.pop("stock", None)
            stock.initial = None
            stock.required = True
            stock.help_text = "Opening stock: how many are on the shelf now. Type 0 if none have arrived yet."
