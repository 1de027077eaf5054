"""Django's test client with the page-cache front before its handler, as gunicorn serves the site.

Each response says whether the front answered it (``answered_in_front``). The test client
only lets its handler be swapped through the ``handler`` attribute; the tests that use this
assert ``answered_in_front`` on their hits, so a Django upgrade that stops honouring it fails
there rather than quietly testing the middleware path instead.
"""

from django.core.handlers.wsgi import WSGIRequest
from django.test import Client
from django.test.client import ClientHandler

from home.serving.front import PageCacheFront


def _unreachable(environ, start_response):
    raise AssertionError("The test client's handler answers what the front declines.")


class FrontClientHandler(ClientHandler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.front = PageCacheFront(_unreachable)

    def __call__(self, environ):
        response = self.front.answer(environ)
        if response is None:
            response = super().__call__(environ)
            response.answered_in_front = False
        else:
            response.answered_in_front = True
            response.wsgi_request = WSGIRequest(environ)  # what the client reads off every response
        return response


class FrontClient(Client):
    def __init__(self, enforce_csrf_checks=False, **defaults):
        super().__init__(enforce_csrf_checks, **defaults)
        self.handler = FrontClientHandler(enforce_csrf_checks)
