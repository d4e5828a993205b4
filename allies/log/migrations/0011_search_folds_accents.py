"""PostgreSQL: index the summary with its accents folded, as SQLite's FTS5 does, so that
"nino" finds "niño" on both. The expression must match allies.log.search.summary_vector()
for the index to be used; the letters folded are written here as they were when this
migration was made (a change to them needs a migration of its own).
"""

import unicodedata

from django.db import migrations


def _pairs() -> tuple[str, str]:
    froms, tos = [], []
    for code in range(0xC0, 0x250):
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0]
        if base != char and base.isascii() and base.isalpha():
            froms.append(char)
            tos.append(base.lower())
    return "".join(froms), "".join(tos)


def _index(folded: bool) -> list[str]:
    words = "regexp_replace(summary, '[^[:alnum:]]+', ' ', 'g')"
    if folded:
        froms, tos = _pairs()
        words = f"translate({words}, '{froms}', '{tos}')"
    return [
        "DROP INDEX IF EXISTS log_interaction_summary_words",
        "CREATE INDEX log_interaction_summary_words ON log_interaction USING gin "
        f"(to_tsvector('simple'::regconfig, COALESCE({words}, '')))",
    ]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("log", "0010_revisions_only_added")]

    operations = [migrations.RunPython(run(_index(True)), run(_index(False)))]
