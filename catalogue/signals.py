"""Cross-cutting reactions only: the guest cart follows the shopper into their account.

What catalogue changes invalidate in the caches is registered in catalogue.invalidation."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from catalogue.services import cart as cart_service


@receiver(user_logged_in, dispatch_uid="catalogue_merge_cart_on_login")
def merge_guest_cart(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    guest_cart_id = request.session.pop(cart_service.SESSION_CART_ID, None)
    guest_cart = cart_service.Cart.objects.filter(pk=guest_cart_id, user__isnull=True).first()
    cart = cart_service.cart_merge(anonymous_cart=guest_cart, user=user) if guest_cart else None
    cart = cart or cart_service.Cart.objects.filter(user=user).first()
    cart_service.remember_count(request, cart)
