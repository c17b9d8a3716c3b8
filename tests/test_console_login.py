"""Signing in to the console with LINE Login, through the real flow: the app's Authlib client
against the fake LINE platform over HTTP. The person is linked the real way (a code sent in
LINE). What must hold: state, nonce and PKCE; the ID token checked (signature, issuer,
audience, expiry, nonce); a new session at sign-in, none after sign-out or idle time; a CSRF
token on every form; only a linked head or admin gets in, and anyone else is told why."""

from __future__ import annotations

import pytest
from sqlmodel import select

from messages_th import console_text
from models.audit import AuditLog
from models.console_session import ConsoleSession, token_key
from models.staff import Role, staff_by_line_user
from tests.support import people
from tests.support.console import (
    CHANNEL_ID,
    CHANNEL_SECRET,
    Browser,
    authorize_params,
    open_login_channel,
    with_line_login,
)

ADMIN, HEAD, STAFF, STRANGER = "Uconsole-admin", "Uconsole-head", "Uconsole-staff", "Ustranger"


@pytest.fixture
def settings(settings):
    """The suite's settings with a LINE Login channel on the fake platform."""
    return with_line_login(settings)


@pytest.fixture
def visitor(app, client, fake_line, clock, settings) -> Browser:
    """A browser; the channel is set up on the fake platform as in the LINE console, and the
    platform tells the time by the test's clock."""
    open_login_channel(fake_line, settings.public_base_url, clock)
    return Browser(client, fake_line, settings.public_base_url)


@pytest.fixture
def cast(runner, line) -> None:
    """An admin, a head and a staff member, each linked in LINE with their code."""
    people.link(runner, line, ADMIN, "นางสาวอรทัย ธุรการดี", "admin")
    people.link(runner, line, HEAD, "นายสมชาย รักษ์ธรรม", "head")
    people.link(runner, line, STAFF, "นางสาวมาลี ใจซื่อ", "staff", "1")


def _rows(services) -> list[ConsoleSession]:
    with services.db.session() as session:
        return list(session.exec(select(ConsoleSession)))


def _signed_in(services) -> list[ConsoleSession]:
    return [row for row in _rows(services) if row.staff_id is not None]


def _text(response) -> str:
    return response.get_data(as_text=True)


# -- the flow --------------------------------------------------------------------------------


def test_an_admin_signs_in_with_line_and_sees_who_and_the_agency(
    visitor, cast, seed_plan, fake_line, services
) -> None:
    url = visitor.start()
    asked = authorize_params(url)
    assert url.startswith(fake_line.url + "/oauth2/v2.1/authorize?")
    assert asked["response_type"] == "code" and asked["client_id"] == CHANNEL_ID
    assert asked["redirect_uri"] == "https://tidtam.example.go.th/console/login/callback"
    assert set(asked["scope"].split()) == {"openid", "profile"}
    assert asked["state"] and asked["nonce"] and asked["code_challenge"]
    assert asked["code_challenge_method"] == "S256"

    landed = visitor.back(visitor.authorize(url, ADMIN))
    assert landed.status_code == 303 and landed.headers["Location"] == "/console"
    [exchange] = fake_line.requests_to("/oauth2/v2.1/token")
    assert exchange.status == 200
    assert exchange.body["client_secret"] == CHANNEL_SECRET  # client_secret_post, as LINE wants
    assert len(exchange.body["code_verifier"]) >= 43  # PKCE: the fake checked it against S256

    home = visitor.get("/console")
    assert home.status_code == 200
    page = _text(home)
    assert "นางสาวอรทัย ธุรการดี" in page and "เทศบาลตำบลบางกระบือ" in page
    assert "ผู้ดูแลระบบ" in page
    with services.db.session() as session:
        actions = [row.action for row in session.exec(select(AuditLog))]
    assert "console.sign_in" in actions


