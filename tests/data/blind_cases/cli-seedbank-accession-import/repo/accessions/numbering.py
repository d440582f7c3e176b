from django.conf import settings

from .models import Accession


def next_accession_number(year):
    """CSB-2024-0001, CSB-2024-0002, ... numbered per year of receipt."""
    prefix = f"{settings.SEEDVAULT_ACCESSION_PREFIX}-{year}-"
    last = (
        Accession.objects.filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    seq = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{seq:04d}"
