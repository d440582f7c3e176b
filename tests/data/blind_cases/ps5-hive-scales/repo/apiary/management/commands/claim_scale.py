from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from apiary.models import Hive, Scale, UnclaimedScale


class Command(BaseCommand):
    help = "Register a scale (by DevEUI) under a hive; removes it from the unclaimed scales."

    def add_arguments(self, parser):
        parser.add_argument("device_eui")
        parser.add_argument("hive_tag")

    def handle(self, *args, **options):
        eui = options["device_eui"].upper()
        try:
            hive = Hive.objects.get(tag=options["hive_tag"])
        except Hive.DoesNotExist:
            raise CommandError(f"no hive {options['hive_tag']!r}")
        with transaction.atomic():
            scale, created = Scale.objects.get_or_create(device_eui=eui, defaults={"hive": hive})
            if not created:
                if scale.hive_id not in (None, hive.pk):
                    raise CommandError(f"{eui} is installed under {scale.hive}; move it in the admin")
                scale.hive, scale.is_active = hive, True
                scale.save()
            UnclaimedScale.objects.filter(device_eui=eui).delete()
        self.stdout.write(f"{eui} -> {hive.tag}")
