import uuid

from django.db import models


class Customer(models.Model):
    email = models.EmailField()


class Order(models.Model):
    ref = models.UUIDField(default=uuid.uuid4)
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="orders")
    total = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    placed_at = models.DateTimeField(auto_now_add=True)

    def confirm(self):
        from shop.tasks import send_confirmation

        send_confirmation.delay(self.pk)


class Line(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    sku = models.CharField(max_length=20)
    qty = models.PositiveIntegerField(default=1)
