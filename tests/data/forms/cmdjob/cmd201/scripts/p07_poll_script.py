import os
import time

import django


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "depot_site.settings")
    django.setup()
    from depot.models import DailyStat

    while True:
        print(DailyStat.objects.count())
        time.sleep(300)


if __name__ == "__main__":
    main()
