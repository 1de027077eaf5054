from django.apps import AppConfig


class EmailsConfig(AppConfig):
    # Its own app inside the catalogue: it keeps the label (and tables) "emails".
    name = "catalogue.emails"
    label = "emails"
    verbose_name = "Emails"
    default_auto_field = "django.db.models.BigAutoField"
