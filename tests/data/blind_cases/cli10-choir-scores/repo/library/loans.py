"""Handing out parts to singers for a concert, and getting them back."""
import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from members.models import VOICE_ORDER, Singer

from .conf import library_setting
from .models import Loan, PartCopy

logger = logging.getLogger(__name__)

LOAN_SHEET_HEADER = ["Voice", "Singer", "Cat. no", "Title", "Composer", "Part", "Copy", "Loaned", "Due",
                     "Signature"]


@dataclass
class IssueReport:
    issued: int = 0
    already_had: int = 0
    short: list = field(default_factory=list)   # (singer name, part) with no free copy


def default_due_on(concert):
    """Parts come back a fixed time after the concert (or after today for past concerts)."""
    start = max(concert.performed_on, timezone.localdate())
    return start + timedelta(days=library_setting("LOAN_PERIOD_DAYS"))


def _parts_for(score, voice):
    return [p for p in score.parts.all() if p.voice in ("", voice)]


def _free_copy(part):
    return (PartCopy.objects.filter(part=part)
            .exclude(condition__in=[PartCopy.Condition.DAMAGED, PartCopy.Condition.LOST])
            .exclude(pk__in=Loan.objects.open().values("copy"))
            .order_by("number")
            .first())


def issue_parts(concert, due_on=None, singers=None, dry_run=False) -> IssueReport:
    """Lend every active singer one copy of each part of the concert programme they sing from."""
    due_on = due_on or default_due_on(concert)
    singers = list(singers if singers is not None else Singer.objects.filter(active=True))
    report = IssueReport()
    with transaction.atomic():
        for score in concert.programme.prefetch_related("parts"):
            for singer in singers:
                for part in _parts_for(score, singer.voice):
                    if Loan.objects.open().filter(singer=singer, copy__part=part).exists():
                        report.already_had += 1
                        continue
                    copy = _free_copy(part)
                    if copy is None:
                        report.short.append((singer.name, str(part)))
                        continue
                    Loan.objects.create(copy=copy, singer=singer, concert=concert, due_on=due_on)
                    report.issued += 1
        if dry_run:
            transaction.set_rollback(True)
    logger.info("%s: issued %d part(s), %d short", concert.slug, report.issued, len(report.short))
    return report


def return_loans(loans, when=None) -> int:
    when = when or timezone.now()
    return Loan.objects.filter(pk__in=[l.pk for l in loans]).open().update(returned_at=when)


def loan_sheet_rows(concert):
    """Rows of the sign-out sheet: open loans of the concert, by voice (top down), singer, score."""
    loans = (Loan.objects.open().filter(concert=concert)
             .select_related("singer", "copy__part__score"))
    ordered = sorted(loans, key=lambda l: (VOICE_ORDER.get(l.singer.voice, 9), l.singer.name,
                                           l.copy.part.score.catalogue_no, l.copy.part.label))
    for loan in ordered:
        score = loan.copy.part.score
        yield [
            loan.singer.get_voice_display(),
            loan.singer.name,
            score.catalogue_no,
            score.title,
            score.composer,
            loan.copy.part.label,
            loan.copy.number,
            timezone.localtime(loan.loaned_at).date().isoformat(),
            loan.due_on.isoformat(),
            "",
        ]


def overdue_loans(today=None, voice=None):
    today = today or timezone.localdate()
    qs = Loan.objects.overdue(today).select_related("singer", "copy__part__score")
    if voice:
        qs = qs.filter(singer__voice=voice)
    return qs.order_by("due_on", "singer__name")


def reminders_due(now=None):
    """Overdue loans whose singer was not reminded in the last REMINDER_EVERY_DAYS days."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=library_setting("REMINDER_EVERY_DAYS"))
    qs = overdue_loans(timezone.localdate(now))
    return qs.exclude(reminder_sent_at__gte=cutoff)
