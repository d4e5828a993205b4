"""Browser tests: Debian's Chromium, driven by Playwright, against the live test server.

Run only these with `make test-browser`, or skip them with `make test-unit`.
`ALLIES_SCREENSHOTS=1` also refreshes the screenshots in docs/screenshots/. axe-core is
vendored in vendor/ (see vendor/README.md).
"""
