from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone


def _sign_off():
    return f"\n\n{settings.HARBOUR_NAME} harbour office\n{settings.HARBOUR_OFFICE_PHONE}\n"


def send_invoice_email(invoice):
    assignment = invoice.assignment
    lines = [
        f"Dear {invoice.holder_name},",
        "",
        f"Please find below your {invoice.season.year} season mooring invoice {invoice.number} for "
        f"{assignment.vessel.name} on berth {assignment.berth.code}.",
        "",
        f"Season fee:   £{invoice.amount}",
    ]
    if invoice.credit:
        lines.append(f"Already paid: £{invoice.credit}")
    lines += [
        f"Amount due:   £{max(invoice.balance, 0)}",
        f"Due by:       {invoice.due_on:%d %B %Y}",
    ]
    if invoice.replaces.exists():
        replaced = ", ".join(invoice.replaces.values_list("number", flat=True))
        lines += ["", f"This invoice replaces {replaced}."]
    send_mail(
        subject=f"{settings.HARBOUR_NAME}: {invoice.season.year} mooring invoice {invoice.number}",
        message="\n".join(lines) + _sign_off(),
        from_email=None,
        recipient_list=[invoice.holder_email],
    )


def send_payment_reminder(invoice):
    days = (timezone.localdate() - invoice.due_on).days
    send_mail(
        subject=f"{settings.HARBOUR_NAME}: invoice {invoice.number} is overdue",
        message=(
            f"Dear {invoice.holder_name},\n\nOur records show £{invoice.balance} outstanding on invoice "
            f"{invoice.number}, which was due {days} days ago. If you have already paid, please ignore this "
            f"message." + _sign_off()
        ),
        from_email=None,
        recipient_list=[invoice.holder_email],
    )
