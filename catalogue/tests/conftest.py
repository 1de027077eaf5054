# The fixtures themselves are registered for the whole suite in the root conftest.
from catalogue.tests.fixtures import add_product, make_image

__all__ = ["add_product", "make_image"]
