# Dates as a parent reads them in a log: "27 Nov 2026", "Friday 27 November 2026, 08:19".
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "l j F Y, H:i"
SHORT_DATETIME_FORMAT = "D j M Y, H:i"
# Allies' own: a month under a chart's bar ("Nov"); read by allies.core.dates.month_label.
CHART_MONTH_FORMAT = "M"
