"""Real Chromium against a real daphne: the launch, the live server and what a page
is checked for (weight, other hosts, CSP violations, axe). `make browsers` installs
Chromium and axe-core; without them these tests are skipped, and CI refuses skips."""

import email
import email.policy
import os
import shutil
import tempfile
import unittest
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from asgiref.sync import SyncToAsync
from channels.layers import channel_layers
from channels.testing import ChannelsLiveServerTestCase
from django.conf import settings
from django.db import transaction
from django.test import override_settings
from playwright.sync_api import sync_playwright

from tests.factories import (
    EventPageFactory,
    RoomFactory,
    SessionPageFactory,
    UserFactory,
    language,
    outcome_page,
    report_page,
    republish,
    theme,
)

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))


def _fresh_threads_in_the_server():
    """The live server is a forked child, and a fork keeps no thread: an executor that
    the test process already started (the one database_sync_to_async runs on, once
    an async test ran before) would queue the server's work for a thread that is not
    there, and every websocket would hang. The child starts its own, and its own
    channel layer too rather than one holding the test process's groups."""
    SyncToAsync.single_thread_executor = ThreadPoolExecutor(max_workers=1)
    channel_layers.backends.clear()


os.register_at_fork(after_in_child=_fresh_threads_in_the_server)
AXE = Path(
    os.environ.get(
        "AXE_CORE_JS", settings.BASE_DIR / "node_modules/axe-core/axe.min.js"
    )
)
SCREENSHOTS = Path(__file__).parent / "screenshots"
MISSING = "{} is missing: run `make browsers` to install Chromium and axe-core."
# Keep Chromium off the network and quick to start in a container.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
MAX_PAGE_BYTES = 60 * 1024
# What a context is unless a test asks for another viewport: a small touch phone.
PHONE = {
    "viewport": {"width": 360, "height": 740},
    "device_scale_factor": 2,
    "has_touch": True,
    "is_mobile": True,
}
# Every page a context loads reports sideways scrolling, at whatever width it has. A
# mobile viewport zooms out to fit wide content, so the layout width is clientWidth;
# a frame not laid out (a closed preview panel) has none.
OVERFLOW = """
addEventListener("load", () => {
  const root = document.documentElement;
  const [wide, layout] = [root.scrollWidth, root.clientWidth];
  if (location.protocol.startsWith("http") && layout > 0 && wide > layout) {
    const where = location.pathname + location.search;
    console.warn(`overflow: ${where} is ${wide} px wide at ${layout} px`);
  }
});
"""
SELF = "'self'"
PASSWORD = "a long enough passphrase"  # UserFactory's
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Served by the test at the site's own origin, so the strict CSP lets it run.
AXE_PATH = "/__test__/axe.min.js"
# The focused element as "tag#id.class", and whether it shows a focus ring.
FOCUS = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
    || style.boxShadow !== "none";
  const box = el.getBoundingClientRect();
  const shown = ring && box.width > 0 && box.right > 0 && box.bottom > 0;
  const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + (el.classList.length ? "." + el.classList[0] : "");
  return [name, shown];
}"""
CSP_EVENTS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI}`);
});
"""


# Controls a thumb must hit that are under 44 px tall, as "tag "text" height". A link
# inside a sentence is exempt (WCAG 2.5.8): only one standing alone counts.
SMALL_TARGETS = """() => [...document.querySelectorAll(
  "a, button, input:not([type=hidden]), select, textarea, summary"
)].filter((el) => {
  const box = el.getBoundingClientRect();
  if (!box.width || !box.height || el.matches(".skip, [type=checkbox], [type=radio]")) {
    return false;
  }
  const block = el.parentElement.closest("p, li, dd, div, td, h1, h2, h3, h4, span");
  const alone = !block || block.textContent.trim() === el.textContent.trim();
  return (el.tagName !== "A" || alone) && box.height < 44;
}).map((el) => `${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 40)}" `
  + Math.round(el.getBoundingClientRect().height))"""


