"""The `allies` command: Django's management commands under the product's name."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "allies.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["allies", *sys.argv[1:]])


if __name__ == "__main__":
    main()
