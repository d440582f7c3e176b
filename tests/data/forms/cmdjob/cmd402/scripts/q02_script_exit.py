import os
import sys

import django


def main(argv):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "depot_site.settings")
    django.setup()
    from depot.models import Customer

    if not argv:
        print("usage: q02_script_exit.py EMAIL", file=sys.stderr)
        return 2
    return 0 if Customer.objects.filter(email=argv[0]).exists() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
