import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "depot_site.settings")
django.setup()
from django.contrib.contenttypes.models import ContentType  # noqa: E402


def main():
    print(ContentType.objects.count())


if __name__ == "__main__":
    main()
