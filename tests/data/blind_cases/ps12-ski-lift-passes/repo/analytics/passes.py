"""Pass/ticket product codes used by the different gate systems, mapped to our pass types."""
from itertools import chain

from pyspark.sql import functions as F

from .models import PassType

# Codes as they appear in the ``pass_type`` column of the gate exports
# (upper-cased and trimmed before lookup). Each vendor has its own spelling.
PASS_TYPE_CODES = {
    "SEASON": PassType.SEASON,
    "SEASONPASS": PassType.SEASON,
    "SZN": PassType.SEASON,
    "SP": PassType.SEASON,
    "DAY": PassType.DAY,
    "1DAY": PassType.DAY,
    "FULLDAY": PassType.DAY,
    "MULTI": PassType.MULTI_DAY,
    "MULTIDAY": PassType.MULTI_DAY,
    "2DAY": PassType.MULTI_DAY,
    "3DAY": PassType.MULTI_DAY,
    "5DAY": PassType.MULTI_DAY,
    "HALF": PassType.HALF_DAY,
    "HALFDAY": PassType.HALF_DAY,
    "PM": PassType.HALF_DAY,
    "STAFF": PassType.STAFF,
    "EMP": PassType.STAFF,
    "COMP": PassType.STAFF,
}


def normalise_pass_type(code):
    """Python twin of :func:`pass_type_column`, for admin tools and tests."""
    if code is None:
        return PassType.OTHER.value
    key = code.strip().upper().replace("-", "").replace(" ", "")
    return PASS_TYPE_CODES.get(key, PassType.OTHER).value


def pass_type_column(column):
    """Spark expression mapping a raw export code column to one of :class:`PassType`'s values."""
    mapping = F.create_map(*[F.lit(x) for x in chain.from_iterable(
        (code, pass_type.value) for code, pass_type in PASS_TYPE_CODES.items())])
    key = F.regexp_replace(F.upper(F.trim(F.col(column) if isinstance(column, str) else column)), r"[-\s]", "")
    return F.coalesce(mapping[key], F.lit(PassType.OTHER.value))

