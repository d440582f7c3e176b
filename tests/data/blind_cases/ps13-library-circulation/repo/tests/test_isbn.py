import pytest

from catalog.isbn import isbn10_to_13, isbn13_is_valid, normalise_isbn


@pytest.mark.parametrize("raw, expected", [
    ("9780141439518", "9780141439518"),
    ("978-0-14-143951-8", "9780141439518"),
    ("0141439513", "9780141439518"),
    ("0-14-143951-3", "9780141439518"),
    ("0-8044-2957-X", "9780804429573"),
    ("9780141439518 (pbk.)", "9780141439518"),
    ("9780141439519", None),   # bad check digit
    ("0141439514", None),
    ("", None),
    (None, None),
    ("n/a", None),
])
def test_normalise_isbn(raw, expected):
    assert normalise_isbn(raw) == expected


def test_isbn10_to_13_gives_valid_isbn13():
    assert isbn13_is_valid(isbn10_to_13("0306406152"))
    assert isbn10_to_13("0306406152") == "9780306406157"
