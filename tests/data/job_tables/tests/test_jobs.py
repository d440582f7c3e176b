from ops.jobs import purge_job, report_job


def test_jobs_run():
    assert purge_job() == 0
    assert report_job() == "sent"
