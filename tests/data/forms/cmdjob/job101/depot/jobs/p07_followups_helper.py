from depot.followups import plan_followups


def followups_helper():
    plan_followups()
