"""The remote's own answer is handled: an HTTPError subclass from raise_for_status() and botocore's ClientError
(a validation or permission error code) get the same answer when asked again; not transient."""
import logging

import boto3
import requests
from botocore.exceptions import ClientError
from celery import shared_task

from .models import Payout

logger = logging.getLogger(__name__)


class StatementRejected(requests.HTTPError):
    """The bank answered the statement upload with an error message."""


def upload_statement(payout):
    response = requests.post("https://bank.example.com/v1/statements", json={"id": payout.pk}, timeout=10)
    if response.status_code == 422:
        raise StatementRejected(response.json()["error"], response=response)
    response.raise_for_status()


@shared_task
def send_statement(payout_id):
    payout = Payout.objects.get(pk=payout_id)
    try:
        upload_statement(payout)
    except StatementRejected as exc:
        logger.warning("statement of payout %s rejected: %s", payout.pk, exc)


@shared_task
def protect_worker(instance_id):
    asg = boto3.client("autoscaling")
    try:
        asg.set_instance_protection(InstanceIds=[instance_id], AutoScalingGroupName="payouts",
                                    ProtectedFromScaleIn=True)
    except ClientError:
        # a validation or permission error code: nothing a retry can change
        logger.info("could not protect instance %s", instance_id)
