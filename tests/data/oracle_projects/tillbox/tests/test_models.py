import pytest

from shop.models import Customer, Order


@pytest.mark.django_db
def test_an_order_belongs_to_its_customer():
    customer = Customer.objects.create(name="Ada", email="ada@example.com")
    order = Order.objects.create(customer=customer, total=10)
    assert list(customer.orders.all()) == [order]
