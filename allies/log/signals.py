"""What the log tells the rest of the product, inside the writing transaction."""

from django.dispatch import Signal

# Sent with `entry` (the new Interaction), `member_ids` (set of ints) and `author`.
entry_recorded = Signal()
# Sent with `entry` (whose follow-up was just marked done), `author`, and `via` (the
# new entry that answered it, or None).
follow_up_closed = Signal()
