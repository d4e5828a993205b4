import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "allies.settings")
application = get_wsgi_application()

# Build the tone coach's patterns and word lists here, before the server forks its
# workers, so that no worker's first draft check pays for them.
from allies.tone.coach import warm  # noqa: E402  # needs the apps loaded above

warm()
