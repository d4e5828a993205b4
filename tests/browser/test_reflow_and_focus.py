"""What axe cannot decide (WCAG 2.2 AA), measured from the rendered page on every page the
URL-coverage test knows, with the demo family:

- reflow (1.4.10): no sideways scrolling of the page at 320 CSS px, nor at 375 px with the
  text-spacing override (1.4.12) applied; under that override no control clips its text;
- non-text contrast (1.4.11): every control's boundary at 3:1 or more against what is
  behind it, unchecked and checked;
- focus (2.4.7, 2.4.13): every tabbable element on home and compose shows one outline at
  least 2 px wide and 3:1 against its surroundings;
- zoom to 400 % (320 x 256): every item of the Account menu can be reached and seen.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from playwright.sync_api import Browser, BrowserContext, Page

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# WCAG's text-spacing override, as the bookmarklets that test 1.4.12 apply it.
TEXT_SPACING = (
    "* { line-height: 1.5 !important; letter-spacing: 0.12em !important;"
    " word-spacing: 0.16em !important; }"
    " p, li, dd, blockquote { margin-bottom: 2em !important; }"
)
# Pages shown to someone logged out.
SIGNED_OUT = ["login", "signup", "password_reset", "password_reset_done"]

COLOR_JS = """
const parse = (c) => {
  const m = c.match(/rgba?\\(([^)]+)\\)/);
  if (!m) return null;
  const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
  return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
};
const lum = ({r, g, b}) => {
  const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
};
const ratio = (x, y) => {
  const [a, b] = [lum(x), lum(y)].sort((p, q) => q - p);
  return (a + 0.05) / (b + 0.05);
};
const behind = (el) => {
  for (let n = el.parentElement; n; n = n.parentElement) {
    const c = parse(getComputedStyle(n).backgroundColor);
    if (c && c.a > 0.5) return c;
  }
  return {r: 255, g: 255, b: 255, a: 1};
};
const shown = (el) => {
  const r = el.getBoundingClientRect();
  const cs = getComputedStyle(el);
  return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.display !== 'none';
};
"""

OVERFLOW_JS = """() => {
  const d = document.documentElement;
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (!r.width || r.right <= d.clientWidth + 0.5) continue;
    if (el.closest('.table-wrap, pre, details:not([open])')) continue;
    wide.push(`${el.tagName.toLowerCase()}.${el.className} ends at ${Math.round(r.right)}`);
  }
  return {scroll: d.scrollWidth, width: d.clientWidth, wide: wide.slice(0, 5)};
}"""

CLIPPED_JS = """() => {
  const clipped = [];
  for (const el of document.querySelectorAll('select, button, [role=button], summary')) {
    const r = el.getBoundingClientRect();
    if (!r.width) continue;
    const cs = getComputedStyle(el);
    if (el.tagName === 'SELECT') {
      // A select never wraps: measure its chosen option's text in the select's own type.
      const text = (el.selectedOptions[0] || {}).text || '';
      const probe = document.createElement('span');
      for (const k of ['font', 'letterSpacing', 'wordSpacing', 'textTransform']) {
        probe.style[k] = cs[k];
      }
      probe.style.whiteSpace = 'pre';
      probe.style.position = 'absolute';
      probe.textContent = text;
      document.body.appendChild(probe);
      const needed = probe.getBoundingClientRect().width;
      probe.remove();
      const room = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      if (needed > room + 1) {
        clipped.push(`select[name=${el.name}] "${text}": ${needed} > ${room} px`);
      }
    } else if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) {
      const label = el.innerText.trim().slice(0, 30);
      if (cs.overflow !== 'visible') clipped.push(`${el.tagName.toLowerCase()} "${label}"`);
    }
  }
  return clipped;
}"""

BOUNDARY_JS = (
    "() => {"
    + COLOR_JS
    + """
  const weak = [];
  const check = (el, what) => {
    const cs = getComputedStyle(el);
    const back = behind(el);
    const fill = parse(cs.backgroundColor);
    const border = parse(cs.borderTopColor);
    const width = parseFloat(cs.borderTopWidth);
    // The boundary is the border if there is one, else the fill against what is behind.
    const painted = (c) => c && c.a > 0.5;
    const edge = width >= 1 && painted(border) ? border : (painted(fill) ? fill : null);
    const r = edge ? ratio(edge, back) : 0;
    const name = `${el.tagName.toLowerCase()}[name=${el.name || ''}] ${el.className}`;
    if (r < 3) weak.push(`${what} ${name}: ${r.toFixed(2)}:1`);
  };
  const fields = 'input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea';
  for (const el of document.querySelectorAll(fields)) {
    if (!shown(el) || el.disabled) continue;
    if (el.type === 'checkbox' || el.type === 'radio') {
      const was = el.checked;
      el.checked = false; check(el, 'unchecked');
      el.checked = true; check(el, 'checked');
      el.checked = was;
    } else {
      check(el, 'field');
    }
  }
  for (const el of document.querySelectorAll('button, [role=button], input[type=submit]')) {
    if (!shown(el) || el.disabled || el.classList.contains('link-button')) continue;
    const fill = parse(getComputedStyle(el).backgroundColor);
    if (!fill || fill.a < 0.5) check(el, 'button without fill');
  }
  return weak;
}"""
)

FOCUS_JS = (
    "() => {"
    + COLOR_JS
    + """
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const cs = getComputedStyle(el);
  const outline = parse(cs.outlineColor);
  const r = outline ? ratio(outline, behind(el)) : 0;
  return {
    what: el.tagName.toLowerCase() + ' ' + (el.innerText || el.name || el.id || '').slice(0, 30),
    style: cs.outlineStyle, width: parseFloat(cs.outlineWidth), ratio: r,
  };
}"""
)


def _patterns(
    patterns: list[URLPattern | URLResolver], prefix: str = ""
) -> Iterator[tuple[str, tuple[str, ...]]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        elif pattern.name:
            yield pattern.name, tuple(pattern.pattern.converters)


def demo_pages() -> list[str]:
    """Every page of the URL conf that the demo owner can open with GET, filled with the
    demo family's ids; the signed-out pages apart."""
    from allies.accounts.models import User
    from allies.home.management.commands.demo import DEMO_EMAIL
    from allies.log.models import Interaction
    from allies.toolkit.guide import PAGES

    owner = User.objects.get(email=DEMO_EMAIL)
    workspace = owner.memberships.get().workspace
    entry = Interaction.objects.filter(workspace=workspace).first()
    assert entry is not None
    from allies.meetings.models import ActionItem, Concern, Insight

    concern = Concern.objects.filter(workspace=workspace).first()
    insight = Insight.objects.filter(workspace=workspace).first()
    item = ActionItem.objects.filter(workspace=workspace).open().first()
    assert concern and insight and item, "the demo family works together"
    values: dict[str, Any] = {
        "student_id": workspace.students.first().pk,  # type: ignore[union-attr]
        "member_id": workspace.team_members.first().pk,  # type: ignore[union-attr]
        "entry_id": entry.pk,
        "workspace_id": workspace.pk,
        "kind": "appreciation",
        "language": "en",
        "slug": PAGES[0].slug,
        "concern_id": concern.pk,
        "insight_id": insight.pk,
        "item_id": item.pk,
    }
    client = Client()
    client.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")
    urls = []
    for name, params in sorted(set(_patterns(get_resolver().url_patterns))):
        if name in SIGNED_OUT or not set(params) <= set(values):
            continue
        url = reverse(name, kwargs={p: values[p] for p in params})
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            urls.append(url)
    return urls