def phone(width):
    """Context options for a touch phone `width` px wide."""
    return {**PHONE, "viewport": {"width": width, "height": 740}}


def phone_problems(page, width):
    """What a reader of `page` on a phone `width` px wide would stumble on."""
    problems = []
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > width:
        problems.append(f"{scroll_width} px wide")
    return problems + page.evaluate(SMALL_TARGETS)


def on_small_phones(browser, addresses, *, first=lambda page: None):
    """phone_problems of each of `addresses` ({name: URL}) at 320 and 360 px, the
    ones with any; `first(page)` runs on each phone before (to sign in, say)."""
    problems = {}
    for width in (320, 360):
        page = browser.new_page(**phone(width))
        first(page)
        for name, address in addresses.items():
            page.goto(address)
            problems[f"{name} at {width}"] = phone_problems(page, width)
        page.context.close()
    return {name: found for name, found in problems.items() if found}


class BrowserTestCase(ChannelsLiveServerTestCase):
    """One daphne per class; each test launches its own browser, since Playwright's
    sync API must not run while the ORM is used (docs/architecture.md, "Browser
    tests"). So tests build
    their data first, then drive the browser, then read the database."""

    host = "127.0.0.1"  # as in ALLOWED_HOSTS and the origin checks
    # Static files through the application, as production serves them (WhiteNoise),
    # compressed (site/settings/test.py), rather than by Channels' own static handler.
    serve_static = False
    serialized_rollback = True  # the flush would take Wagtail's root page and site

    @classmethod
    def setUpClass(cls):
        if not CHROMIUM.exists():
            raise unittest.SkipTest(MISSING.format(f"Chromium ({CHROMIUM})"))
        # daphne is a forked child: the mail it sends never reaches this process's
        # mail.outbox. Settings changed before the fork are its settings, so it writes
        # its mail to files here, for sent_mail() to read.
        cls.outbox = Path(tempfile.mkdtemp(prefix="convening-mail-"))
        cls.addClassCleanup(shutil.rmtree, cls.outbox, ignore_errors=True)
        mail_to_files = override_settings(
            EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            EMAIL_FILE_PATH=str(cls.outbox),
        )
        mail_to_files.enable()
        cls.addClassCleanup(mail_to_files.disable)
        super().setUpClass()

    def launch(self, playwright):
        """Chromium as the suite uses it (Phone): when the test ends, any page that
        scrolled sideways fails it."""
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        overflows = []
        self.addCleanup(lambda: self.assertEqual(overflows, [], "pages too wide"))
        return Phone(browser, overflows)

    def url(self, path):
        return self.live_server_url + path

    def sent_mail(self, to):
        """The plain-text bodies of the mail the live server sent to `to`."""
        bodies = []
        for path in sorted(self.outbox.iterdir(), key=lambda p: p.stat().st_mtime):
            for raw in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
                message = email.message_from_bytes(raw, policy=email.policy.default)
                if raw.strip() and to in message["To"]:
                    bodies.append(message.get_body(("plain",)).get_content())
        return bodies

    def pages_problems(self, pages, prefix, *, moderator, ready=None):
        """Each of `pages` ({name: (email or None, path)}) opened in a fresh context,
        signed in as that email: its problems (Visit.problems and axe), with a
        screenshot `<prefix>-<name>.png`; then the signed-in ones on small phones
        (on_small_phones, as `moderator`). `ready(page)` runs before the checks.
        Returns (problems of the pages with any, the phones' problems)."""
        SCREENSHOTS.mkdir(exist_ok=True)
        with sync_playwright() as pw:
            browser = self.launch(pw)
            problems = {}
            for name, (email, path) in pages.items():
                context = browser.new_context()
                visit = self.watch(context)
                page = context.new_page()
                if email:
                    sign_in(page, self.live_server_url, email)
                response = page.goto(self.url(path))
                if ready:
                    ready(page)
                problems[name] = visit.problems(page, response) + axe_violations(page)
                page.screenshot(
                    path=SCREENSHOTS / f"{prefix}-{name}.png", full_page=True
                )
                context.close()
            signed_in = {
                name: self.url(path) for name, (email, path) in pages.items() if email
            }
            narrow = on_small_phones(
                browser,
                signed_in,
                first=lambda page: sign_in(page, self.live_server_url, moderator),
            )
            browser.close()
        return {name: found for name, found in problems.items() if found}, narrow

    def watch(self, context):
        """A Visit that records what the context's pages fetch and what CSP blocked."""
        visit = Visit(origin=self.live_server_url)
        context.add_init_script(CSP_EVENTS)  # init scripts are exempt from the CSP
        context.on("requestfinished", visit.finished)
        context.on("requestfailed", visit.failed)
        context.on("console", visit.console)
        context.route(self.url(AXE_PATH), serve_axe)
        return visit


