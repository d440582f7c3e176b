from shop.models import Order
from shop.tasks import send_confirmation


class CheckoutService:
    def finish(self, order: Order):
        send_confirmation.apply_async(kwargs={"order_id": order.pk})
