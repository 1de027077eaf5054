"""Parsing of listing GET parameters: anything invalid falls back to its default, silently."""

from decimal import Decimal

from django import forms

SORT_ORDERINGS = {
    "featured": ("-featured", "-first_published_at", "pk"),
    "price_asc": ("price", "pk"),
    "price_desc": ("-price", "pk"),
    "name": ("title", "pk"),
    "newest": ("-first_published_at", "pk"),
}
SORT_LABELS = {
    "featured": "Featured",
    "price_asc": "Price: low to high",
    "price_desc": "Price: high to low",
    "name": "Name",
    "newest": "Newest",
}
DEFAULT_SORT = "featured"
MAX_PRICE = Decimal("99999999.99")


class ListingFilterForm(forms.Form):
    sort = forms.ChoiceField(choices=list(SORT_LABELS.items()), required=False)
    min_price = forms.DecimalField(required=False, min_value=0, max_value=MAX_PRICE, decimal_places=2)
    max_price = forms.DecimalField(required=False, min_value=0, max_value=MAX_PRICE, decimal_places=2)
    in_stock = forms.BooleanField(required=False)
    tag = forms.SlugField(required=False, max_length=100)
    brand = forms.SlugField(required=False, max_length=120)
    # Variant options (catalogue.option_facets): free text, matched without regard to case.
    size = forms.CharField(required=False, max_length=40)
    colour = forms.CharField(required=False, max_length=40)
    material = forms.CharField(required=False, max_length=40)

    def __init__(self, data=None, **kwargs):
        super().__init__(data=data, **kwargs)
        # A broken parameter must not discard the good ones: validate, then
        # keep what survived and treat the rest as absent.
        self.is_valid()

    @property
    def filters(self) -> dict:
        values = {name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors}
        low, high = values.get("min_price"), values.get("max_price")
        if low is not None and high is not None and low > high:
            values["min_price"], values["max_price"] = high, low
        values["sort"] = values.get("sort") or DEFAULT_SORT
        return values

    @property
    def is_refined(self) -> bool:
        """Whether the shopper narrowed or re-sorted the listing (such pages are not canonical)."""
        filters = self.filters
        return filters["sort"] != DEFAULT_SORT or any(
            filters.get(name)
            for name in ("min_price", "max_price", "in_stock", "tag", "brand", "size", "colour", "material")
        )
