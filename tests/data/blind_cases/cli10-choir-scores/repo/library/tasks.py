import logging
from collections import defaultdict
from datetime import date

from celery import shared_task
from django.core.mail import EmailMessage, send_mail
from django.utils import timezone

from members.models import Singer

from . import storage
from .conf import library_setting
from .loans import reminders_due
from .models import Concert, Loan

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=3, default_retry_delay=600)
def mail_loan_sheet(self, concert_id, printed_on):
    """Email a concert's loan sheet (written by `choir-lib loan-sheet`) to the section leaders."""
    concert = Concert.objects.get(pk=concert_id)
    day = date.fromisoformat(printed_on)
    path = storage.media_path(library_setting("LOAN_SHEETS_DIR"), storage.loan_sheet_name(concert.slug, day))
    leaders = list(Singer.objects.filter(active=True, is_section_leader=True)
                   .exclude(email="").values_list("email", flat=True))
    if not leaders:
        logger.warning("no section leader with an email address; loan sheet %s not sent", path.name)
        return 0
    message = EmailMessage(
        subject=f"Loan sheet: {concert.title} ({day:%d %b %Y})",
        body=f"Attached: parts out on loan for {concert.title}. Please bring the sheet to the next rehearsal.",
        to=leaders,
        reply_to=[library_setting("LIBRARIAN_EMAIL")],
    )
    message.attach_file(str(path), mimetype="text/csv")
    sent = message.send()
    logger.info("loan sheet %s sent to %d leader(s)", path.name, len(leaders))
    return sent


@shared_task
def send_return_reminders():
    """Weekly: one email per singer listing their overdue parts."""
    now = timezone.now()
    by_singer = defaultdict(list)
    for loan in reminders_due(now):
        by_singer[loan.singer].append(loan)
    sent = 0
    for singer, loans in by_singer.items():
        if not singer.email:
            continue
        lines = [f"  - {l.copy.part.score.title} ({l.copy.part.label}, copy {l.copy.number}), due {l.due_on:%d %b}"
                 for l in loans]
        send_mail(
            subject="Music to return to the library",
            message="Dear {},\n\nThese parts are overdue:\n{}\n\nThank you!".format(singer.name, "\n".join(lines)),
            from_email=None,
            recipient_list=[singer.email],
        )
        Loan.objects.filter(pk__in=[l.pk for l in loans]).update(reminder_sent_at=now)
        sent += 1
    logger.info("return reminders sent to %d singer(s)", sent)
    return sent
