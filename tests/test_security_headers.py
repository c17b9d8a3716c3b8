"""Security headers on every response, and pages without inline script or style, so the
Content-Security-Policy needs no 'unsafe-inline' (issue 15, finding 7)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from tests.support.browser import DESKTOP

EXPECTED = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def _check(response) -> None:
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, name
    policy = response.headers.get("Content-Security-Policy", "")
    directives = {d.split()[0]: d.split()[1:] for d in policy.split("; ") if d}
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["script-src"] == ["'self'"] and directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"] and "'unsafe-inline'" not in policy


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/healthz", 200),
        ("GET", "/public", 200),
        ("GET", "/public/2565", 200),
        ("GET", "/public/2565.json", 200),
        ("GET", "/reports/2565/progress.png", 200),
        ("GET", "/public-static/public.css", 200),
        ("GET", "/public/2500", 404),
        ("GET", "/reports/download/2565/year.docx?exp=1&sig=x", 403),
        ("GET", "/no/such/page", 404),
        ("GET", "/simulator", 404),
        ("POST", "/callback", 400),
    ],
)
def test_every_response_carries_the_security_headers(
    client, seed_plan, method, path, status
) -> None:
    with client.open(path, method=method) as response:
        assert response.status_code == status
        _check(response)


def test_a_demo_page_and_its_api_carry_them_too(demo_app) -> None:
    client = demo_app.test_client()
    for path in ("/simulator", "/simulator/api/people", "/simulator/static/simulator.js"):
        with client.get(path) as response:
            assert response.status_code == 200, path
            _check(response)


class _Inline(HTMLParser):
    """Script without src (a JSON data block aside), style elements, style and on…
    attributes: what a CSP without 'unsafe-inline' blocks."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script" and "src" not in names and names.get("type") != "application/json":
            self.found.append("inline <script>")
        if tag == "style":
            self.found.append("<style>")
        self.found += [
            f"{tag} {name}=" for name in names if name == "style" or name.startswith("on")
        ]


def _inline(html: str) -> list[str]:
    parser = _Inline()
    parser.feed(html)
    return parser.found


def test_no_page_has_inline_script_or_style(client, seed_plan, demo_app) -> None:
    pages = [
        client.get("/public").get_data(as_text=True),
        client.get("/public/2500").get_data(as_text=True),
        client.get("/reports/download/2565/year.docx?exp=1&sig=x").get_data(as_text=True),
        demo_app.test_client().get("/simulator").get_data(as_text=True),
    ]
    for html in pages:
        assert _inline(html) == []


WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
"""


@pytest.mark.browser
def test_the_public_page_runs_under_its_policy(page, live_server, seed_plan) -> None:
    page.add_init_script(WATCH)
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server}/public")
    assert page.locator("svg.bar rect.fill").count() >= 1
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.click("[data-print]")
    assert page.evaluate("window.__printed === true"), "the print button is wired"
    assert page.evaluate("window.__violations") == []


@pytest.mark.browser
def test_the_simulator_runs_under_its_policy(page, demo_server) -> None:
    page.add_init_script(WATCH)
    page.goto(f"{demo_server}/simulator")
    page.locator("#who option").nth(3).wait_for(state="attached")  # no eval: CSP forbids it
    assert page.evaluate("window.__violations") == []
