"""Product identifiers that shopping feeds read: the GTIN's shape and check digit."""

from django.core.exceptions import ValidationError

GTIN_LENGTHS = (8, 12, 13, 14)


def gtin_check_digit_ok(gtin: str) -> bool:
    """The GS1 check: digits weighted 3, 1, 3, … from the right (check digit excluded) sum to a multiple of 10."""
    digits = [int(char) for char in gtin]
    body, check = digits[:-1], digits[-1]
    total = sum(digit * (3 if position % 2 == 0 else 1) for position, digit in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def validate_gtin(value: str) -> None:
    """A GTIN-8, UPC (12), EAN (13) or GTIN-14 with a valid check digit: what Merchant Center accepts."""
    if not value.isdigit() or len(value) not in GTIN_LENGTHS:
        raise ValidationError("A GTIN is 8, 12, 13 or 14 digits (the barcode number).")
    if not gtin_check_digit_ok(value):
        raise ValidationError("This GTIN's check digit is wrong: check the barcode number for a typo.")
