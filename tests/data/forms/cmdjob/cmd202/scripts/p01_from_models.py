import os

import django

from depot.models import Parcel

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "depot_site.settings")
django.setup()


def main():
    print(Parcel.objects.count())


if __name__ == "__main__":
    main()