def test_the_session_cookie_is_httponly_secure_lax_and_only_for_the_console(visitor, cast) -> None:
    landed = visitor.sign_in(ADMIN)
    cookie = landed.headers["Set-Cookie"]
    assert cookie.startswith("tidtam_console=")
    for part in ("HttpOnly", "Secure", "SameSite=Lax", "Path=/console"):
        assert part in cookie, cookie
    assert "Expires" not in cookie  # gone with the browser; the server ends it anyway


def test_the_cookie_is_not_secure_where_the_site_is_plain_http(app_factory) -> None:
    plain = app_factory(public_base_url="http://127.0.0.1:5000")
    response = plain.test_client().get("/console/login/line")  # the sign-in's state is kept
    assert "Secure" not in response.headers["Set-Cookie"]
    assert "HttpOnly" in response.headers["Set-Cookie"]


def test_signing_in_rotates_the_session(visitor, cast, services) -> None:
    url = visitor.start()  # a visitor's session exists before sign-in (the sign-in's state)
    before = visitor.cookie()
    assert before and [row.staff_id for row in _rows(services)] == [None]
    visitor.back(visitor.authorize(url, ADMIN))
    after = visitor.cookie()
    assert after and after != before
    ids = {row.id for row in _rows(services)}
    assert token_key(after) in ids and token_key(before) not in ids
    # a token learnt before sign-in (session fixation) opens nothing
    visitor.use_cookie(before)
    assert visitor.get("/console").status_code == 303


def test_signing_out_ends_the_session_everywhere(visitor, cast, services) -> None:
    visitor.sign_in(ADMIN)
    token = visitor.cookie()
    out = visitor.post("/console/logout", {"csrf_token": visitor.csrf("/console")})
    assert out.status_code == 303 and "ended=signed_out" in out.headers["Location"]
    assert "tidtam_console=;" in out.headers["Set-Cookie"]  # deleted in the browser
    assert _signed_in(services) == []
    # another process (or a copied cookie) cannot bring it back
    visitor.use_cookie(token)
    assert visitor.get("/console").status_code == 303
    assert console_text.SIGNED_OUT in _text(visitor.get("/console/login?ended=signed_out"))


def test_a_session_ends_after_idle_time_by_the_apps_clock(visitor, cast, clock) -> None:
    visitor.sign_in(ADMIN)
    for _ in range(3):  # in use: each request keeps it alive
        clock.advance(minutes=29)
        assert visitor.get("/console").status_code == 200
    clock.advance(minutes=31)
    ended = visitor.get("/console/admin")
    assert ended.status_code == 303
    assert "ended=idle" in ended.headers["Location"]
    assert console_text.IDLE_ENDED in _text(visitor.get(ended.headers["Location"]))


def test_a_session_ends_after_its_longest_life_even_in_use(visitor, cast, clock) -> None:
    visitor.sign_in(HEAD)
    for _ in range(int(12 * 60 / 25)):
        clock.advance(minutes=25)
        assert visitor.get("/console").status_code == 200
    clock.advance(minutes=25)  # past 12 hours since sign-in
    assert visitor.get("/console").status_code == 303


def test_after_sign_in_the_person_lands_where_they_were_going(visitor, cast) -> None:
    asked = visitor.get("/console/admin")
    assert asked.status_code == 303
    assert asked.headers["Location"] == "/console/login?next=/console/admin"
    landed = visitor.sign_in(ADMIN, next_path="/console/admin")
    assert landed.headers["Location"] == "/console/admin"


@pytest.mark.parametrize("where", ["https://evil.example/x", "//evil.example/x", "/public"])
def test_sign_in_never_sends_anyone_off_the_console(visitor, cast, where) -> None:
    landed = visitor.sign_in(ADMIN, next_path=where)
    assert landed.headers["Location"] == "/console"


# -- who gets in -----------------------------------------------------------------------------


