"""schema.org data for the catalogue's pages, as plain dicts: the head tag serialises them as JSON-LD.

Each builder reads only what its page has already loaded for rendering (breadcrumbs from
the chrome query, the listed products from the listing query), so structured data costs
no queries of its own.
"""

ARTICLE_IMAGE_RENDITION = "width-1200|format-jpeg"


def breadcrumb_list(trail, request) -> dict:
    """A BreadcrumbList from the home page down to (and including) the page itself."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.title,
                "item": crumb.get_full_url(request),
            }
            for position, crumb in enumerate(trail, start=1)
        ],
    }


def item_list(products, request, *, first_position: int = 1) -> dict:
    """The products one page of a listing shows, numbered from their place in the whole listing."""
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "url": product.get_full_url(request),
                "name": product.title,
            }
            for position, product in enumerate(products, start=first_position)
        ],
    }


def article(story, request) -> dict:
    """Article for a story: headline, dates, image and (when the page has an owner with a name) author.

    The head credits an Article without an author to the organisation (home.seo.meta).
    """
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": story.title[:110],
        "url": story.get_full_url(request),
        "datePublished": story.date.isoformat() if story.date else None,
    }
    if story.last_published_at:
        data["dateModified"] = story.last_published_at.isoformat()
    if story.intro:
        data["description"] = story.intro
    if story.hero_image is not None:
        data["image"] = [
            request.build_absolute_uri(story.hero_image.get_rendition(ARTICLE_IMAGE_RENDITION).url)
        ]
    owner = story.owner if story.owner_id else None
    if owner is not None and owner.get_full_name().strip():
        data["author"] = {"@type": "Person", "name": owner.get_full_name().strip()}
    return {key: value for key, value in data.items() if value is not None}
