"""E-mails to member libraries' ILL desks."""
from django.conf import settings
from django.core.mail import send_mail


def overdue_digest_body(library, loans):
    lines = [f"Interlibrary loans borrowed by {library.name} that are past due:", ""]
    for loan in loans:
        lines.append(f"  {loan.ill_number}  {loan.item_barcode}  due {loan.due_date:%Y-%m-%d}  "
                     f"from {loan.lending_library.code}  {loan.title[:60]}")
    lines += ["", "Please return these items on the next courier run or renew them in the ILL portal."]
    return "\n".join(lines)


def send_overdue_digest(library, loans):
    if not library.ill_contact_email:
        return False
    send_mail(
        subject=f"[ILL] {len(loans)} overdue interlibrary loan(s) for {library.code}",
        message=overdue_digest_body(library, loans),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[library.ill_contact_email],
    )
    return True
