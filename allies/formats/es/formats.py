# Dates as Spanish writes them, months and days in lower case: "27 de noviembre de 2026",
# "viernes 27 de noviembre de 2026, 08:19", "27 nov 2026", "vie 27 nov 2026, 08:19",
# "noviembre de 2026". ("M" would capitalise the month: Django title-cases it; "b" does not.)
DATE_FORMAT = r"j \d\e F \d\e Y"
SHORT_DATE_FORMAT = "j b Y"
DATETIME_FORMAT = r"l j \d\e F \d\e Y, H:i"
SHORT_DATETIME_FORMAT = "D j b Y, H:i"
YEAR_MONTH_FORMAT = r"F \d\e Y"
# Allies' own: a month under a chart's bar ("nov"); read by allies.core.dates.month_label.
CHART_MONTH_FORMAT = "b"
