import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "depot_site.settings")
django.setup()
from depot.services import open_invoices  # noqa: E402


def main():
    print(open_invoices().count())


if __name__ == "__main__":
    main()
