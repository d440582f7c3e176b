import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "depot_site.settings")
django.setup()
from depot import models  # noqa: E402


def main():
    print(models.Reminder.objects.count())


if __name__ == "__main__":
    main()
