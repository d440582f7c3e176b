"""JSON endpoints used by the front-desk tablets."""
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from .models import Stay
from .pricing import stay_total
from .services import CheckInService, CheckOutService, DeskError


def _stay_json(stay):
    return {
        "id": stay.pk,
        "pet": stay.pet.name,
        "owner": stay.pet.owner.name,
        "species": stay.pet.species,
        "start": stay.start_date.isoformat(),
        "end": stay.end_date.isoformat(),
        "status": stay.status,
        "run": stay.run.code if stay.run else None,
        "care_flags": sorted(stay.pet.care_flags(on=stay.start_date)),
    }


def _staff_name(request):
    user = request.user
    return user.get_full_name() or user.get_username()


@login_required
@require_GET
def arrivals(request):
    today = timezone.localdate()
    stays = Stay.objects.select_related("pet", "pet__owner", "run").filter(
        status=Stay.Status.BOOKED, start_date__lte=today
    )
    return JsonResponse({"date": today.isoformat(), "arrivals": [_stay_json(stay) for stay in stays]})


@login_required
@require_GET
def stay_detail(request, stay_id):
    stay = get_object_or_404(Stay.objects.select_related("pet", "pet__owner", "run"), pk=stay_id)
    data = _stay_json(stay)
    data["total"] = str(stay_total(stay))
    data["missing_vaccinations"] = sorted(stay.pet.missing_vaccinations(on=stay.start_date))
    return JsonResponse(data)


@login_required
@require_POST
def check_in(request, stay_id):
    stay = get_object_or_404(Stay, pk=stay_id)
    override = request.POST.get("override_vaccinations") == "1" and request.user.has_perm("boarding.change_pet")
    try:
        stay = CheckInService(allow_missing_vaccinations=override).check_in(stay, staff=_staff_name(request))
    except DeskError as exc:
        return JsonResponse({"error": str(exc)}, status=409)
    return JsonResponse(_stay_json(stay))


@login_required
@require_POST
def check_out(request, stay_id):
    stay = get_object_or_404(Stay, pk=stay_id)
    try:
        due = CheckOutService().check_out(stay, staff=_staff_name(request), late=request.POST.get("late") == "1")
    except DeskError as exc:
        return JsonResponse({"error": str(exc)}, status=409)
    return JsonResponse({"id": stay.pk, "status": Stay.Status.CHECKED_OUT, "amount_due": str(due)})
