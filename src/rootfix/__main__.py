import sys

from rootfix.cli import main

sys.exit(main())
