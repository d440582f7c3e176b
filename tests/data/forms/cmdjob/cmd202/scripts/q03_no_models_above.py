import os

import django
from django.conf import settings
from django.utils import timezone

from depot.convert import strict_bool

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "depot_site.settings")
django.setup()


def main():
    print(settings.TIME_ZONE, timezone.now(), strict_bool('yes'))


if __name__ == "__main__":
    main()