@pytest.fixture
def demo(browser: Browser, live_server: Any) -> Iterator[tuple[BrowserContext, str, list[str]]]:
    """The demo family, a browser signed in as its owner (CSP bypassed only so that the
    text-spacing override can be added, as a reader's own style sheet would be), and
    every page to visit."""
    from allies.accounts.models import User
    from allies.home.management.commands.demo import DEMO_EMAIL

    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    server = str(live_server.url).rstrip("/")
    context = browser.new_context(bypass_csp=True, locale="en-US")
    log_in(context, server, User.objects.get(email=DEMO_EMAIL))
    yield context, server, demo_pages()
    context.close()


def _visit(page: Page, url: str, width: int, height: int, spacing: bool = False) -> None:
    page.set_viewport_size({"width": width, "height": height})
    response = page.goto(url)
    assert response is not None and response.ok, f"{url} answered {response and response.status}"
    if spacing:
        page.add_style_tag(content=TEXT_SPACING)


def test_every_page_reflows_at_320_px_and_with_text_spacing(
    demo: tuple[BrowserContext, str, list[str]],
) -> None:
    context, server, urls = demo
    assert len(urls) >= 20, urls  # the walk found the app's pages
    page = context.new_page()
    problems = []
    signed_out = [reverse(name) for name in SIGNED_OUT]
    for url in urls + signed_out:
        if url == signed_out[0]:
            context.clear_cookies()
        for width, spacing in ((320, False), (375, True)):
            _visit(page, server + url, width, 800, spacing)
            found = page.evaluate(OVERFLOW_JS)
            if found["scroll"] > found["width"]:
                problems.append(f"{url} at {width} px{' with spacing' if spacing else ''}: {found}")
            if spacing:
                problems += [f"{url}: clipped {c}" for c in page.evaluate(CLIPPED_JS)]
    assert not problems, "\n".join(problems)


def test_no_control_clips_its_text_with_text_spacing_on_a_wide_screen(
    demo: tuple[BrowserContext, str, list[str]],
) -> None:
    context, server, urls = demo
    page = context.new_page()
    problems = []
    for url in urls:
        _visit(page, server + url, 1280, 900, spacing=True)
        problems += [f"{url}: {c}" for c in page.evaluate(CLIPPED_JS)]
    assert not problems, "\n".join(problems)


