import os

import django
from ledger.models import Entry

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")
django.setup()


def main():
    return Entry.objects.count()


if __name__ == "__main__":
    print(main())