def test_a_line_user_not_linked_is_told_politely_how_to_get_in(visitor, cast, services) -> None:
    refused = visitor.sign_in(STRANGER)
    assert refused.status_code == 403
    page = _text(refused)
    assert console_text.REFUSED_NOT_LINKED in page
    assert all(step in page for step in console_text.REFUSED_NOT_LINKED_STEPS)
    assert _signed_in(services) == []
    assert visitor.get("/console").status_code == 303


def test_a_staff_member_is_told_the_console_is_for_heads_and_admins(
    visitor, cast, services
) -> None:
    refused = visitor.sign_in(STAFF)
    assert refused.status_code == 403
    assert console_text.refused_staff("นางสาวมาลี ใจซื่อ") in _text(refused)
    assert _signed_in(services) == []


def test_a_deactivated_admin_is_refused(visitor, cast, services) -> None:
    with services.db.session() as session:
        person = staff_by_line_user(session, ADMIN)
        person.active = False
        session.add(person)
    assert visitor.sign_in(ADMIN).status_code == 403


@pytest.mark.parametrize("change", ["demoted", "deactivated", "relinked"])
def test_a_session_ends_when_the_person_may_no_longer_use_the_console(
    visitor, cast, services, change
) -> None:
    visitor.sign_in(ADMIN)
    assert visitor.get("/console").status_code == 200
    with services.db.session() as session:
        person = staff_by_line_user(session, ADMIN)
        if change == "demoted":
            person.role = Role.STAFF
        elif change == "deactivated":
            person.active = False
        else:  # the admin's record now belongs to another LINE account
            person.line_user_id = "Uanother-phone"
        session.add(person)
    assert visitor.get("/console").status_code == 303
    assert _signed_in(services) == []


# -- what is refused -------------------------------------------------------------------------


def test_a_tampered_state_is_refused(visitor, cast, services) -> None:
    back = visitor.authorize(visitor.start(), ADMIN)
    forged = back.replace("state=", "state=x")
    refused = visitor.back(forged)
    assert refused.status_code == 400
    assert console_text.PROBLEM_STALE in _text(refused)
    assert _signed_in(services) == []


def test_a_callback_without_a_sign_in_started_here_is_refused(visitor, cast, services) -> None:
    """Login CSRF: someone else's code and state, planted in this browser."""
    other = Browser(visitor.client.application.test_client(), visitor.fake, visitor.base_url)
    planted = other.authorize(other.start(), STRANGER)
    refused = visitor.back(planted)
    assert refused.status_code == 400
    assert _signed_in(services) == []


def test_a_code_is_good_once(visitor, cast, fake_line, services) -> None:
    first = visitor.authorize(visitor.start(), ADMIN)
    code = authorize_params(first)["code"]
    assert visitor.back(first).status_code == 303
    visitor.post("/console/logout", {"csrf_token": visitor.csrf("/console")})
    # a new sign-in, answered with the old code under the new state
    second = visitor.authorize(visitor.start(), ADMIN)
    replay = second.replace(authorize_params(second)["code"], code)
    refused = visitor.back(replay)
    assert refused.status_code == 400
    assert console_text.PROBLEM_REFUSED in _text(refused)
    assert fake_line.requests_to("/oauth2/v2.1/token")[-1].status == 400
    assert _signed_in(services) == []


def test_a_code_from_the_right_sign_in_but_the_wrong_verifier_is_refused_by_line(
    visitor, cast, fake_line, services
) -> None:
    """PKCE: the platform refuses a code whose verifier does not match the challenge (here
    the challenge is altered on the way to LINE, so the app's verifier no longer fits)."""
    url = visitor.start()
    tampered = url.replace(authorize_params(url)["code_challenge"], "A" * 43)
    refused = visitor.back(visitor.authorize(tampered, ADMIN))
    assert refused.status_code == 400
    [exchange] = fake_line.requests_to("/oauth2/v2.1/token")
    assert exchange.status == 400
    assert _signed_in(services) == []


