_DONE = set()


def first_time(key):
    if key in _DONE:
        return False
    _DONE.add(key)
    return True
