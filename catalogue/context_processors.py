from catalogue.services.cart import session_item_count


def cart_summary(request):
    # Read from the session so the header never costs a cart query.
    return {"cart_item_count": session_item_count(request)}
