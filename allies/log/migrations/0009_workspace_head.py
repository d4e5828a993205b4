"""Each workspace's chain head (`Workspace.log_head`) filled in from its revisions.

The head is the hash of revision number `log_seq`, the last one handed out. A workspace
whose `log_seq` names no revision (its newest were removed before the head was kept)
keeps the genesis value, so `allies verify` reports the mismatch instead of this
migration hiding it.
"""

from django.db import migrations
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce


def fill_heads(apps, schema_editor):
    db = schema_editor.connection.alias
    Workspace = apps.get_model("workspaces", "Workspace")
    InteractionRevision = apps.get_model("log", "InteractionRevision")
    last = InteractionRevision.objects.using(db).filter(
        workspace_id=OuterRef("pk"), seq=OuterRef("log_seq")
    )
    Workspace.objects.using(db).filter(log_seq__gt=0).update(
        log_head=Coalesce(Subquery(last.values("hash")[:1]), Value("0" * 64))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("log", "0008_participation_position"),
        ("workspaces", "0003_log_head"),
    ]

    operations = [migrations.RunPython(fill_heads, migrations.RunPython.noop)]
