import os
import sys

import django


def main(path):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "depot_site.settings")
    django.setup()
    from depot.importing import import_customers

    import_customers(path)


if __name__ == "__main__":
    main(sys.argv[1])
