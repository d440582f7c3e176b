import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "depot_site.settings")
django.setup()
from depot.models import Parcel  # noqa: E402


def main():
    print(Parcel.objects.count())


if __name__ == "__main__":
    main()
