"""LINE Login v2.1 on the fake platform: what a web app's sign-in talks to.

The endpoints answer as LINE's do (the LINE Login v2.1 API reference): the authorization
page (`access.line.me` in real life) hands out single-use codes bound to the client, the
redirect URI, the nonce and the PKCE challenge; the token endpoint (`api.line.me`) trades
a code for an access token, a refresh token and an ID token signed **HS256 with the
channel secret** (the web flow; LIFF and the native SDKs get ES256 tokens, whose key is at
`/oauth2/v2.1/certs`); `/oauth2/v2.1/verify` checks either kind of ID token with LINE's own
error descriptions, or an access token; `/v2/profile` and `/oauth2/v2.1/userinfo` answer
for an access token.

Who signs in is the test's choice, and obviously fake: `next_user` (the next authorization
signs in as that LINE user), a `fake_user` query parameter on the authorization URL, or a
page listing the platform's known profiles to pick from.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import json
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlencode, urlsplit
from zoneinfo import ZoneInfo

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, OctKey

from clock import SystemClock

if TYPE_CHECKING:
    from fakeline.server import FakeLine

ISSUER = "https://access.line.me"
CODE_LIFETIME = 600  # seconds: LINE's authorization codes last 10 minutes
ACCESS_TOKEN_LIFETIME = 30 * 24 * 3600  # 30 days
REFRESH_TOKEN_LIFETIME = 90 * 24 * 3600  # 90 days after the access token was issued
ID_TOKEN_LIFETIME = 3600
#: what LINE Login answers (the rest of the platform is the Messaging API's)
PATH_PREFIXES = ("/oauth2/", "/v2/profile", "/.well-known/openid-configuration")

Answer = tuple[int, dict[str, str], Any]


@dataclass(frozen=True)
class _Call:
    query: dict[str, str]
    form: dict[str, str]
    headers: dict[str, str]


@dataclass
class LoginChannel:
    channel_id: str
    secret: str
    callback_urls: list[str]


@dataclass
class _Grant:
    """What an authorization code stands for."""

    channel_id: str
    user_id: str
    redirect_uri: str
    scope: str
    nonce: str | None
    challenge: str | None
    issued_at: float
    used: bool = False
    tokens: list[str] = field(default_factory=list)  # access tokens issued for it


@dataclass
class _Token:
    channel_id: str
    user_id: str
    scope: str
    expires_at: float
    refresh_expires_at: float = 0.0


class FakeLogin:
    """The LINE Login part of a `FakeLine`; it records through the platform's recorder."""

    def __init__(self, platform: FakeLine) -> None:
        self.platform = platform
        self._lock = threading.RLock()
        self._es256 = ECKey.generate_key("P-256", parameters={"kid": secrets.token_hex(8)})
        self._routes: dict[tuple[str, str], Callable[[_Call], Answer]] = {
            ("GET", "/oauth2/v2.1/authorize"): lambda c: self._authorize(c.query),
            ("POST", "/oauth2/v2.1/token"): lambda c: self._token(c.form),
            ("POST", "/oauth2/v2.1/verify"): lambda c: self._verify_id_token(c.form),
            ("GET", "/oauth2/v2.1/verify"): lambda c: self._verify_access_token(c.query),
            ("POST", "/oauth2/v2.1/revoke"): lambda c: self._revoke(c.form),
            ("GET", "/oauth2/v2.1/certs"): lambda c: (200, {}, {"keys": [self._public_jwk()]}),
            ("GET", "/oauth2/v2.1/userinfo"): lambda c: self._profile(c.headers, openid=True),
            ("POST", "/oauth2/v2.1/userinfo"): lambda c: self._profile(c.headers, openid=True),
            ("GET", "/v2/profile"): lambda c: self._profile(c.headers, openid=False),
            ("GET", "/.well-known/openid-configuration"): lambda c: (200, {}, self.discovery()),
        }
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self.channels: dict[str, LoginChannel] = {}
            self.next_user: str | None = None
            #: claims that replace those of the next ID token issued (a test's tampering)
            self.next_id_token_claims: dict[str, Any] = {}
            #: signs the next ID token instead of the channel secret (a forged signature)
            self.next_id_token_secret: str | None = None
            self._codes: dict[str, _Grant] = {}
            self._tokens: dict[str, _Token] = {}
            self._refresh: dict[str, str] = {}  # refresh token -> its access token
            self.now: Callable[[], float] = _wall_clock

    # -- what a test (or demo mode) controls -------------------------------------------

    def add_channel(self, channel_id: str, secret: str, callback_urls: list[str]) -> None:
        """A LINE Login channel, as created in the LINE Developers console."""
        with self._lock:
            channel = self.channels.get(channel_id)
            if channel is None or channel.secret != secret:
                self.channels[channel_id] = LoginChannel(channel_id, secret, list(callback_urls))
                return
            for url in callback_urls:
                if url not in channel.callback_urls:
                    channel.callback_urls.append(url)

    def id_token(
        self,
        channel_id: str,
        user_id: str,
        *,
        nonce: str | None = None,
        alg: str = "HS256",
        **claims: Any,
    ) -> str:
        """An ID token as LINE issues it (HS256: the web flow; ES256: LIFF, native apps)."""
        now = int(self.now())
        payload: dict[str, Any] = {
            "iss": ISSUER,
            "sub": user_id,
            "aud": channel_id,
            "exp": now + ID_TOKEN_LIFETIME,
            "iat": now,
            "amr": ["linesso"],
            "name": self.platform.profiles.get(user_id, "LINE user"),
        }
        if nonce:
            payload["nonce"] = nonce
        payload.update(claims)
        if alg == "ES256":
            header = {"alg": "ES256", "typ": "JWT", "kid": self._es256.kid}
            return jwt.encode(header, payload, self._es256)
        secret = self.channels[channel_id].secret
        return jwt.encode({"alg": "HS256", "typ": "JWT"}, payload, OctKey.import_key(secret))

    # -- the platform ------------------------------------------------------------------

    @staticmethod
    def handles(path: str) -> bool:
        return path.split("?")[0].startswith(PATH_PREFIXES)

    def route(self, method: str, path: str, headers: dict[str, str], body: Any) -> Answer:
        parts = urlsplit(path)
        call = _Call(
            query=_single(parse_qs(parts.query)),
            form=_single(parse_qs(body.decode())) if isinstance(body, bytes) and body else {},
            headers=headers,
        )
        found = self._routes.get((method, parts.path))
        status, extra, answer = (
            found(call) if found else (405, {}, {"message": "Method not allowed"})
        )
        # the recorder keeps what was sent: the form, else the query
        self.platform._record(method, path, headers, call.form or call.query or None, status, None)
        return status, {"x-line-request-id": secrets.token_hex(8), **extra}, answer

    def discovery(self) -> dict[str, Any]:
        """LINE's document names two hosts; the fake is both."""
        base = self.platform.url
        return {
            "issuer": ISSUER,
            "authorization_endpoint": f"{base}/oauth2/v2.1/authorize",
            "token_endpoint": f"{base}/oauth2/v2.1/token",
            "revocation_endpoint": f"{base}/oauth2/v2.1/revoke",
            "userinfo_endpoint": f"{base}/oauth2/v2.1/userinfo",
            "scopes_supported": ["openid", "profile", "email"],
            "jwks_uri": f"{base}/oauth2/v2.1/certs",
            "response_types_supported": ["code"],
            "subject_types_supported": ["pairwise"],
            "id_token_signing_alg_values_supported": ["ES256"],
            "code_challenge_methods_supported": ["S256"],
        }

    # -- authorization -----------------------------------------------------------------

    def _authorize(self, query: dict[str, str]) -> Answer:
        channel = self.channels.get(query.get("client_id", ""))
        if channel is None:
            return _page(400, "400 Bad Request", "Invalid client_id (no such LINE Login channel).")
        redirect_uri = query.get("redirect_uri", "")
        if not _registered(redirect_uri, channel.callback_urls):
            return _page(
                400,
                "400 Bad Request",
                "Invalid redirect_uri value. Check that it matches a callback URL of the channel.",
            )
        state = query.get("state", "")
        problem = _authorization_problem(query)
        if problem:
            return _back(redirect_uri, state, error=problem[0], error_description=problem[1])
        if query.get("fake_cancel"):
            return _back(
                redirect_uri,
                state,
                error="access_denied",
                error_description="The user has denied the approval",
            )
        with self._lock:
            user = query.get("fake_user") or self.next_user
            self.next_user = None
        if not user:
            return self._chooser(query)
        code = secrets.token_urlsafe(15)
        with self._lock:
            self._codes[code] = _Grant(
                channel_id=channel.channel_id,
                user_id=user,
                redirect_uri=redirect_uri,
                scope=query.get("scope", ""),
                nonce=query.get("nonce"),
                challenge=query.get("code_challenge"),
                issued_at=self.now(),
            )
        return _back(redirect_uri, state, code=code)

    def _chooser(self, query: dict[str, str]) -> Answer:
        """A plain page: pick a known LINE user, type an id, or cancel. Fake, and says so."""
        known = dict(self.platform.profiles)
        items = "".join(
            f'<li><a href="?{html.escape(urlencode({**query, "fake_user": uid}))}">'
            f"{html.escape(name)} <small>{html.escape(uid)}</small></a></li>"
            for uid, name in known.items()
        )
        hidden = "".join(
            f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
            for k, v in query.items()
            if k != "fake_user"
        )
        cancel = html.escape(urlencode({**query, "fake_cancel": "1"}))
        body = (
            "<!doctype html><html lang='en'><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            "<title>Fake LINE Login</title>"
            "<h1>Fake LINE Login (test platform, not LINE)</h1>"
            "<p>Choose which LINE user signs in.</p>"
            f"<ul>{items}</ul>"
            f"<form method='get'>{hidden}<label>LINE user id "
            "<input name='fake_user' pattern='U.*' required></label> "
            "<button>Sign in</button></form>"
            f"<p><a href='?{cancel}'>Cancel</a></p></html>"
        )
        return 200, {"Content-Type": "text/html; charset=utf-8"}, body.encode()

    # -- tokens ------------------------------------------------------------------------

    def _token(self, form: dict[str, str]) -> Answer:
        channel = self.channels.get(form.get("client_id", ""))
        if channel is None or form.get("client_secret") != channel.secret:
            return _error(400, "invalid_client", "invalid client_id or client_secret")
        grant_type = form.get("grant_type")
        if grant_type == "authorization_code":
            return self._exchange_code(channel, form)
        if grant_type == "refresh_token":
            return self._refresh_token(channel, form)
        return _error(400, "unsupported_grant_type", "unsupported grant_type")

    def _exchange_code(self, channel: LoginChannel, form: dict[str, str]) -> Answer:
        now = self.now()
        with self._lock:
            grant = self._codes.get(form.get("code", ""))
            if grant is None or grant.channel_id != channel.channel_id:
                return _error(400, "invalid_grant", "invalid authorization code")
            if grant.used:  # a replayed code: refuse it and revoke what it gave (RFC 6749)
                for token in grant.tokens:
                    self._tokens.pop(token, None)
                return _error(400, "invalid_grant", "authorization code already used")
            grant.used = True
        if now - grant.issued_at > CODE_LIFETIME:
            return _error(400, "invalid_grant", "authorization code expired")
        if form.get("redirect_uri") != grant.redirect_uri:
            return _error(400, "invalid_grant", "redirect_uri does not match")
        if grant.challenge and not _pkce_matches(form.get("code_verifier", ""), grant.challenge):
            return _error(400, "invalid_grant", "invalid code_verifier")
        access, refresh = self._issue(channel.channel_id, grant.user_id, grant.scope, now)
        with self._lock:
            grant.tokens.append(access)
        answer: dict[str, Any] = {
            "access_token": access,
            "expires_in": ACCESS_TOKEN_LIFETIME,
            "refresh_token": refresh,
            "scope": grant.scope,
            "token_type": "Bearer",
        }
        if "openid" in grant.scope.split():
            answer["id_token"] = self._tampered_id_token(channel, grant)
        return 200, {}, answer

    def _tampered_id_token(self, channel: LoginChannel, grant: _Grant) -> str:
        with self._lock:
            claims, self.next_id_token_claims = self.next_id_token_claims, {}
            forged, self.next_id_token_secret = self.next_id_token_secret, None
        nonce = claims.pop("nonce", grant.nonce)
        token = self.id_token(channel.channel_id, grant.user_id, nonce=nonce, **claims)
        if forged is None:
            return token
        header, payload, _ = token.split(".")
        signature = _hs256(f"{header}.{payload}".encode(), forged)
        return f"{header}.{payload}.{signature}"

    def _refresh_token(self, channel: LoginChannel, form: dict[str, str]) -> Answer:
        now = self.now()
        with self._lock:
            refresh = form.get("refresh_token", "")
            old = self._tokens.get(self._refresh.get(refresh, ""))
            if old is None or old.channel_id != channel.channel_id or old.refresh_expires_at < now:
                return _error(400, "invalid_grant", "invalid refresh token")
            access = secrets.token_urlsafe(32)
            self._tokens[access] = _Token(
                old.channel_id,
                old.user_id,
                old.scope,
                now + ACCESS_TOKEN_LIFETIME,
                old.refresh_expires_at,
            )
            self._refresh[refresh] = access
        return (
            200,
            {},
            {
                "token_type": "Bearer",
                "scope": old.scope,
                "access_token": access,
                "expires_in": ACCESS_TOKEN_LIFETIME,
                "refresh_token": refresh,  # a refresh does not lengthen the refresh token's life
            },
        )

    def _issue(self, channel_id: str, user_id: str, scope: str, now: float) -> tuple[str, str]:
        access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(15)
        with self._lock:
            self._tokens[access] = _Token(
                channel_id,
                user_id,
                scope,
                now + ACCESS_TOKEN_LIFETIME,
                now + REFRESH_TOKEN_LIFETIME,
            )
            self._refresh[refresh] = access
        return access, refresh

    def _revoke(self, form: dict[str, str]) -> Answer:
        channel = self.channels.get(form.get("client_id", ""))
        if channel is None or form.get("client_secret") != channel.secret:
            return _error(400, "invalid_client", "invalid client_id or client_secret")
        with self._lock:
            self._tokens.pop(form.get("access_token", ""), None)
        return 200, {"Content-Type": "application/json"}, b""

    # -- verification ------------------------------------------------------------------

    def _verify_access_token(self, query: dict[str, str]) -> Answer:
        token = self._tokens.get(query.get("access_token", ""))
        if token is None:
            return _error(400, "invalid_request", "invalid access token")
        left = int(token.expires_at - self.now())
        if left <= 0:
            return _error(400, "invalid_request", "access token expired")
        return 200, {}, {"scope": token.scope, "client_id": token.channel_id, "expires_in": left}

    def _verify_id_token(self, form: dict[str, str]) -> Answer:
        """LINE's checks, in the order of its error table."""
        claims = self._verified_claims(form.get("id_token", ""))
        if claims is None:
            return _error(400, "invalid_request", "Invalid IdToken.")
        if claims.get("iss") != ISSUER:
            return _error(400, "invalid_request", "Invalid IdToken Issuer.")
        if int(claims.get("exp", 0)) <= self.now():
            return _error(400, "invalid_request", "IdToken expired.")
        if claims.get("aud") != form.get("client_id"):
            return _error(400, "invalid_request", "Invalid IdToken Audience.")
        if form.get("nonce") and claims.get("nonce") != form["nonce"]:
            return _error(400, "invalid_request", "Invalid IdToken Nonce.")
        if form.get("user_id") and claims.get("sub") != form["user_id"]:
            return _error(400, "invalid_request", "Invalid IdToken Subject Identifier.")
        return 200, {}, claims

    def _verified_claims(self, token: str) -> dict[str, Any] | None:
        """The payload if the signature holds: HS256 with the secret of the channel the token
        names, or ES256 with the platform's key."""
        try:
            header = _header(token)
            if header.get("alg") == "ES256":
                return dict(jwt.decode(token, self._es256, algorithms=["ES256"]).claims)
            if header.get("alg") != "HS256":
                return None
            channel = self.channels.get(str(_payload(token).get("aud", "")))
            if channel is None:
                return None
            key = OctKey.import_key(channel.secret)
            return dict(jwt.decode(token, key, algorithms=["HS256"]).claims)
        except (JoseError, ValueError, KeyError, TypeError, IndexError):
            return None

    def _profile(self, headers: dict[str, str], *, openid: bool) -> Answer:
        bearer = headers.get("authorization", "")
        token = self._tokens.get(bearer.removeprefix("Bearer ").strip())
        if token is None or token.expires_at <= self.now():
            return 401, {}, {"message": "Authentication failed: the access token is not valid"}
        name = self.platform.profiles.get(token.user_id, "LINE user")
        if openid:
            if "openid" not in token.scope.split():
                return 403, {}, {"message": "Not allowed to use the API (openid scope needed)"}
            return 200, {}, {"sub": token.user_id, "name": name}
        return 200, {}, {"userId": token.user_id, "displayName": name}

    def _public_jwk(self) -> dict[str, Any]:
        return {**self._es256.as_dict(private=False), "alg": "ES256", "use": "sig"}


