import os

import django


os.environ.setdefault("DJANGO_SETTINGS_MODULE", "depot_site.settings")
django.setup()


def main():
    from depot.models import Parcel

    print(Parcel.objects.count())


if __name__ == "__main__":
    main()
