from datetime import date, datetime, time, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from clinics.models import Clinic
from scheduling.models import Booking, Slot


class Command(BaseCommand):
    help = "Print a centre's day sheet: every slot of the day (local time) and who is booked into it."

    def add_arguments(self, parser):
        parser.add_argument("code")
        parser.add_argument("day", nargs="?", type=date.fromisoformat, help="YYYY-MM-DD, default today")

    def handle(self, *args, code, day=None, **options):
        try:
            clinic = Clinic.objects.get(code=code)
        except Clinic.DoesNotExist:
            raise CommandError(f"no centre {code}")
        tz = clinic.tzinfo
        day = day or timezone.localtime(timezone.now(), tz).date()
        day_start = timezone.make_aware(datetime.combine(day, time.min), tz)
        day_end = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min), tz)
        slots = (Slot.objects.filter(clinic=clinic, starts_at__gte=day_start, starts_at__lt=day_end)
                 .prefetch_related("bookings").order_by("starts_at"))
        self.stdout.write(f"{clinic.name} – {day:%A %d/%m/%Y} ({clinic.timezone})")
        if not slots:
            self.stdout.write("  no slots")
            return
        for slot in slots:
            flag = " [withdrawn]" if slot.withdrawn else ""
            booked = [b for b in slot.bookings.all() if b.status != Booking.Status.CANCELLED]
            self.stdout.write(f"  {slot.local_start:%H:%M}-{slot.local_end:%H:%M}  {len(booked)}/{slot.capacity}{flag}")
            for booking in booked:
                self.stdout.write(f"      {booking.full_name:<30} {booking.sns_number}  {booking.get_vaccine_display()}"
                                  f"  {booking.get_status_display()}")
