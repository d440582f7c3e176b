"""Read-side queries used by the circulation jobs and reports."""
from decimal import Decimal

from django.db.models import DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce

from .models import Loan


def open_loans():
    return Loan.objects.filter(returned_at__isnull=True)


def overdue_loans(day):
    """Open loans that are overdue on ``day`` and have not been charged for it yet.

    Each loan is annotated with ``fined_so_far`` (the unwaived fines charged so far).
    """
    return (
        open_loans()
        .filter(due_on__lt=day, copy__title__fine_exempt=False)
        .exclude(fine_charges__day=day)
        .select_related("branch", "copy__title")
        .annotate(
            fined_so_far=Coalesce(
                Sum("fine_charges__amount", filter=Q(fine_charges__waived=False)),
                Value(Decimal("0")),
                output_field=DecimalField(max_digits=8, decimal_places=2),
            )
        )
        .order_by("pk")
    )


def loans_overdue_by(days, today):
    """Open loans exactly ``days`` days past their due date on ``today``."""
    from datetime import timedelta

    return open_loans().filter(due_on=today - timedelta(days=days))
