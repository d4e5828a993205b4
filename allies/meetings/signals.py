"""What the meetings app tells the layers above it (the weekly focus), once a write is made."""

from django.dispatch import Signal

# Sent with `insight`, once a team member's insight is thanked.
insight_acknowledged = Signal()
# Sent with `item`, once an action item is done or dropped.
action_item_closed = Signal()
# Sent with `item` and `author`, once a checklist step is ticked.
checklist_item_ticked = Signal()