# -- helpers -----------------------------------------------------------------------------


def _wall_clock() -> float:
    return SystemClock(ZoneInfo("UTC")).now().timestamp()


def _single(values: dict[str, list[str]]) -> dict[str, str]:
    return {key: found[0] for key, found in values.items() if found}


def _registered(redirect_uri: str, callback_urls: list[str]) -> bool:
    """LINE matches the registered callback URL; the app may add query parameters."""
    base = redirect_uri.split("?")[0]
    return bool(redirect_uri) and any(base == url.split("?")[0] for url in callback_urls)


def _authorization_problem(query: dict[str, str]) -> tuple[str, str] | None:
    if query.get("response_type") != "code":
        return "unsupported_response_type", "response_type must be code"
    if not query.get("state"):
        return "invalid_request", "state is required"
    scopes = set(query.get("scope", "").split())
    if not scopes or not scopes <= {"openid", "profile", "email"}:
        return "invalid_scope", "invalid scope"
    method = query.get("code_challenge_method")
    if query.get("code_challenge") and method != "S256":
        return "invalid_request", "code_challenge_method must be S256"
    return None


def _pkce_matches(verifier: str, challenge: str) -> bool:
    if not 43 <= len(verifier) <= 128:
        return False
    digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
    expected = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    return secrets.compare_digest(expected, challenge)


def _back(redirect_uri: str, state: str, **params: str) -> Answer:
    joiner = "&" if "?" in redirect_uri else "?"
    location = f"{redirect_uri}{joiner}{urlencode({**params, 'state': state})}"
    return 302, {"Location": location, "Content-Type": "text/plain"}, b""


def _page(status: int, title: str, message: str) -> Answer:
    body = (
        "<!doctype html><html lang='en'><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><h1>{html.escape(title)}</h1>"
        f"<p>Fake LINE Login: {html.escape(message)}</p></html>"
    )
    return status, {"Content-Type": "text/html; charset=utf-8"}, body.encode()


def _error(status: int, error: str, description: str) -> Answer:
    return status, {}, {"error": error, "error_description": description}


def _b64json(part: str) -> dict[str, Any]:
    padded = part + "=" * (-len(part) % 4)
    found = json.loads(base64.urlsafe_b64decode(padded))
    if not isinstance(found, dict):
        raise ValueError("not a JSON object")
    return found


def _header(token: str) -> dict[str, Any]:
    return _b64json(token.split(".")[0])


def _payload(token: str) -> dict[str, Any]:
    return _b64json(token.split(".")[1])


def _hs256(message: bytes, secret: str) -> str:
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
