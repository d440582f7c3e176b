"""ISBN helpers. The catalogue stores ISBN-13 without hyphens; the ILS exports
whatever was keyed in when the item was added (ISBN-10, hyphens, trailing junk)."""
import re

_JUNK = re.compile(r"[\s\-]")


def isbn13_check_digit(first12):
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


def isbn10_is_valid(isbn10):
    if not re.fullmatch(r"\d{9}[\dX]", isbn10):
        return False
    total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(isbn10))
    return total % 11 == 0


def isbn13_is_valid(isbn13):
    return bool(re.fullmatch(r"97[89]\d{10}", isbn13)) and isbn13_check_digit(isbn13[:12]) == isbn13[12]


def isbn10_to_13(isbn10):
    first12 = "978" + isbn10[:9]
    return first12 + isbn13_check_digit(first12)


def normalise_isbn(raw):
    """Return the ISBN-13 for ``raw`` (ISBN-10 or -13, hyphens allowed), or None."""
    if not raw:
        return None
    value = _JUNK.sub("", str(raw)).upper()
    # Some branches key "(pbk.)" or a price after the number.
    match = re.match(r"(\d{12}[\dX]|\d{9}[\dX])", value)
    if not match:
        return None
    value = match.group(1)
    if len(value) == 10:
        return isbn10_to_13(value) if isbn10_is_valid(value) else None
    return value if isbn13_is_valid(value) else None
