"""Where the code lives: a model method (mixin) that saves and publishes under @atomic."""
from django.db import transaction

from .tasks import send_receipt


class ConfirmMixin:
    @transaction.atomic
    def confirm(self):
        self.total = self.total or 0
        self.save()
        send_receipt.delay(self.pk)
