import os

import django

from depot import models

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "depot_site.settings")
django.setup()


def main():
    print(models.Reminder.objects.count())


if __name__ == "__main__":
    main()
