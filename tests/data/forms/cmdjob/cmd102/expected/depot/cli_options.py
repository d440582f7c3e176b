def boolean(value):
    """A command-line boolean: `false`, `0`, `no`, `off` mean False (`bool("false")` is True)."""
    text = str(value).strip().lower()
    if text in ("1", "true", "t", "yes", "y", "on"):
        return True
    if text in ("0", "false", "f", "no", "n", "off", ""):
        return False
    raise ValueError(f"not a boolean: {value!r}")


def add_delivery_options(parser):
    """Options every depot command that sends mail shares."""
    parser.add_argument("--send-email", type=boolean, default=False)
    parser.add_argument("--batch-size", type=int, default=100)
