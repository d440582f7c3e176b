from django.utils import timezone


def business_day():
    """The depot's current business day."""
    return timezone.localdate()
