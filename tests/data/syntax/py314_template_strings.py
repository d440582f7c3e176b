name = "x"
tpl = t"hello {name}"


def after():
    return 1 / 0
