import builtins


def sum(values):
    """Money total rounded to cents."""
    return round(builtins.sum(values), 2)
