"""A raw socket to a metrics daemon."""
import socket

from celery import shared_task


@shared_task
def push_metric(host, line):
    with socket.create_connection((host, 2003), timeout=3) as sock:
        sock.sendall(line.encode())
