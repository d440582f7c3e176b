from pyspark import SparkContext

from shop.models import Customer


def house_account(sc, path):
    house = sc.broadcast(Customer.objects.get(name="house"))
    return sc.textFile(path).map(lambda line: (line, house.value.tier))
