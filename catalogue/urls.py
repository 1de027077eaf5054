from django.urls import path

from catalogue import views

app_name = "catalogue"

urlpatterns = [
    path("products/<int:product_id>/reviews/", views.review_create, name="review_create"),
]
