import os
import time

import django
from django.db import close_old_connections


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "depot_site.settings")
    django.setup()
    from depot.models import DailyStat

    while True:
        close_old_connections()
        try:
            print(DailyStat.objects.count())
        except Exception as exc:  # the round failed: go on with the next one
            print(f"round failed: {exc}")
        time.sleep(300)


if __name__ == "__main__":
    main()
