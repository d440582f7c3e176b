from huey.contrib.djhuey import db_task


@db_task()
def reindex_order(order_id):
    return order_id
