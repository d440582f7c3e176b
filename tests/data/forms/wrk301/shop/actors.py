import dramatiq


@dramatiq.actor(max_retries=3)
def notify_warehouse(order_id):
    return order_id
