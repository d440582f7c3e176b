from datetime import date, datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from takings.closing import close_day
from takings.models import DailyTakings
from takings.weekly import last_week, weekly_totals


@pytest.mark.django_db
def test_close_day_counts_local_calendar_day(store, sell):
    sell(store, datetime(2024, 6, 3, 0, 10), 1000)
    sell(store, datetime(2024, 6, 3, 23, 50), 2500)
    sell(store, datetime(2024, 6, 3, 12, 0), 700, refunded=True)
    sell(store, datetime(2024, 6, 4, 0, 5), 9999)
    [row] = close_day(date(2024, 6, 3))
    assert (row.gross_yen, row.sales, row.refunds) == (3500, 2, 1)


@pytest.mark.django_db
def test_close_command_with_date_mails(store, sell):
    sell(store, datetime(2024, 6, 3, 9, 0), 1200)
    out = StringIO()
    call_command("close_business_day", "--date", "2024-06-03", stdout=out)
    assert "closed 2024-06-03: 1 store(s), 1,200 yen" in out.getvalue()
    assert mail.outbox[0].subject == "Takings for Mon 03 Jun 2024"


@pytest.mark.django_db
def test_reclose_updates_row(store, sell):
    sell(store, datetime(2024, 6, 3, 9, 0), 1200)
    close_day(date(2024, 6, 3))
    sell(store, datetime(2024, 6, 3, 10, 0), 800)
    close_day(date(2024, 6, 3))
    assert DailyTakings.objects.get().gross_yen == 2000


@pytest.mark.django_db
def test_weekly(store, sell):
    assert last_week(date(2024, 6, 12)) == (date(2024, 6, 3), date(2024, 6, 9))
    sell(store, datetime(2024, 6, 4, 9, 0), 500)
    close_day(date(2024, 6, 4))
    assert weekly_totals(date(2024, 6, 12)) == {"SHB": 500}
