import os

import django
from django.contrib.contenttypes.models import ContentType

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "depot_site.settings")
django.setup()


def main():
    print(ContentType.objects.count())


if __name__ == "__main__":
    main()
