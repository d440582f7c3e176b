def render_reminder(booking):
    slot = booking.slot
    start = slot.local_start
    return (
        f"{booking.full_name.split()[0]}, reminder: {booking.get_vaccine_display()} vaccination at "
        f"{slot.clinic.name} tomorrow {start:%d/%m} at {start:%H:%M}. Bring your SNS card. "
        f"To cancel call {slot.clinic.phone}."
    )
