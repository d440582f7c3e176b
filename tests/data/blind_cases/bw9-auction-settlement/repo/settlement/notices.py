"""E-mails sent after a sale: invoices to buyers, price notices to underbidders, payment reminders."""
import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils import timezone

from catalogue.ladders import LadderIndex
from catalogue.models import Lot, Sale

from .models import BuyerInvoice

logger = logging.getLogger(__name__)

SEND_BATCH = 100


def _send(messages: list[EmailMessage]) -> int:
    if not messages:
        return 0
    with get_connection() as connection:
        return connection.send_messages(messages) or 0


class BuyerInvoiceMailer:
    """E-mails every issued, not yet e-mailed invoice of a sale to its buyer."""

    subject = "{house}: invoice {number} for {sale}"

    def __init__(self, sale: Sale):
        self.sale = sale
        self.house = settings.AUCTION_HOUSE["name"]

    def _message(self, invoice: BuyerInvoice) -> EmailMessage:
        rows = [
            f"  Lot {line.lot.number:>4}  {line.lot.title[:40]:<40}  hammer {line.hammer:>10}  "
            f"premium {line.premium:>9}  VAT {line.vat:>8}"
            for line in invoice.lines.all()
        ]
        body = "\n".join(
            [
                f"Dear {invoice.bidder.name},",
                "",
                f"Thank you for bidding in {self.sale.title}. Your purchases:",
                "",
                *rows,
                "",
                f"  Total due: {self.sale.currency} {invoice.total}, by {invoice.due_at:%d %B %Y}.",
                "",
                self.house,
            ]
        )
        subject = self.subject.format(house=self.house, number=invoice.number, sale=self.sale.title)
        return EmailMessage(subject, body, to=[invoice.bidder.email])

    def run(self) -> int:
        invoices = (
            BuyerInvoice.objects.filter(sale=self.sale, status=BuyerInvoice.Status.ISSUED, emailed_at__isnull=True)
            .exclude(bidder__email="")
            .select_related("bidder")
            .prefetch_related("lines__lot")
            .order_by("pk")
        )
        sent, batch, ids = 0, [], []
        for invoice in invoices.iterator(chunk_size=SEND_BATCH):
            batch.append(self._message(invoice))
            ids.append(invoice.pk)
            if len(batch) >= SEND_BATCH:
                sent += _send(batch)
                batch = []
        sent += _send(batch)
        BuyerInvoice.objects.filter(pk__in=ids).update(emailed_at=timezone.now())
        return sent


class UnderbidderNotifier:
    """Tells the runner-up on each sold lot the hammer price, in case the buyer does not pay."""

    subject = "Lot {number} in {sale}: the result"

    def __init__(self, sale: Sale, *, ladders: LadderIndex | None = None):
        self.sale = sale
        self.ladders = ladders or LadderIndex(sale.pk)

    def run(self) -> int:
        messages = []
        sold = Lot.objects.filter(sale=self.sale, status=Lot.Status.SOLD).order_by("number")
        for lot in sold.iterator(chunk_size=500):
            under = self.ladders.underbid(lot.pk)
            if under is None or not under.bidder.email:
                continue
            body = (
                f"Dear {under.bidder.name},\n\nLot {lot.number} ({lot.title}) sold for "
                f"{self.sale.currency} {lot.hammer_price}. Your best bid was {under.amount}. If the sale does not "
                f"complete we may offer you the lot at your bid.\n"
            )
            messages.append(
                EmailMessage(self.subject.format(number=lot.number, sale=self.sale.title), body, to=[under.bidder.email])
            )
        return _send(messages)


class PaymentReminder:
    """One reminder per invoice that is past due and still unpaid."""

    def run(self, now=None) -> int:
        now = now or timezone.now()
        overdue = (
            BuyerInvoice.objects.filter(status=BuyerInvoice.Status.ISSUED, due_at__lt=now, reminder_sent_at__isnull=True)
            .exclude(bidder__email="")
            .select_related("bidder", "sale")
            .order_by("pk")
        )
        sent = 0
        for invoice in overdue.iterator(chunk_size=200):
            message = EmailMessage(
                f"Reminder: invoice {invoice.number} is overdue",
                f"Dear {invoice.bidder.name},\n\nInvoice {invoice.number} ({invoice.sale.currency} {invoice.total}) "
                f"was due on {invoice.due_at:%d %B %Y}. Please pay at your earliest convenience.\n",
                to=[invoice.bidder.email],
            )
            if _send([message]):
                BuyerInvoice.objects.filter(pk=invoice.pk).update(reminder_sent_at=now)
                sent += 1
        return sent
