import os

from django import setup

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "depot_site.settings")
setup()
from depot.models import DailyStat  # noqa: E402


def main():
    print(DailyStat.objects.count())


if __name__ == "__main__":
    main()
