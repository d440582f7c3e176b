from datetime import date

import pytest

from royalties.jobs.airplay_royalties import save_statement_lines
from royalties.models import RoyaltyPeriod, StatementLine

LINES_SCHEMA = "holder_id long, station string, plays long, seconds long, amount_cents long"


# The lines are written by the Spark workers over their own connections: the fixtures' rows must
# be committed for them to see them.
@pytest.mark.django_db(transaction=True)
def test_save_statement_lines_replaces_the_periods_lines(spark, catalog):
    holders = catalog["holders"]
    period = RoyaltyPeriod.objects.create(start=date(2024, 5, 1), end=date(2024, 6, 1))
    other = RoyaltyPeriod.objects.create(start=date(2024, 4, 1), end=date(2024, 5, 1))
    StatementLine.objects.create(period=period, holder=holders["LBL1"], station="AWFM", plays=1, seconds=1,
                                 amount_cents=1)
    StatementLine.objects.create(period=other, holder=holders["LBL1"], station="AWFM", plays=9, seconds=900,
                                 amount_cents=1800)

    lines = spark.createDataFrame([
        (holders["LBL1"].pk, "AWFM", 2, 300, 360),
        (holders["PUB1"].pk, "AWFM", 2, 300, 240),
        (holders["LBL2"].pk, "AWCOAST", 1, 240, 120),
    ], LINES_SCHEMA)

    assert save_statement_lines(spark, lines, period) == 3
    stored = {(line.holder.society_code, line.station): line.amount_cents for line in period.lines.all()}
    assert stored == {("LBL1", "AWFM"): 360, ("PUB1", "AWFM"): 240, ("LBL2", "AWCOAST"): 120}
    assert other.lines.get().amount_cents == 1800
