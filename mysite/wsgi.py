import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings.production")

django_application = get_wsgi_application()

from home.serving.front import PageCacheFront  # noqa: E402 - it needs the apps set up first

# Page-cache hits of visitors without a session are answered before Django's handler (decision 70).
application = PageCacheFront(django_application)
