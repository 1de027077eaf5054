"""Domain errors raised by the catalogue services; their messages are fit to show shoppers."""


class ShopError(Exception):
    pass


class CartError(ShopError):
    pass


class StockError(ShopError):
    pass


class OrderError(ShopError):
    pass
