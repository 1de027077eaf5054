from .pages import CategoryPage, ProductGalleryImage, ProductPage, ProductRelatedProduct, ProductTag
from .reviews import Review
from .snippets import Brand
from .stories import StoryIndexPage, StoryPage

__all__ = [
    "Brand",
    "CategoryPage",
    "ProductGalleryImage",
    "ProductPage",
    "ProductRelatedProduct",
    "ProductTag",
    "Review",
    "StoryIndexPage",
    "StoryPage",
]
