import getpass
import os
from dataclasses import dataclass


def default_operator():
    return os.environ.get("STORES_OPERATOR") or getpass.getuser()


@dataclass
class CliContext:
    """What the click commands get as ctx.obj: where to write, and who is running the tool."""

    stdout: object
    stderr: object
    operator: str
    verbosity: int = 1

    def echo(self, message=""):
        self.stdout.write(message)

    def info(self, message):
        if self.verbosity >= 2:
            self.stdout.write(message)

    def warn(self, message):
        self.stderr.write(message)
