from __future__ import annotations

import getpass
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from allies.accounts.models import User
from allies.workspaces.models import Workspace
from allies.workspaces.services import workspace_create


class Command(BaseCommand):
    help = "Create a user with a workspace of their own. Asks for the password if not given."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--password", help="Read from a prompt when left out.")
        parser.add_argument("--workspace", default="My family", help="Name of their workspace.")
        parser.add_argument(
            "--kind", choices=[k.value for k in Workspace.Kind], default=Workspace.Kind.FAMILY
        )
        parser.add_argument("--superuser", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise CommandError(f"A user with the email {email} already exists.")
        password = options["password"] or getpass.getpass("Password: ")
        user = User(email=email)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        creator = (
            User.objects.create_superuser if options["superuser"] else User.objects.create_user
        )
        user = creator(email, password)
        workspace_create(owner=user, name=options["workspace"], kind=options["kind"])
        self.stdout.write(f"Created {email} with the workspace {options['workspace']!r}.")
