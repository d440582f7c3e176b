def add_delivery_options(parser):
    """Options every depot command that sends mail shares."""
    parser.add_argument("--send-email", type=bool, default=False)
    parser.add_argument("--batch-size", type=int, default=100)
