"""Back-in-stock alerts: the product page's form posts here; the email's unsubscribe link lands here.

The form has a view of its own, so the product page it sits on can stay in the page
cache: the cached copy holds only the form (its CSRF token is put back per visitor),
never anyone's address.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from catalogue.forms.stock_alerts import StockAlertForm
from catalogue.models import BackInStockSubscription, ProductPage
from catalogue.rest.throttles import throttles_for
from catalogue.services.stock_alerts import StockAlertError, stock_alert_subscribe, stock_alert_unsubscribe

THROTTLE_SCOPE = "stock_alert"


def _within_rate(request) -> bool:
    """Counted like the API's writes: per user (guests by address) and per address."""
    # Both counters count every request, as DRF's own check does: no short circuit.
    allowed = [throttle().allow_request(request, None) for throttle in throttles_for(THROTTLE_SCOPE)]
    return all(allowed)


def _product_url(product: ProductPage, variant) -> str:
    return product.url + (f"?variant={variant.pk}" if variant is not None else "")


@require_POST
def stock_alert_create(request, product_id: int):
    product = get_object_or_404(ProductPage.objects.live().public(), pk=product_id)
    form = StockAlertForm(request.POST, product=product)
    status = 400
    if not _within_rate(request):
        form.is_valid()
        form.add_error(None, "Too many requests. Please wait a little and try again.")
        status = 429
    elif form.is_valid():
        variant = form.cleaned_data["variant"]
        email = form.cleaned_data["email"]
        user = request.user if request.user.is_authenticated else None
        try:
            stock_alert_subscribe(product=product, variant=variant, email=email, user=user)
        except StockAlertError as error:
            messages.info(request, str(error))
        else:
            messages.success(request, f"Thanks! We will email {email.strip().lower()} once, when it is back.")
        return redirect(_product_url(product, variant), permanent=False)
    # The page again, with the form and its errors (the action's ?variant= keeps the choice).
    request.stock_alert_form = form
    response = product.serve(request)
    response.status_code = status
    return response


def _subscription(token) -> BackInStockSubscription:
    subscription = (
        BackInStockSubscription.objects.select_related("product", "variant").filter(token=token).first()
    )
    if subscription is None:
        raise Http404("No such alert: it may have been stopped already.")
    return subscription


# The token in the link is the only credential, as in any unsubscribe link; mail clients'
# one-click POST (RFC 8058) comes without a CSRF token, so none is asked for.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def stock_alert_stop(request, token):
    subscription = _subscription(token)
    if request.method == "POST":
        stock_alert_unsubscribe(token=subscription.token)
        return render(request, "catalogue/stock_alert_unsubscribed.html", {"subscription": subscription})
    return render(request, "catalogue/stock_alert_unsubscribe.html", {"subscription": subscription})
