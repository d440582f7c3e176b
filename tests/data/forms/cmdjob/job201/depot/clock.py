from django.utils import timezone

TODAY = timezone.localdate()
