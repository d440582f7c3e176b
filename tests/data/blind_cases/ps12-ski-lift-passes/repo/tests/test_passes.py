import pytest

from analytics.models import PassType
from analytics.passes import normalise_pass_type, pass_type_column


@pytest.mark.parametrize("code, expected", [
    ("SEASON", PassType.SEASON),
    (" szn ", PassType.SEASON),
    ("1DAY", PassType.DAY),
    ("Multi-Day", PassType.MULTI_DAY),
    ("half day", PassType.HALF_DAY),
    ("EMP", PassType.STAFF),
    ("VOUCHER", PassType.OTHER),
    (None, PassType.OTHER),
])
def test_normalise_pass_type(code, expected):
    assert normalise_pass_type(code) == expected


def test_spark_mapping_matches_python(spark):
    codes = ["SEASON", " szn ", "1DAY", "Multi-Day", "half day", "EMP", "VOUCHER"]
    df = spark.createDataFrame([(c,) for c in codes], "code string")
    got = [row["pt"] for row in df.select(pass_type_column("code").alias("pt")).collect()]
    assert got == [normalise_pass_type(c) for c in codes]
