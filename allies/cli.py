"""The `allies` command: Django's management commands under the product's name."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "allies.settings")
    from django.core.management import execute_from_command_line

    args = sys.argv[1:]
    # Commands may be typed with hyphens: `allies send-digests` runs `send_digests`.
    if args and not args[0].startswith("-") and "-" in args[0]:
        args[0] = args[0].replace("-", "_")
    execute_from_command_line(["allies", *args])


if __name__ == "__main__":
    main()
