import pytest

from catalog.isrc import is_valid_isrc, normalise_isrc


@pytest.mark.parametrize("value, expected", [
    ("GB-AYE-07-00001", "GBAYE0700001"),
    (" gbaye0700001 ", "GBAYE0700001"),
    ("US.RC1.76.07839", "USRC17607839"),
    ("", None),
    (None, None),
])
def test_normalise_isrc(value, expected):
    assert normalise_isrc(value) == expected


def test_is_valid_isrc():
    assert is_valid_isrc("GB-AYE-07-00001")
    assert not is_valid_isrc("GBAYE07")
    assert not is_valid_isrc("12AYE0700001")
