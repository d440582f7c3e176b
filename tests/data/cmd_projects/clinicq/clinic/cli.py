"""Options shared by the clinic's export commands."""


def add_export_options(parser):
    parser.add_argument("--output", default="-")
    parser.add_argument("--include-cancelled", type=bool, default=False,
                        help="also export cancelled appointments (true/false)")
