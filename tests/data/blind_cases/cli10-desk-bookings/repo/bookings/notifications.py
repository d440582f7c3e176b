from django.conf import settings
from django.core.mail import EmailMessage, send_mail


def email_invoice(invoice):
    lines = "\n".join(f"  {line.description}: {line.amount}" for line in invoice.lines.all())
    currency = settings.DESKHUB["CURRENCY"]
    body = (
        f"Hello {invoice.company.name},\n\n"
        f"Your Deskhub invoice {invoice.number} for {invoice.period_start:%B %Y}:\n\n"
        f"{lines}\n\n"
        f"Subtotal {currency} {invoice.subtotal}\nVAT {currency} {invoice.vat}\nTotal {currency} {invoice.total}\n"
        f"Due on {invoice.due_on:%d %B %Y}.\n"
    )
    msg = EmailMessage(
        subject=f"Invoice {invoice.number}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[invoice.company.billing_email],
    )
    msg.send()


def email_pending_digest(adjustments):
    if not adjustments:
        return 0
    body = "\n".join(
        f"#{adj.pk} {adj.get_kind_display()} for {adj.booking} (requested {adj.requested_at:%d %b}): {adj.reason}"
        for adj in adjustments
    )
    return send_mail(
        subject=f"{len(adjustments)} booking adjustment request(s) waiting for a decision",
        message=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[settings.OPS_EMAIL],
    )
