"""ISRC helpers (ISO 3901).

Playout systems and the library export do not agree on the spelling of an ISRC: some write
``GB-AYE-07-00001``, some ``gbaye0700001``, some pad with spaces. The catalogue stores the
compact upper-case form.
"""
import re

_COMPACT = re.compile(r"^[A-Z]{2}[A-Z0-9]{3}[0-9]{2}[0-9]{5}$")


def normalise_isrc(value):
    """Compact upper-case form of an ISRC, or None when ``value`` is empty."""
    if value is None:
        return None
    compact = re.sub(r"[\s\-_.]", "", str(value)).upper()
    return compact or None


def is_valid_isrc(value):
    compact = normalise_isrc(value)
    return bool(compact and _COMPACT.match(compact))
