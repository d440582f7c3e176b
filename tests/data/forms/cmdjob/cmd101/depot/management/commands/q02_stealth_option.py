from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Reset demo data; tests pass `stdin_data` through call_command()"
    stealth_options = ("stdin_data",)

    def handle(self, *args, **options):
        return str(options.get("stdin_data"))
