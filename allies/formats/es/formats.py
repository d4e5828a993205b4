# "27 de noviembre de 2026", "viernes 27 de noviembre de 2026, 08:19".
DATE_FORMAT = r"j \d\e F \d\e Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = r"l j \d\e F \d\e Y, H:i"
SHORT_DATETIME_FORMAT = "D j M Y, H:i"
