"""The checkout form: contact, address, delivery and payment; prices shown in the shop's money format."""

from django import forms

from catalogue.countries import country_choices, default_country
from catalogue.payments import payment_providers
from catalogue.shipping import shipping_methods
from home.money import format_money


class CheckoutForm(forms.Form):
    email = forms.EmailField(
        help_text="We send the order confirmation here.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    full_name = forms.CharField(
        max_length=200, label="Full name", widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    phone = forms.CharField(
        max_length=32, required=False, widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"})
    )
    address_line1 = forms.CharField(
        max_length=200, label="Address", widget=forms.TextInput(attrs={"autocomplete": "address-line1"})
    )
    address_line2 = forms.CharField(
        max_length=200,
        required=False,
        label="Address (line 2)",
        widget=forms.TextInput(attrs={"autocomplete": "address-line2"}),
    )
    city = forms.CharField(max_length=100, widget=forms.TextInput(attrs={"autocomplete": "address-level2"}))
    postcode = forms.CharField(max_length=20, widget=forms.TextInput(attrs={"autocomplete": "postal-code"}))
    country = forms.ChoiceField(widget=forms.Select(attrs={"autocomplete": "country"}))
    shipping_method = forms.ChoiceField(widget=forms.RadioSelect, label="Delivery")
    payment_method = forms.ChoiceField(widget=forms.RadioSelect, label="Payment")
    # Checked against the vouchers by catalogue.pricing.checkout, not here: its error is
    # added by the view, so the summary and the order agree on whether it applies.
    voucher_code = forms.CharField(
        max_length=64,
        required=False,
        label="Voucher code",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def __init__(self, *args, subtotal=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()
        self.fields["country"].initial = default_country()
        methods = shipping_methods().values()
        self.fields["shipping_method"].choices = [
            (method.code, f"{method.label} — {format_money(self._cost(method, subtotal))}")
            for method in methods
        ]
        self.fields["shipping_method"].initial = next(iter(shipping_methods()))
        self.fields["payment_method"].choices = [(p.code, p.label) for p in payment_providers().values()]
        self.fields["payment_method"].initial = next(iter(payment_providers()))

    @staticmethod
    def _cost(method, subtotal):
        return method.cost_for(subtotal) if subtotal is not None else method.price

    def clean(self):
        cleaned = super().clean()
        for name in ("full_name", "address_line1", "city", "postcode"):
            value = cleaned.get(name)
            if value is not None and not value.strip():
                self.add_error(name, "This field is required.")
        return cleaned

    def chosen_shipping_method(self) -> str:
        """The method the summary should price: the posted one if it is valid, else the default."""
        field = self["shipping_method"]
        value = field.value() if self.is_bound else field.initial
        codes = {code for code, _label in self.fields["shipping_method"].choices}
        return value if value in codes else self.fields["shipping_method"].initial


def initial_for_user(user) -> dict:
    if not user.is_authenticated:
        return {}
    return {"email": user.email, "full_name": user.get_full_name(), "phone": user.phone}
