import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail

from .models import Movement, OutgoingLoan

log = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=5, default_retry_delay=120)
def notify_quarantine_moves(self, batch):
    """Tell the conservation team which objects have just been put into quarantine."""
    moves = list(
        Movement.objects.filter(batch=batch).select_related("object", "from_location", "to_location")
        .order_by("object__accession_number")
    )
    if not moves:
        log.warning("quarantine notice: no movements for batch %s", batch)
        return 0
    lines = [
        f"{m.object.accession_number}  {m.object.title}  (from {m.from_location or 'unknown'})" for m in moves
    ]
    body = (
        f"{len(moves)} object(s) were moved to {moves[0].to_location.code} by {moves[0].moved_by}.\n\n"
        + "\n".join(lines)
    )
    try:
        send_mail(
            f"[stores] {len(moves)} object(s) moved into quarantine",
            body, None, [settings.COLLECTION["CONSERVATION_EMAIL"]],
        )
    except OSError as exc:
        raise self.retry(exc=exc)
    return len(moves)


@shared_task(bind=True, max_retries=3, default_retry_delay=300)
def send_loan_reminder(self, loan_id, today_iso):
    from datetime import date

    try:
        loan = OutgoingLoan.objects.get(pk=loan_id)
    except OutgoingLoan.DoesNotExist:
        log.info("loan %s vanished before its reminder was sent", loan_id)
        return False
    if loan.returned_on or loan.reminder_sent_on:
        return False

    today = date.fromisoformat(today_iso)
    numbers = ", ".join(loan.objects_lent.order_by("accession_number").values_list("accession_number", flat=True))
    try:
        send_mail(
            f"Loan {loan.reference} is due back on {loan.due_back:%d %B %Y}",
            f"Dear colleagues at {loan.borrower},\n\nthis is a reminder that loan {loan.reference} "
            f"({numbers}) is due back on {loan.due_back:%d %B %Y}.\n",
            None, [loan.contact_email], fail_silently=False,
        )
    except OSError as exc:
        raise self.retry(exc=exc)
    OutgoingLoan.objects.filter(pk=loan.pk, reminder_sent_on__isnull=True).update(reminder_sent_on=today)
    return True
