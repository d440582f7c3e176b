from .locking import single_run, single_run_safe
from .work import purge_expired, send_report


@single_run("purge")
def purge_job():
    return purge_expired()


@single_run_safe("report")
def report_job():
    return send_report()