def test_every_control_boundary_has_3_to_1_contrast(
    demo: tuple[BrowserContext, str, list[str]],
) -> None:
    context, server, urls = demo
    page = context.new_page()
    problems = []
    for url in urls:
        _visit(page, server + url, 1280, 900)
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        problems += [f"{url}: {w}" for w in page.evaluate(BOUNDARY_JS)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", ["/", "/toolkit/compose/"])
def test_every_tabbable_element_shows_the_focus_ring(
    demo: tuple[BrowserContext, str, list[str]], path: str
) -> None:
    context, server, _urls = demo
    page = context.new_page()
    _visit(page, server + path, 1280, 900)
    seen, problems = 0, []
    for _ in range(150):
        page.keyboard.press("Tab")
        ring = page.evaluate(FOCUS_JS)
        if ring is None:  # past the last element, back to the page
            break
        seen += 1
        if ring["style"] in ("none", "hidden") or ring["width"] < 2 or ring["ratio"] < 3:
            problems.append(str(ring))
    assert seen >= 10, f"only {seen} elements took focus on {path}"
    assert not problems, "\n".join(problems)


def test_the_account_menu_can_be_reached_at_400_percent_zoom(
    demo: tuple[BrowserContext, str, list[str]],
) -> None:
    context, server, _urls = demo
    page = context.new_page()
    _visit(page, server + "/", 320, 256)
    menu = page.locator("details.dropdown")
    menu.locator("summary").focus()
    page.keyboard.press("Enter")
    items = menu.locator("ul a, ul button")
    assert items.count() >= 4
    for i in range(items.count()):
        page.keyboard.press("Tab")
        item = items.nth(i)
        assert item.evaluate("el => el === document.activeElement"), f"item {i} not reached"
        box = page.evaluate(
            "() => { const r = document.activeElement.getBoundingClientRect();"
            " return [r.top, r.bottom, r.left, r.right, innerHeight, innerWidth]; }"
        )
        top, bottom, left, right, height, width = box
        assert top >= 0 and bottom <= height and left >= 0 and right <= width, (i, box)


TARGETS_JS = """() => {
  const small = [];
  const sel = 'a[href], button, summary, select, input:not([type=hidden]):not([type=checkbox])'
    + ':not([type=radio]), textarea';
  for (const el of document.querySelectorAll(sel)) {
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    const folded = el.closest('details:not([open]) > :not(summary)');
    if (!r.width || r.right <= 0 || cs.visibility === 'hidden' || folded) continue;
    // WCAG's inline exception: a link inside a sentence is sized by the sentence.
    const prose = el.closest('p, li, dd, small, blockquote, figcaption');
    if (cs.display === 'inline' && prose && !el.closest('footer, nav, .actions, .section-head')) {
      const rest = prose.innerText.replace(el.innerText, '').trim();
      if (rest.split(/\\s+/).length >= 2) continue;
    }
    if (r.height < 43.5 || r.width < 43.5) {
      const text = (el.innerText || el.value || el.name || '').trim().slice(0, 30);
      const size = `${Math.round(r.width)}x${Math.round(r.height)}`;
      small.push(`${el.tagName.toLowerCase()} "${text}" ${size}`);
    }
  }
  return small;
}"""

NAV_LINES_JS = """() => {
  const tops = new Set();
  for (const li of document.querySelectorAll('.site-header .nav-links > li')) {
    const r = li.getBoundingClientRect();
    if (r.width) tops.add(Math.round(r.top));
  }
  return tops.size;
}"""


@pytest.mark.parametrize("path", ["/", "/log/", "/relationships/", "/team/"])
def test_on_a_phone_every_tap_target_is_44_px_and_the_menu_is_one_line(
    demo: tuple[BrowserContext, str, list[str]], path: str
) -> None:
    context, server, _urls = demo
    page = context.new_page()
    _visit(page, server + path, 375, 812)
    assert page.evaluate(NAV_LINES_JS) == 1, "the menu bar wraps to a second line"
    small = page.evaluate(TARGETS_JS)
    assert not small, "\n".join(small)


def test_on_a_phone_home_starts_with_logging(demo: tuple[BrowserContext, str, list[str]]) -> None:
    context, server, _urls = demo
    page = context.new_page()
    _visit(page, server + "/", 375, 812)
    quick = page.locator("#quick-add").bounding_box()
    focus = page.locator("#weekly-focus").bounding_box()
    assert quick is not None and focus is not None
    # "Log a contact" and its first field are on the first screen, above the focus.
    assert quick["y"] < focus["y"]
    who = page.locator("#quick-add [name=member]").bounding_box()
    assert who is not None and who["y"] + who["height"] <= 812
    # The focus shows one action; the others wait behind "More for this focus".
    card = page.locator("#weekly-focus")
    visible = [b for b in card.get_by_role("button").all() if b.is_visible()]
    assert len(visible) <= 1
    assert card.locator("details.focus-more summary").is_visible()


def test_every_table_has_a_caption_that_names_it(
    demo: tuple[BrowserContext, str, list[str]],
) -> None:
    context, server, urls = demo
    page = context.new_page()
    problems = []
    for url in urls:
        _visit(page, server + url, 1280, 900)
        unnamed = page.evaluate(
            "() => [...document.querySelectorAll('table')]"
            ".filter(t => !(t.caption && t.caption.textContent.trim())).length"
        )
        if unnamed:
            problems.append(f"{url}: {unnamed} table(s) without a caption")
    assert not problems, "\n".join(problems)
