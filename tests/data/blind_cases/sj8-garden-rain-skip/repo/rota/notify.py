from django.conf import settings
from django.core.mail import send_mail


def _send(to, subject, body):
    send_mail(f"[{settings.GARDEN['NAME']}] {subject}", body, settings.DEFAULT_FROM_EMAIL, [to])


def shift_reminder(shift):
    beds = ", ".join(b.code for b in shift.beds.all()) or "the communal beds"
    _send(
        shift.gardener.email,
        f"Watering today ({shift.get_slot_display()})",
        f"Hi {shift.gardener.name},\n\nyou're on the watering rota today, {shift.day:%A %d %B}: {beds}.\n"
        "The hose key is in the lockbox by the shed.\n",
    )


def shift_cancelled(shift, rain_mm):
    _send(
        shift.gardener.email,
        "No watering today",
        f"Hi {shift.gardener.name},\n\nthe gauge measured {rain_mm} mm yesterday, so today's watering "
        f"({shift.day:%A %d %B}) is cancelled. Enjoy the day off!\n",
    )


def weekly_digest(to, shifts, first_day):
    lines = [f"{s.day:%a %d %b} {s.get_slot_display():<16} {s.gardener.name}" for s in shifts]
    _send(to, f"Rota for the week of {first_day:%d %B}", "\n".join(lines) or "No shifts rostered.")
