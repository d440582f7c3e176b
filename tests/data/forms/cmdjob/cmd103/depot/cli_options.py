import argparse


def add_safety_options(parser):
    parser.add_argument("--backup", action="store_true", default=True)
