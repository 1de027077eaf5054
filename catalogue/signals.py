"""Cross-cutting reactions only: the guest cart follows the shopper into their account,
and snippet changes that show on pages (brands, reviews, promotions) make cached pages stale."""

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from catalogue.models import Brand, Promotion, Review
from catalogue.pricing.promotions import forget_live_promotions
from catalogue.services import cart as cart_service
from home.content_cache import bump_on_commit


@receiver(user_logged_in, dispatch_uid="catalogue_merge_cart_on_login")
def merge_guest_cart(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    guest_cart_id = request.session.pop(cart_service.SESSION_CART_ID, None)
    guest_cart = cart_service.Cart.objects.filter(pk=guest_cart_id, user__isnull=True).first()
    cart = cart_service.cart_merge(anonymous_cart=guest_cart, user=user) if guest_cart else None
    cart = cart or cart_service.Cart.objects.filter(user=user).first()
    cart_service.remember_count(request, cart)


@receiver(post_save, sender=Review, dispatch_uid="catalogue_review_invalidates")
@receiver(post_delete, sender=Review, dispatch_uid="catalogue_review_delete_invalidates")
@receiver(post_save, sender=Brand, dispatch_uid="catalogue_brand_invalidates")
@receiver(post_delete, sender=Brand, dispatch_uid="catalogue_brand_delete_invalidates")
def invalidate_on_snippet_change(sender, **kwargs):
    bump_on_commit()


@receiver(post_save, sender=Promotion, dispatch_uid="catalogue_promotion_invalidates")
@receiver(post_delete, sender=Promotion, dispatch_uid="catalogue_promotion_delete_invalidates")
def invalidate_on_promotion_change(sender, **kwargs):
    """Publishing, unpublishing or deleting a promotion changes prices on cached pages and cards."""
    forget_live_promotions()
    bump_on_commit()
