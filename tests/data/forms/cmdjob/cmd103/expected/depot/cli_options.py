import argparse


def add_safety_options(parser):
    parser.add_argument("--backup", action=argparse.BooleanOptionalAction, default=True)
