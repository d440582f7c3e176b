from datetime import date, datetime, timezone as dt_timezone
from unittest import mock

from django.core import mail

from library.models import Loan
from library.tasks import mail_loan_sheet, send_return_reminders


def test_mail_loan_sheet_attaches_sheet(media_root, concert, singers):
    folder = media_root / "exports" / "loan-sheets"
    folder.mkdir(parents=True)
    (folder / "spring-2024-20240410.csv").write_text("Voice,Singer\nTenor,Tomáš Novák\n", encoding="utf-8")

    sent = mail_loan_sheet.delay(concert.pk, "2024-04-10").get()

    assert sent == 1
    [msg] = mail.outbox
    assert sorted(msg.to) == ["tomas@example.org", "zoe@example.org"]
    name, content, mimetype = msg.attachments[0]
    assert name == "spring-2024-20240410.csv"
    assert "Tomáš Novák" in (content.decode() if isinstance(content, bytes) else content)


def test_return_reminders_once_a_week(lent):
    Loan.objects.update(due_on=date(2024, 6, 1))
    now = datetime(2024, 6, 10, 8, 30, tzinfo=dt_timezone.utc)
    with mock.patch("django.utils.timezone.now", return_value=now):
        first = send_return_reminders()
        second = send_return_reminders()

    # Ewan has no email address
    assert first == 4
    assert second == 0
    assert len(mail.outbox) == 4
    assert "Stabat Mater" in mail.outbox[0].body
