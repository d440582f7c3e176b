"""A helper broadcasts a dict of model instances built by a comprehension (the executor unpickles Customer)."""


def broadcast_customers(spark, active=True):
    from shop.models import Customer

    customers = Customer.objects.filter(active=active)
    return spark.sparkContext.broadcast({c.pk: c for c in customers})
