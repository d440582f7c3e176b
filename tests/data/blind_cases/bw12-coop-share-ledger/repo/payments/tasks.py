import logging
from pathlib import Path

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from members.models import ShareAccount, ShoppingCredit

from .feed import FeedError, import_statement
from .models import BankTransaction

logger = logging.getLogger(__name__)


@db_task(retries=2, retry_delay=60)
def apply_bank_payment(transaction_id):
    """Book one matched bank payment on the member's share account or shopping credit."""
    # Claim the transaction first: if the same id is queued twice (feed and a manual import, or a
    # retry) only one task gets to book the money.
    claimed = BankTransaction.objects.filter(
        pk=transaction_id, status=BankTransaction.Status.MATCHED
    ).update(status=BankTransaction.Status.APPLYING)
    if not claimed:
        logger.info("bank transaction %s is not waiting to be applied, skipping", transaction_id)
        return None

    txn = BankTransaction.objects.select_related("member").get(pk=transaction_id)
    try:
        with transaction.atomic():
            if txn.purpose == BankTransaction.Purpose.SHOPPING:
                credit, _ = ShoppingCredit.objects.get_or_create(member=txn.member)
                balance = credit.top_up(txn.amount)
                logger.info("shopping credit of member %05d topped up by %s, now %s",
                            txn.member.member_number, txn.amount, balance)
            else:
                account, _ = ShareAccount.objects.get_or_create(member=txn.member)
                entry = account.credit(txn.amount, reference=txn.bank_id,
                                       note=f"bank {txn.booked_on:%Y-%m-%d} {txn.counterparty_name}"[:255])
                logger.info("share payment %s of %s booked for member %05d",
                            txn.bank_id, entry.amount, txn.member.member_number)
            txn.status = BankTransaction.Status.APPLIED
            txn.applied_at = timezone.now()
            txn.error = ""
            txn.save(update_fields=["status", "applied_at", "error"])
    except Exception as exc:
        # Put it back so the retry (or the treasurer) can apply it again.
        BankTransaction.objects.filter(pk=transaction_id).update(
            status=BankTransaction.Status.MATCHED, error=str(exc)[:255]
        )
        raise

    send_payment_receipt(txn.pk)
    return txn.pk


@db_task(retries=3, retry_delay=300)
def send_payment_receipt(transaction_id):
    txn = BankTransaction.objects.select_related("member__share_class").get(pk=transaction_id)
    member = txn.member
    if txn.status != BankTransaction.Status.APPLIED or not member.email:
        return False
    if txn.purpose == BankTransaction.Purpose.SHOPPING:
        credit = ShoppingCredit.objects.get(member=member)
        body = (f"We received {txn.amount} {txn.currency} for your shopping credit.\n"
                f"Your shopping credit is now {credit.balance} {txn.currency}.")
        subject = "Shopping credit topped up"
    else:
        account = ShareAccount.objects.get(member=member)
        body = (f"We received {txn.amount} {txn.currency} towards your member shares "
                f"(reference {member.share_reference}).\n"
                f"Paid-up share capital: {account.balance} of {member.share_class.required_amount} "
                f"{txn.currency}.")
        if account.is_fully_paid:
            body += "\nYour shares are now fully paid up - welcome as a voting member!"
        else:
            body += f"\nStill to pay: {account.outstanding} {txn.currency}."
        subject = "Share payment received"
    send_mail(f"[{settings.COOP_NAME}] {subject}", f"Dear {member.first_name},\n\n{body}\n",
              settings.DEFAULT_FROM_EMAIL, [member.email])
    return True


def queue_matched(transaction_ids):
    for pk in transaction_ids:
        apply_bank_payment(pk)
    return len(transaction_ids)


@db_periodic_task(crontab(minute="*/10"))
def poll_bank_feed():
    """Import statement files dropped by the bank's SFTP export and queue their payments."""
    feed_dir = Path(settings.BANK_FEED_DIR)
    done_dir = feed_dir / "processed"
    done_dir.mkdir(parents=True, exist_ok=True)
    queued = 0
    for path in sorted(feed_dir.glob("*.csv")):
        try:
            with path.open(encoding="utf-8-sig", newline="") as fh:
                matched = import_statement(fh)
        except FeedError:
            logger.exception("could not import bank statement %s", path.name)
            path.rename(feed_dir / f"{path.name}.failed")
            continue
        queued += queue_matched(matched)
        path.rename(done_dir / path.name)
    if queued:
        logger.info("bank feed: %d payment(s) queued", queued)
    return queued
