from django.core.management.base import BaseCommand, CommandError

from rates.channel import ChannelError, pending_rates, push_rates

from ._common import get_property


class Command(BaseCommand):
    help = "Push changed rates of a property to the channel manager now (beat does this every 10 minutes)."

    def add_arguments(self, parser):
        parser.add_argument("--property", required=True)
        parser.add_argument("--all", action="store_true", help="push every rate, not only the changed ones")
        parser.add_argument("--list", action="store_true", help="only list what would be pushed")

    def handle(self, *args, **options):
        prop = get_property(options["property"])
        if options["list"]:
            rates = pending_rates(prop, include_all=options["all"])
            for rate in rates:
                self.stdout.write(f"  {rate.room_type.code} {rate.night} {rate.amount}")
            self.stdout.write(f"{len(rates)} rate(s) pending for {prop.code}")
            return
        try:
            pushed = push_rates(prop, include_all=options["all"])
        except ChannelError as exc:
            raise CommandError(f"push failed: {exc}") from exc
        self.stdout.write(f"pushed {pushed} rate(s) for {prop.code}")
