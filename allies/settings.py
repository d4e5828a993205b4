"""Allies settings: one module, read from the environment with strict parsers.

A bad value stops start-up with a message that names the variable.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

import django_stubs_ext
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from allies.core.datadir import data_dir, read_secret_key

BASE_DIR = Path(__file__).resolve().parent

# Django's generic classes (ModelForm[User], QuerySet[Entry]) can be subscripted at run time.
django_stubs_ext.monkeypatch()


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}"
    )


def env_int(name: str, default: int, *, minimum: int = 0, maximum: int = 2**31) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}") from None
    if not minimum <= value <= maximum:
        raise ImproperlyConfigured(f"{name} must be between {minimum} and {maximum}; got {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_from_url(url: str, *, name: str = "DATABASE_URL") -> dict[str, object]:
    """Turn `sqlite:///path` or `postgres://user:pass@host:port/db` into a DATABASES entry."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        # sqlite:///rel/path and sqlite:////abs/path: the path is what follows the third slash.
        path = unquote(parts.path)
        if path.startswith("/"):
            path = path[1:] or ":memory:"
        return sqlite_database(path)
    if parts.scheme in {"postgres", "postgresql"}:
        if not parts.path.strip("/"):
            raise ImproperlyConfigured(f"{name} must name a database, e.g. postgres://host/allies")
        try:
            port = parts.port
        except ValueError:
            raise ImproperlyConfigured(f"{name} has an invalid port") from None
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    raise ImproperlyConfigured(
        f"{name} must start with sqlite:/// or postgres://; got {parts.scheme!r}"
    )


def sqlite_database(path: str | Path) -> dict[str, object]:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            # WAL lets readers go on while one writer writes; FULL survives power loss;
            # IMMEDIATE takes the write lock at BEGIN so concurrent writers queue instead
            # of failing half-way through a transaction.
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 10,
        },
    }


# Importing the settings creates nothing: `allies migrate`, `demo` and `serve` make the
# data directory and the secret key (allies.core.datadir).
DATA_DIR = data_dir()
SECRET_KEY = read_secret_key(DATA_DIR)
DEBUG = env_bool("ALLIES_DEBUG", False)
ALLOWED_HOSTS = env_list("ALLIES_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("ALLIES_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "allies.core",
    "allies.accounts",
    "allies.workspaces",
    "allies.students",
    "allies.team",
    "allies.log",
    "allies.questions",
    "allies.meetings",
    "allies.relationships",
    "allies.tone",
    "allies.toolkit",
    "allies.calendar",
    "allies.home",
    "allies.archive",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "csp",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allies.accounts.middleware.UserPreferencesMiddleware",
    "allies.accounts.middleware.LeavingMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allies.core.middleware.HtmxLoginRedirectMiddleware",
    "allies.core.middleware.PrivatePagesMiddleware",
    # Who read a workspace's records: one row per request that reached them.
    "allies.workspaces.middleware.AccessRecordMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    # Innermost: its page gets every header the middleware above adds.
    "allies.core.middleware.FriendlyMethodNotAllowedMiddleware",
]

ROOT_URLCONF = "allies.urls"
WSGI_APPLICATION = "allies.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "allies.workspaces.context_processors.workspaces",
            ],
            # `{% field form.name %}` in every template, without a `{% load %}`.
            "builtins": ["allies.core.templatetags.fields"],
        },
    },
]
# Django's, with <input>s and <textarea>s written in Python (allies.core.widgets).
FORM_RENDERER = "allies.core.widgets.FormRenderer"

DATABASES = {
    "default": database_from_url(os.environ["DATABASE_URL"])
    if os.environ.get("DATABASE_URL")
    else sqlite_database(DATA_DIR / "allies.sqlite3")
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Each process keeps its own. `fragments` holds parts of pages under keys made of
# everything they show (allies.home.fragments): a change makes a new key, never a stale hit.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
        "OPTIONS": {"MAX_ENTRIES": 1000},
    },
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# django-axes: lock an account + address after repeated failures, for a while, not forever.
AXES_FAILURE_LIMIT = env_int("ALLIES_LOGIN_FAILURE_LIMIT", 5, minimum=1, maximum=100)
AXES_COOLOFF_TIME = env_int("ALLIES_LOGIN_COOLOFF_MINUTES", 15, minimum=1, maximum=1440) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The login form's field is "username" (Django's AuthenticationForm), whatever
# USERNAME_FIELD is; axes' default ("email" here) would record every failure with no
# username, so the lock-out would never stop a right password after wrong ones.
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# Failures are counted for the lock-out; successful logins' addresses are not kept.
AXES_DISABLE_ACCESS_LOG = True

# Django's database sessions, read through a compiled read (allies.accounts.sessions).
SESSION_ENGINE = "allies.accounts.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("ALLIES_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
# First wins: overrides of Django's own strings (US/Latin American Spanish), then Allies' own.
# `make messages` writes only allies/locale (makemessages puts a folder's strings in the
# nearest "locale" it finds); `make setup` compiles both.
LOCALE_PATHS = [BASE_DIR / "locale_django", BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["allies.formats"]
USE_I18N = True
TIME_ZONE = env_str("ALLIES_TIME_ZONE", "America/New_York")
USE_TZ = True

STATIC_URL = "static/"
# Served by WhiteNoise straight from the app folders: no collectstatic step to forget.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

EMAIL_HOST = env_str("ALLIES_SMTP_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("ALLIES_SMTP_PORT", 587, minimum=1, maximum=65535)
    EMAIL_HOST_USER = env_str("ALLIES_SMTP_USER", "")
    EMAIL_HOST_PASSWORD = env_str("ALLIES_SMTP_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("ALLIES_SMTP_STARTTLS", EMAIL_PORT == 587)
    EMAIL_USE_SSL = env_bool("ALLIES_SMTP_SSL", EMAIL_PORT == 465)
    EMAIL_TIMEOUT = 20
    if EMAIL_USE_TLS and EMAIL_USE_SSL:
        raise ImproperlyConfigured("ALLIES_SMTP_STARTTLS and ALLIES_SMTP_SSL cannot both be on")
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# How long a deleted workspace or account can still be brought back by its owner, before
# `allies purge` (run daily from cron) removes it for good.
ALLIES_DELETE_GRACE_DAYS = env_int("ALLIES_DELETE_GRACE_DAYS", 30, minimum=1, maximum=365)
DEFAULT_FROM_EMAIL = env_str("ALLIES_FROM_EMAIL", "Allies <allies@localhost>")
# Where people reach Allies: the base of the links in emails (the weekly digest).
SITE_URL = env_str("ALLIES_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
if urlsplit(SITE_URL).scheme not in {"http", "https"} or not urlsplit(SITE_URL).netloc:
    raise ImproperlyConfigured(
        f"ALLIES_SITE_URL must be an http:// or https:// address; got {SITE_URL!r}"
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # The keys some addresses carry (a personal link's, a password reset's) are hidden
    # wherever a path is logged (core/logs.py).
    "filters": {"hide_keys": {"()": "allies.core.logs.HideKeys"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["hide_keys"]}},
    "root": {"handlers": ["console"], "level": env_str("ALLIES_LOG_LEVEL", "WARNING")},
    # Request lines carry query strings (search words): keep them out of the log.
    # 403s and 404s are the access rules working, not events to log with tracebacks.
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # WeasyPrint warns of each URL it was refused (core/pdf.py): expected, not news.
        "weasyprint": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "fontTools": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}

# Pages of the log and other lists.
PAGE_SIZE = 25
