import os

import django

from depot.services import open_invoices

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "depot_site.settings")
django.setup()


def main():
    print(open_invoices().count())


if __name__ == "__main__":
    main()