class Phone:
    """A browser whose contexts open as a 360 x 740 touch phone unless a test names
    another viewport, and whose pages report any sideways scrolling (OVERFLOW). Pages
    without JavaScript run no init script; the phone tests measure those."""

    def __init__(self, browser, overflows):
        self._browser = browser
        self._overflows = overflows

    def new_context(self, **options):
        if "viewport" not in options:
            options = {**PHONE, **options}
        context = self._browser.new_context(**options)
        context.add_init_script(OVERFLOW)
        context.on("console", self._console)
        return context

    def new_page(self, **options):
        return self.new_context(**options).new_page()

    def _console(self, message):
        if message.text.startswith("overflow: "):
            self._overflows.append(message.text)

    def __getattr__(self, name):
        return getattr(self._browser, name)


@transaction.atomic  # one commit: these tests run outside a test transaction
def build_forum(sessions):
    """A forum with `sessions` plain sessions and one with a full issue note, moved
    once (so the changelog shows a move) and reported on, and the forum's outcome
    summary; returns its public pages by name."""
    event = EventPageFactory(title="Forum on knowledge sharing", sessions=sessions)
    session = SessionPageFactory(
        event=event,
        title="Closing the knowledge gap",
        track="Partnerships",
        room=RoomFactory(name="Room XVII"),
        themes=[theme("sdg-4")],
        languages=[language("en")],
        people=2,
        questions=["Who holds the knowledge that development needs?"],
        background="<p>Knowledge is unevenly shared between regions.</p>",
    )
    later = timedelta(minutes=30)
    session = republish(session, start=session.start + later, end=session.end + later)
    report = report_page(
        session, takeaways=["Local libraries carry knowledge furthest."]
    )
    outcome = outcome_page(event)
    return {
        "home": "/",
        "events": "/events/",
        "event": event.url,
        "programme": f"{event.url}programme/",
        "programme-filtered": f"{event.url}programme/?track=Partnerships",
        "session": session.url,
        "changes": f"{event.url}programme/changes/",
        "report": report.url,
        "outcome": outcome.url,
        "themes": "/themes/",
        "theme": "/themes/sdg-4/",
        "search": "/search/?q=knowledge",
        "sign-in": "/accounts/login/",
        "sign-up": "/accounts/signup/",
        "password-reset": "/accounts/password/reset/",
    }


def verified_user(**fields):
    """A user who can sign in: allauth refuses unverified addresses."""
    user = UserFactory(**fields)
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    return user


def menu_link(page, name):
    """A link of the main menu, the menu opened first as on a phone."""
    page.locator("details.menu > summary").click()
    return page.get_by_role("navigation", name="Main").get_by_role("link", name=name)


def sign_in(page, base_url, email):
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.click("main button[type=submit]")  # the header's search has one too
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