@pytest.mark.parametrize(
    "tamper",
    [
        {"nonce": "not-the-nonce-we-sent"},
        {"aud": "1656999999"},
        {"iss": "https://evil.example"},
        {"exp": 0},
    ],
    ids=["wrong nonce", "wrong audience", "wrong issuer", "expired"],
)
def test_an_id_token_that_does_not_prove_this_sign_in_is_refused(
    visitor, cast, fake_line, services, tamper
) -> None:
    fake_line.login.next_id_token_claims = tamper
    refused = visitor.sign_in(ADMIN)
    assert refused.status_code == 400
    assert console_text.PROBLEM_REFUSED in _text(refused)
    assert _signed_in(services) == []


def test_an_id_token_that_ran_out_before_it_arrived_is_refused(
    visitor, cast, fake_line, clock, services
) -> None:
    """LINE's clock and ours: a token issued two hours ago (an hour's life) is too old."""
    fake_line.login.now = lambda: clock.now().timestamp() - 2 * 3600
    assert visitor.sign_in(ADMIN).status_code == 400
    assert _signed_in(services) == []


def test_an_id_token_signed_with_another_secret_is_refused(
    visitor, cast, fake_line, services
) -> None:
    fake_line.login.next_id_token_secret = "ffffffffffffffffffffffffffffffff"
    assert visitor.sign_in(ADMIN).status_code == 400
    assert _signed_in(services) == []


def test_cancelling_at_line_says_so(visitor, cast) -> None:
    url = visitor.start()
    back = visitor.authorize(url.replace("client_id=", "fake_cancel=1&client_id="), None)
    assert "error=access_denied" in back
    answer = visitor.back(back)
    assert answer.status_code == 400
    assert console_text.PROBLEM_CANCELLED in _text(answer)


def test_line_not_answering_in_time_is_a_clear_page_not_an_error(
    visitor, cast, fake_line, services
) -> None:
    fake_line.fail("/oauth2/v2.1/token", 200, delay=services.settings.line_timeout + 1)
    answer = visitor.sign_in(ADMIN)
    assert answer.status_code == 502
    assert console_text.PROBLEM_UNREACHABLE in _text(answer)


# -- forms -----------------------------------------------------------------------------------


def test_a_form_post_needs_its_own_sessions_csrf_token(visitor, cast, services) -> None:
    visitor.sign_in(ADMIN)
    refused = visitor.post("/console/logout", {})
    assert refused.status_code == 400
    assert console_text.FORM_EXPIRED in _text(refused)
    assert visitor.post("/console/logout", {"csrf_token": "forged"}).status_code == 400
    # a token from another session (the head's) does not do either
    other = Browser(visitor.client.application.test_client(), visitor.fake, visitor.base_url)
    other.sign_in(HEAD)
    assert visitor.post("/console/logout", {"csrf_token": other.csrf()}).status_code == 400
    assert len(_signed_in(services)) == 2  # the refused sign-outs changed nothing
    assert visitor.post("/console/logout", {"csrf_token": visitor.csrf()}).status_code == 303


# -- without a LINE Login channel ------------------------------------------------------------


def test_without_a_login_channel_the_sign_in_page_explains_the_setup(app_factory) -> None:
    bare = app_factory(line_login_channel_id=None, line_login_channel_secret=None)
    client = bare.test_client()
    page = client.get("/console/login").get_data(as_text=True)
    assert console_text.SETUP_TITLE in page
    assert "https://tidtam.example.go.th/console/login/callback" in page
    assert "LINE_LOGIN_CHANNEL_ID" in page and "Provider" in page
    assert client.get("/console/login/callback?code=x&state=y").status_code == 404


def test_the_site_root_leads_to_the_console(client) -> None:
    answer = client.get("/")
    assert answer.status_code == 302 and answer.headers["Location"] == "/console"
    assert client.get("/console").status_code == 303
