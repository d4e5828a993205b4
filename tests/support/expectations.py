"""What each persona gets from a view: the role → outcome tables of the permission tests.

A table maps the persona's role (see ROLES) to an HTTP status, or to LOGIN for a redirect
to the login page. "Workspace" views are about one workspace's object (an entry, a
student, a team member): an outsider gets 404, never a hint that it exists. "Own" views
work on the asker's current workspace (lists, "new" forms, the toolkit): an outsider is
simply in their own workspace there. Writes answer a POST that worked with a redirect.
"""

from __future__ import annotations

from django.http import HttpResponse

# The personas' roles, as the root conftest's `personas` fixture names them.
ROLES = ["owner", "editor", "viewer", "outsider", "anonymous"]
LOGIN = "login"

# Read a workspace's object: its members may, an outsider may not know it exists.
READ = {"owner": 200, "editor": 200, "viewer": 200, "outsider": 404, "anonymous": LOGIN}
# Open the edit form of a workspace's object: owners and editors only.
WRITE_FORM = {"owner": 200, "editor": 200, "viewer": 403, "outsider": 404, "anonymous": LOGIN}
# Change a workspace's object (a POST that redirects when it worked): owners and editors.
WRITE = {"owner": 302, "editor": 302, "viewer": 403, "outsider": 404, "anonymous": LOGIN}
# Read a page of one's own current workspace or account: anyone signed in.
OWN_READ = {"owner": 200, "editor": 200, "viewer": 200, "outsider": 200, "anonymous": LOGIN}
# Open a "new" form in one's own current workspace: anyone who writes there.
OWN_WRITE_FORM = {"owner": 200, "editor": 200, "viewer": 403, "outsider": 200, "anonymous": LOGIN}
# Add to one's own current workspace (a POST that redirects): anyone who writes there.
OWN_WRITE = {"owner": 302, "editor": 302, "viewer": 403, "outsider": 302, "anonymous": LOGIN}
# A URL that only takes a POST, asked with a GET by each persona.
POST_ONLY = {"owner": 405, "editor": 405, "viewer": 405, "outsider": 405, "anonymous": LOGIN}
# Change who is in a workspace (a POST that redirects): its owners only.
OWNER_ONLY = {"owner": 302, "editor": 403, "viewer": 403, "outsider": 404, "anonymous": LOGIN}
# Open a page about a workspace that only its owners may see (Check the record).
OWNER_READ = {"owner": 200, "editor": 403, "viewer": 403, "outsider": 404, "anonymous": LOGIN}
# Pages for people not logged in (sign-up, log-in): the signed-in are sent home.
ANON_ONLY = {"owner": 302, "editor": 302, "viewer": 302, "outsider": 302, "anonymous": 200}
# Pages open to everyone, logged in or not.
ANYONE = {"owner": 200, "editor": 200, "viewer": 200, "outsider": 200, "anonymous": 200}


def assert_outcome(response: HttpResponse, expected: int | str) -> None:
    """`expected` is a status code, or LOGIN for a redirect to the login page."""
    if expected == LOGIN:
        assert response.status_code == 302, response.status_code
        assert response["Location"].startswith("/accounts/login/?next="), response["Location"]
    else:
        assert response.status_code == expected, f"expected {expected}, got {response.status_code}"
