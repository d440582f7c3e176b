import os
import sys

import django


def main(argv):
    from depot.models import Customer

    for email in argv:
        Customer.objects.filter(email=email).update(active=False)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "depot_site.settings")
    django.setup()
    main(sys.argv[1:])
