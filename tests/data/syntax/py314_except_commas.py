def load(path):
    try:
        return open(path).read()
    except OSError, ValueError:
        return None


def after():
    return 1 / 0
