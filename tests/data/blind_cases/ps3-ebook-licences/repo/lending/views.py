from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_POST

from catalog.models import Title

from .availability import available_licence
from .models import Hold, Loan, Patron


@require_POST
def borrow(request, title_id):
    title = get_object_or_404(Title, pk=title_id)
    patron = get_object_or_404(Patron, card_number=request.POST.get("card_number", ""))
    if patron.loans.filter(returned_at__isnull=True).count() >= patron.max_loans:
        return JsonResponse({"error": "loan limit reached"}, status=409)
    with transaction.atomic():
        licence = available_licence(title)
        if licence is None:
            hold, _ = Hold.objects.get_or_create(patron=patron, title=title, status=Hold.Status.WAITING)
            return JsonResponse({"hold": hold.pk}, status=202)
        now = timezone.now()
        loan = Loan.objects.create(patron=patron, licence=licence, branch=patron.home_branch, borrowed_at=now,
                                   due_at=now + timedelta(days=settings.LENDING["LOAN_DAYS"]))
    return JsonResponse({"loan": loan.pk, "due_at": loan.due_at.isoformat()}, status=201)
