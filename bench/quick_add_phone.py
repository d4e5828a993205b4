"""How many actions and seconds a quick add takes on a phone-sized screen.

Needs a running Allies with the demo family (`make run`) and Debian's Chromium:
    .venv/bin/python bench/quick_add_phone.py [http://127.0.0.1:8000]

It logs in as the demo parent at 375 x 812, then, from home as it opens: picks the
person, types one line and taps "Log it", counting each tap, pick and typed line as an
action. It prints the machine's own time and an estimate at a person's pace (a tap or a
pick 1.5 s, typing 3 characters a second), and checks that the entry was saved.
"""

from __future__ import annotations

import sys
import time

from playwright.sync_api import sync_playwright

BASE = (sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000").rstrip("/")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
LINE = "Pick-up: Ms. Lee says Maya read aloud today."
TAP_SECONDS = 1.5
CHARS_PER_SECOND = 3.0


def main() -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_context(viewport={"width": 375, "height": 812}).new_page()
        page.goto(f"{BASE}/accounts/login/")
        page.fill("[name=username]", "parent@allies.example")
        page.fill("[name=password]", "allies-demo-password")
        page.click("button[type=submit]")
        page.wait_for_url(f"{BASE}/")

        quick = page.locator("#quick-add")
        who = quick.get_by_label("Who")
        box = who.bounding_box()
        assert box is not None
        print(f"'Who' is {box['y'] + box['height']:.0f} px down a {812} px screen (no scrolling)")
        started = time.perf_counter()
        actions = 0
        who.select_option(label=who.locator("option").nth(1).inner_text())  # tap, pick
        actions += 2
        quick.get_by_label("In one line").fill(LINE)  # tap the field, type the line
        actions += 2
        quick.get_by_role("button", name="Log it").click()
        actions += 1
        quick.get_by_text("Logged: contact with").wait_for()
        machine = time.perf_counter() - started
        browser.close()
    taps = actions - 1  # the typed line is timed by its characters
    human = taps * TAP_SECONDS + len(LINE) / CHARS_PER_SECOND
    print(f"{actions} actions (tap Who, pick, tap the line, type it, tap Log it)")
    print(f"machine time {machine:.2f} s; at a person's pace about {human:.0f} s")


if __name__ == "__main__":
    main()
