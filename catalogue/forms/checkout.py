from django import forms
from django.conf import settings

from catalogue.payments import payment_providers
from catalogue.shipping import shipping_methods


class CheckoutForm(forms.Form):
    email = forms.EmailField(help_text="We send the order confirmation here.")
    full_name = forms.CharField(max_length=200, label="Full name")
    phone = forms.CharField(max_length=32, required=False)
    address_line1 = forms.CharField(max_length=200, label="Address")
    address_line2 = forms.CharField(max_length=200, required=False, label="Address (line 2)")
    city = forms.CharField(max_length=100)
    postcode = forms.CharField(max_length=20)
    country = forms.ChoiceField(choices=settings.SHOP_COUNTRIES)
    shipping_method = forms.ChoiceField(widget=forms.RadioSelect, label="Delivery")
    payment_method = forms.ChoiceField(widget=forms.RadioSelect, label="Payment")

    def __init__(self, *args, subtotal=None, **kwargs):
        super().__init__(*args, **kwargs)
        methods = shipping_methods().values()
        self.fields["shipping_method"].choices = [
            (
                method.code,
                f"{method.label} — {method.cost_for(subtotal) if subtotal is not None else method.price}",
            )
            for method in methods
        ]
        self.fields["shipping_method"].initial = next(iter(shipping_methods()))
        self.fields["payment_method"].choices = [(p.code, p.label) for p in payment_providers().values()]
        self.fields["payment_method"].initial = next(iter(payment_providers()))

    def clean(self):
        cleaned = super().clean()
        for name in ("full_name", "address_line1", "city", "postcode"):
            value = cleaned.get(name)
            if value is not None and not value.strip():
                self.add_error(name, "This field is required.")
        return cleaned


def initial_for_user(user) -> dict:
    if not user.is_authenticated:
        return {}
    return {"email": user.email, "full_name": user.get_full_name(), "phone": user.phone}
