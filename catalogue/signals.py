"""Cross-cutting reactions only: the guest cart follows the shopper into their account, and a
promotion's change reaches the prices on every cached page.

What other catalogue changes invalidate in the caches is registered in catalogue.invalidation."""

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from catalogue.models import ProductVariant, Promotion
from catalogue.pricing.promotions import forget_live_promotions
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


@receiver(post_save, sender=Promotion, dispatch_uid="catalogue_promotion_invalidates")
@receiver(post_delete, sender=Promotion, dispatch_uid="catalogue_promotion_delete_invalidates")
def invalidate_on_promotion_change(sender, **kwargs):
    """This process's copy of the live promotions goes at once; cached pages and cards go by the
    cache registry (catalogue.invalidation: every cached price)."""
    forget_live_promotions()


@receiver(post_save, sender=ProductVariant, dispatch_uid="catalogue_variant_reprices_promotions")
@receiver(post_delete, sender=ProductVariant, dispatch_uid="catalogue_variant_delete_reprices_promotions")
def forget_promotions_on_variant_change(sender, **kwargs):
    """A promotion's variant target carries the variant's price: this process reads them afresh
    (other processes within a second, when the cache registry's new generation reaches them)."""
    forget_live_promotions()