@dataclass
class Visit:
    origin: str
    transferred: list = field(default_factory=list)  # (url, bytes on the wire)
    foreign: list = field(default_factory=list)
    refused: list = field(default_factory=list)

    def finished(self, request):
        if self.own(request.url):
            # The offline copy keeping the page just read (templates/offline/sw.js)
            # asks the browser's cache, which answers without the network
            # (tests/browser/test_offline.py); Playwright turns that cache off while
            # a context has routes (axe is served by one), so here it would count twice.
            if request.service_worker and not request.url.endswith("/sw.js"):
                return
            if not request.url.endswith(AXE_PATH):
                sizes = request.sizes()
                wire = sizes["responseBodySize"] + sizes["responseHeadersSize"]
                self.transferred.append((request.url, wire))
        else:
            self.foreign.append(request.url)

    def failed(self, request):
        if not self.own(request.url):
            self.foreign.append(request.url)

    def console(self, message):
        if "Content Security Policy" in message.text:
            self.refused.append(message.text)

    def own(self, url):
        parts = urlsplit(url)
        return parts.scheme in ("data", "blob") or (
            f"{parts.scheme}://{parts.netloc}" == self.origin
        )

    def weight(self):
        return sum(size for _url, size in self.transferred)

    def problems(self, page, response):
        """What is wrong with a page opened in a fresh context (empty cache): its
        status, a policy that is not strict, its weight, other hosts, CSP violations."""
        problems = []
        if response.status != 200:
            problems.append(f"status {response.status}")
        policy = response.headers.get("content-security-policy", "")
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d)
        if [directives.get("script-src"), directives.get("style-src")] != [SELF] * 2:
            problems.append(f"no strict Content-Security-Policy: {policy!r}")
        if self.weight() > MAX_PAGE_BYTES:
            problems.append(f"{self.weight()} bytes: {self.transferred}")
        problems += [f"request to another host: {url}" for url in self.foreign]
        return problems + self.csp_violations(page)

    def csp_violations(self, page):
        """What the CSP blocked on the page since the last call."""
        found, self.refused = self.refused, []
        return page.evaluate("window.__cspViolations") + found


def serve_axe(route):
    route.fulfill(path=AXE, content_type="text/javascript")


def axe_violations(page, rules=None):
    """axe-core's WCAG 2.1 A/AA violations on the page (or only those of `rules`, axe's
    rule ids), as 'rule: target' strings."""
    if not AXE.exists():
        raise unittest.SkipTest(MISSING.format(f"axe-core ({AXE})"))
    page.add_script_tag(url=AXE_PATH)
    only = (
        {"type": "rule", "values": rules}
        if rules
        else {
            "type": "tag",
            "values": WCAG_21_AA,
        }
    )
    violations = page.evaluate(
        "async (only) => (await axe.run(document, {runOnly: only})).violations", only
    )
    return [f"{v['id']}: {node['target']}" for v in violations for node in v["nodes"]]


def exposed_names(page, role):
    """The names of the elements of `role` in Chromium's own accessibility tree: what
    a screen reader is offered, which Playwright's role queries only approximate."""
    nodes = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")
    return [
        node.get("name", {}).get("value")
        for node in nodes["nodes"]
        if not node.get("ignored") and node.get("role", {}).get("value") == role
    ]


def screenshot(page, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png")


def record(filename, figures):
    """Keeps measured figures beside the screenshots, for people to read."""
    SCREENSHOTS.mkdir(exist_ok=True)
    lines = [f"{name}\t{value}\n" for name, value in figures.items()]
    (SCREENSHOTS / filename).write_text("".join(lines))


# Whether an element has finished fading in (axe measures contrast as it is drawn).
SHOWN = """(selector) => {
  for (let el = document.querySelector(selector); el; el = el.parentElement) {
    if (getComputedStyle(el).opacity !== "1") return false;
  }
  return true;
}"""


def wait_shown(page, selector):
    """Waits until `selector` and its ancestors are fully opaque (Wagtail fades its
    messages in), so that axe measures the colours as a reader sees them."""
    page.wait_for_function(SHOWN, arg=selector)
