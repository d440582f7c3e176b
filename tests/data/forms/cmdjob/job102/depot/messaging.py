import logging

log = logging.getLogger(__name__)


def notify_customer(customer, text):
    log.info("notify %s: %s", customer.email, text)


def sms_customer(customer, text):
    log.info("sms %s: %s", customer.email, text)
