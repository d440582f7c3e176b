import os
import sys

import django

from depot.models import Customer


def main(argv):
    for email in argv:
        Customer.objects.filter(email=email).update(active=False)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "depot_site.settings")
    django.setup()
    main(sys.argv[1:])
