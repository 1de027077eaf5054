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
            stock.help_text = "Opening stock for this new product."
