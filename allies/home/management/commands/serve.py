from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from gunicorn.app.base import BaseApplication

from allies.accounts.models import User
from allies.home.management.commands.demo import DEMO_EMAIL, DEMO_PASSWORD
from allies.wsgi import application


class Server(BaseApplication):  # type: ignore[misc]  # gunicorn ships no type hints
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        return application


class Command(BaseCommand):
    help = "Serve Allies with gunicorn (no access log: request lines can carry search words)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--threads", type=int, default=4)

    def handle(self, *args: Any, **options: Any) -> None:
        url = f"http://{options['host']}:{options['port']}/"
        demo = User.objects.filter(email=DEMO_EMAIL).first()
        if demo is not None and demo.check_password(DEMO_PASSWORD):
            self.stdout.write(f"Log in at {url} as {DEMO_EMAIL} with password {DEMO_PASSWORD}")
        else:
            self.stdout.write(f"Log in at {url} with your account (or sign up there).")
        self.stdout.flush()
        Server(
            {
                "bind": f"{options['host']}:{options['port']}",
                "workers": options["workers"],
                "threads": options["threads"],
                "worker_class": "gthread",
                "accesslog": None,
                "errorlog": "-",
                "loglevel": "warning",
                "timeout": 60,
            }
        ).run()
