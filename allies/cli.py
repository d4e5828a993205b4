"""The `allies` command: Django's management commands under the product's name."""

from __future__ import annotations

import os
import sys

# The commands that make the database or serve it: they need the data directory and
# the secret key to exist first. Others (checks, makemigrations) create nothing.
PREPARES = {"migrate", "demo", "serve"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "allies.settings")
    # Children's records: files Allies makes (the database among them) are readable by
    # this OS user only.
    os.umask(0o077)
    args = sys.argv[1:]
    # Commands may be typed with hyphens: `allies send-digests` runs `send_digests`.
    if args and not args[0].startswith("-") and "-" in args[0]:
        args[0] = args[0].replace("-", "_")
    if args and args[0] in PREPARES:
        from allies.core.datadir import data_dir, prepare

        prepare(data_dir())  # before the settings read the key

    from django.core.management import execute_from_command_line

    execute_from_command_line(["allies", *args])


if __name__ == "__main__":
    main()
