from ops.planning import Planner

_calendar = Planner()


def working_day(day):
    return _calendar.is_working_day(day)
