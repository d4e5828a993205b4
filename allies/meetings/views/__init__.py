"""The meetings app's pages, one module per area: insights, concerns, meetings (with
their checklist, agenda, notes, decisions and confirmations) and action items."""
