"""The fake platform's LINE Login answers as LINE's v2.1 API reference says, over HTTP:
codes bound to client, redirect URI, nonce and PKCE, used once; tokens; the verify
endpoint's own error descriptions; certs, profile, userinfo, discovery. The console's
tests lean on it, so it is pinned down here."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from joserfc import jwt
from joserfc.jwk import KeySet, OctKey

from clock import FrozenClock
from fakeline import FakeLine

CHANNEL, SECRET = "1656000001", "0123456789abcdef0123456789abcdef"
CALLBACK = "https://app.example/console/login/callback"
VERIFIER = "v" * 43 + "-._~0123456789"


@pytest.fixture
def login(fake_line: FakeLine, clock: FrozenClock) -> Iterator[FakeLine]:
    fake_line.reset()
    fake_line.login.add_channel(CHANNEL, SECRET, [CALLBACK])
    fake_line.login.now = lambda: clock.now().timestamp()
    fake_line.profiles["Uadmin"] = "Admin"
    yield fake_line
    fake_line.reset()


def _challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _authorize(fake: FakeLine, **changes: str) -> requests.Response:
    params = {
        "response_type": "code",
        "client_id": CHANNEL,
        "redirect_uri": CALLBACK,
        "state": "state-1",
        "scope": "openid profile",
        "nonce": "nonce-1",
        "code_challenge": _challenge(VERIFIER),
        "code_challenge_method": "S256",
        "fake_user": "Uadmin",
        **changes,
    }
    params = {k: v for k, v in params.items() if v != ""}
    return requests.get(
        fake.url + "/oauth2/v2.1/authorize", params=params, allow_redirects=False, timeout=5
    )


def _query(response: requests.Response) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(response.headers["Location"]).query).items()}


def _token(fake: FakeLine, **form: str) -> requests.Response:
    body = {"client_id": CHANNEL, "client_secret": SECRET, **form}
    return requests.post(fake.url + "/oauth2/v2.1/token", data=body, timeout=5)


def _exchange(fake: FakeLine, code: str, verifier: str = VERIFIER) -> requests.Response:
    return _token(
        fake,
        grant_type="authorization_code",
        code=code,
        redirect_uri=CALLBACK,
        code_verifier=verifier,
    )


def _signed_in(fake: FakeLine) -> dict:
    answer = _exchange(fake, _query(_authorize(fake))["code"])
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_a_code_is_issued_to_the_registered_callback_with_the_state(login) -> None:
    answer = _authorize(login)
    assert answer.status_code == 302
    assert answer.headers["Location"].startswith(CALLBACK + "?")
    back = _query(answer)
    assert back["state"] == "state-1" and back["code"]


def test_the_callback_may_carry_its_own_query(login) -> None:
    answer = _authorize(login, redirect_uri=CALLBACK + "?from=menu")
    assert answer.headers["Location"].startswith(CALLBACK + "?from=menu&code=")


@pytest.mark.parametrize(
    "changes",
    [{"client_id": "1656999999"}, {"redirect_uri": "https://evil.example/cb"}],
    ids=["unknown channel", "unregistered callback"],
)
def test_a_bad_client_or_callback_gets_an_error_page_not_a_redirect(login, changes) -> None:
    answer = _authorize(login, **changes)
    assert answer.status_code == 400 and "Location" not in answer.headers


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"response_type": "token"}, "unsupported_response_type"),
        ({"scope": "openid admin"}, "invalid_scope"),
        ({"code_challenge_method": "plain"}, "invalid_request"),
        ({"state": ""}, "invalid_request"),
    ],
)
def test_a_bad_request_goes_back_with_an_error(login, changes, error) -> None:
    answer = _authorize(login, **changes)
    assert answer.status_code == 302 and _query(answer)["error"] == error


def test_without_a_chosen_user_the_page_lists_who_can_sign_in(login) -> None:
    answer = _authorize(login, fake_user="")
    assert answer.status_code == 200 and "Fake LINE Login" in answer.text
    assert "fake_user=Uadmin" in answer.text
    login.login.next_user = "Uadmin"  # or a test presets the next one
    assert _authorize(login, fake_user="").status_code == 302


def test_the_token_answer_has_lines_fields_and_an_hs256_id_token(login, clock) -> None:
    token = _signed_in(login)
    assert set(token) == {
        "access_token",
        "expires_in",
        "id_token",
        "refresh_token",
        "scope",
        "token_type",
    }
    assert token["token_type"] == "Bearer" and token["expires_in"] == 30 * 24 * 3600
    decoded = jwt.decode(token["id_token"], OctKey.import_key(SECRET), algorithms=["HS256"])
    claims = decoded.claims
    assert decoded.header["alg"] == "HS256"
    assert claims["iss"] == "https://access.line.me" and claims["aud"] == CHANNEL
    assert claims["sub"] == "Uadmin" and claims["nonce"] == "nonce-1"
    assert claims["name"] == "Admin"
    assert claims["iat"] == int(clock.now().timestamp())
    assert claims["exp"] > claims["iat"]


def test_a_code_is_good_once_and_its_replay_revokes_what_it_gave(login) -> None:
    code = _query(_authorize(login))["code"]
    first = _exchange(login, code)
    assert first.status_code == 200
    again = _exchange(login, code)
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"
    profile = requests.get(
        login.url + "/v2/profile",
        headers={"Authorization": f"Bearer {first.json()['access_token']}"},
        timeout=5,
    )
    assert profile.status_code == 401


@pytest.mark.parametrize(
    "form",
    [
        {"code_verifier": "w" * 43},
        {"code_verifier": ""},
        {"redirect_uri": "https://app.example/other"},
        {"client_secret": "f" * 32},
    ],
    ids=["wrong verifier", "no verifier", "other redirect uri", "wrong secret"],
)
def test_an_exchange_that_does_not_match_the_authorization_is_refused(login, form) -> None:
    code = _query(_authorize(login))["code"]
    body = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": CALLBACK,
        "code_verifier": VERIFIER,
        **form,
    }
    answer = _token(login, **body)
    assert answer.status_code == 400
    assert answer.json()["error"] in ("invalid_grant", "invalid_client")


def test_a_code_lasts_ten_minutes(login, clock) -> None:
    code = _query(_authorize(login))["code"]
    clock.advance(minutes=11)
    assert _exchange(login, code).json()["error_description"] == "authorization code expired"


def test_a_refresh_gives_a_new_access_token_and_keeps_the_refresh_token(login) -> None:
    token = _signed_in(login)
    answer = _token(login, grant_type="refresh_token", refresh_token=token["refresh_token"])
    assert answer.status_code == 200
    fresh = answer.json()
    assert fresh["refresh_token"] == token["refresh_token"] and "id_token" not in fresh
    assert fresh["access_token"] != token["access_token"]
    bad = _token(login, grant_type="refresh_token", refresh_token="nope")
    assert bad.json() == {"error": "invalid_grant", "error_description": "invalid refresh token"}


def test_an_access_token_is_verified_and_expires(login, clock) -> None:
    token = _signed_in(login)
    url = login.url + "/oauth2/v2.1/verify"
    ok = requests.get(url, params={"access_token": token["access_token"]}, timeout=5).json()
    assert ok == {"scope": "openid profile", "client_id": CHANNEL, "expires_in": 30 * 24 * 3600}
    clock.advance(days=31)
    old = requests.get(url, params={"access_token": token["access_token"]}, timeout=5)
    assert old.status_code == 400
    assert old.json() == {"error": "invalid_request", "error_description": "access token expired"}


def _verify(fake: FakeLine, **form: str) -> requests.Response:
    return requests.post(fake.url + "/oauth2/v2.1/verify", data=form, timeout=5)


def test_the_verify_endpoint_returns_the_payload_of_a_good_id_token(login) -> None:
    token = _signed_in(login)
    answer = _verify(
        login, id_token=token["id_token"], client_id=CHANNEL, nonce="nonce-1", user_id="Uadmin"
    )
    assert answer.status_code == 200
    assert answer.json()["sub"] == "Uadmin" and answer.json()["aud"] == CHANNEL


@pytest.mark.parametrize(
    ("form", "claims", "description"),
    [
        ({"id_token": "not.a.token"}, {}, "Invalid IdToken."),
        ({}, {"iss": "https://evil.example"}, "Invalid IdToken Issuer."),
        ({}, {"exp": 1}, "IdToken expired."),
        ({"client_id": "1656999999"}, {}, "Invalid IdToken Audience."),
        ({"nonce": "other"}, {}, "Invalid IdToken Nonce."),
        ({"user_id": "Uother"}, {}, "Invalid IdToken Subject Identifier."),
    ],
)
def test_the_verify_endpoint_refuses_as_line_does(login, form, claims, description) -> None:
    login.login.next_id_token_claims = claims
    token = _signed_in(login)
    body = {"id_token": token["id_token"], "client_id": CHANNEL, "nonce": "nonce-1", **form}
    answer = _verify(login, **body)
    assert answer.status_code == 400
    assert answer.json() == {"error": "invalid_request", "error_description": description}


def test_a_forged_signature_is_an_invalid_id_token(login) -> None:
    login.login.next_id_token_secret = "f" * 32
    token = _signed_in(login)
    answer = _verify(login, id_token=token["id_token"], client_id=CHANNEL)
    assert answer.json()["error_description"] == "Invalid IdToken."


def test_liff_style_es256_tokens_verify_with_the_published_key(login) -> None:
    token = login.login.id_token(CHANNEL, "Uadmin", nonce="n", alg="ES256")
    certs = requests.get(login.url + "/oauth2/v2.1/certs", timeout=5).json()
    assert certs["keys"][0]["alg"] == "ES256" and certs["keys"][0]["kty"] == "EC"
    decoded = jwt.decode(token, KeySet.import_key_set(certs), algorithms=["ES256"])
    assert decoded.claims["sub"] == "Uadmin"
    assert _verify(login, id_token=token, client_id=CHANNEL).status_code == 200


def test_profile_and_userinfo_answer_for_an_access_token(login) -> None:
    bearer = {"Authorization": f"Bearer {_signed_in(login)['access_token']}"}
    profile = requests.get(login.url + "/v2/profile", headers=bearer, timeout=5)
    assert profile.json() == {"userId": "Uadmin", "displayName": "Admin"}
    info = requests.get(login.url + "/oauth2/v2.1/userinfo", headers=bearer, timeout=5)
    assert info.json() == {"sub": "Uadmin", "name": "Admin"}
    assert requests.get(login.url + "/v2/profile", timeout=5).status_code == 401


def test_revoking_an_access_token(login) -> None:
    access = _signed_in(login)["access_token"]
    answer = requests.post(
        login.url + "/oauth2/v2.1/revoke",
        data={"access_token": access, "client_id": CHANNEL, "client_secret": SECRET},
        timeout=5,
    )
    assert answer.status_code == 200 and answer.content == b""
    verify = requests.get(
        login.url + "/oauth2/v2.1/verify", params={"access_token": access}, timeout=5
    )
    assert verify.status_code == 400


def test_the_discovery_document_points_at_the_fake_and_names_lines_issuer(login) -> None:
    found = requests.get(login.url + "/.well-known/openid-configuration", timeout=5).json()
    assert found["issuer"] == "https://access.line.me"
    assert found["token_endpoint"] == login.url + "/oauth2/v2.1/token"
    assert found["jwks_uri"] == login.url + "/oauth2/v2.1/certs"
    assert found["code_challenge_methods_supported"] == ["S256"]


def test_every_login_request_is_recorded(login) -> None:
    _signed_in(login)
    [exchange] = login.requests_to("/oauth2/v2.1/token")
    assert exchange.body["code_verifier"] == VERIFIER and exchange.status == 200
