from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from catalogue.forms.reviews import ReviewForm
from catalogue.models import ProductPage
from catalogue.services.reviews import ReviewError, review_submit


@login_required
@require_POST
def review_create(request, product_id: int):
    product = get_object_or_404(ProductPage.objects.live().public(), pk=product_id)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            review_submit(product=product, user=request.user, **form.cleaned_data)
        except ReviewError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Thank you! Your review will appear once our editors have approved it.")
        return redirect(product.url + "#reviews")
    request.review_form = form
    response = product.serve(request)
    response.status_code = 400
    return response
