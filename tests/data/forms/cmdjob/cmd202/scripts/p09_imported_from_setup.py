import os

from django import setup

from depot.models import DailyStat

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "depot_site.settings")
setup()


def main():
    print(DailyStat.objects.count())


if __name__ == "__main__":
    main()
