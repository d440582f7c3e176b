from __future__ import annotations

import os
from typing import TYPE_CHECKING

import django

if TYPE_CHECKING:
    from depot.models import Parcel

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "depot_site.settings")
django.setup()


def describe(parcel: Parcel) -> str:
    return parcel.code


if __name__ == "__main__":
    from depot.models import Parcel as P

    print([describe(p) for p in P.objects.all()])
