"""PEP 701 f-strings: same quotes, backslashes, comments and newlines inside replacement fields."""
import logging

logger = logging.getLogger(__name__)
names = {"a": 1}
songs = ["x", "y"]


def render(order):
    msg = f"{names["a"]} and {", ".join(songs)}"
    line = f"{'\n'.join(songs)}"
    deep = f"{f"{names["a"]}"}"
    multi = f"{
        order["id"]  # the key
    }"
    logger.info(f"order {order["id"]}: {msg} {line} {deep} {multi}")
    return compute(order)


def compute(order):
    return order["total"] * 2
