"""Periodic jobs, loaded by ``rq cron gavelhouse.cron_config``."""
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gavelhouse.settings")
django.setup()

from rq import cron  # noqa: E402

from settlement.jobs import close_due_sales, send_payment_reminders  # noqa: E402

# Sales close on their own when their closing time has passed; settlement is queued right after.
cron.register(close_due_sales, "settlement", interval=300, name="close-due-sales")
# Unpaid invoices past their due date get one reminder, every morning at 09:00.
cron.register(send_payment_reminders, "notices", cron="0 9 * * *", name="payment-reminders")
