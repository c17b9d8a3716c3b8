"""Signing in with LINE Login (OpenID Connect), through Authlib's Flask client.

Authlib keeps the `state`, the `nonce` and the PKCE verifier (S256) in the console session
and trades the code for tokens; the ID token is then checked here, because LINE signs the
web flow's ID tokens **HS256 with the Login channel's secret** (its discovery document and
JWKS are for the ES256 tokens of LIFF and the native SDKs): signature, issuer
`https://access.line.me`, audience = the channel ID, expiry by the app's clock, nonce.

Which channel: `LINE_LOGIN_CHANNEL_ID`/`_SECRET`, the sign-in page at
`LINE_LOGIN_BASE_URL` and the token endpoint at `LINE_API_BASE_URL` (tests point both at
the fake platform). Demo mode without them signs in on the in-process fake platform with
a demo channel, through the same flow.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from authlib.integrations.flask_client import FlaskOAuth2App, OAuth
from authlib.oidc.core import CodeIDToken, UserInfo
from flask import Flask, current_app, url_for
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import OctKey

from services import Services, services
from settings import DEMO_LOGIN_CHANNEL_ID, DEMO_LOGIN_CHANNEL_SECRET

ISSUER = "https://access.line.me"
AUTHORIZE_PATH = "/oauth2/v2.1/authorize"
TOKEN_PATH = "/oauth2/v2.1/token"
CALLBACK_PATH = "/console/login/callback"
SCOPE = "openid profile"
#: seconds of clock difference tolerated between LINE and this server
LEEWAY = 60


@dataclass(frozen=True)
class LoginChannel:
    channel_id: str
    secret: str
    authorize_url: str
    token_url: str
    demo: bool  # the in-process fake platform's demo channel


class IdTokenRefused(Exception):
    """The ID token does not prove who signed in (signature, issuer, audience, time, nonce)."""


def channel(running: Services | None = None) -> LoginChannel | None:
    """The LINE Login channel the console signs in with; None when none is set up."""
    running = running or services()
    settings = running.settings
    if settings.line_login_channel_id and settings.line_login_channel_secret:
        return LoginChannel(
            settings.line_login_channel_id,
            settings.line_login_channel_secret,
            settings.line_login_base_url.rstrip("/") + AUTHORIZE_PATH,
            settings.line_api_base_url.rstrip("/") + TOKEN_PATH,
            demo=False,
        )
    if not settings.demo:
        return None
    _ = running.line  # demo mode: the LINE client starts the fake platform
    fake = running.fake_line
    assert fake is not None
    fake.login.now = lambda: running.clock.now().timestamp()  # tokens in the demo's time
    return LoginChannel(
        DEMO_LOGIN_CHANNEL_ID,
        DEMO_LOGIN_CHANNEL_SECRET,
        fake.url + AUTHORIZE_PATH,
        fake.url + TOKEN_PATH,
        demo=True,
    )


def callback_url(running: Services | None = None) -> str:
    """The URL to register as the channel's callback: on PUBLIC_BASE_URL, so it is the
    same whatever host a request came by."""
    running = running or services()
    return running.settings.public_base_url.rstrip("/") + CALLBACK_PATH


def redirect_uri(found: LoginChannel) -> str:
    """Where LINE sends the browser back. Demo mode runs on whatever address the browser
    used (127.0.0.1 or localhost), and registers it with its own fake channel."""
    if not found.demo:
        return callback_url()
    here = url_for("console.callback", _external=True)
    fake = services().fake_line
    assert fake is not None
    fake.login.add_channel(found.channel_id, found.secret, [here])
    return here


class LineLoginApp(FlaskOAuth2App):
    """Authlib's Flask client, with LINE's web-flow ID token checked as LINE signs it."""

    def parse_id_token(
        self,
        token: dict[str, Any],
        nonce: str,
        claims_options: Any = None,
        claims_cls: Any = None,
        leeway: int = LEEWAY,
    ) -> UserInfo:
        claims = verify_id_token(
            token["id_token"],
            channel_id=str(self.client_id),
            secret=str(self.client_secret),
            nonce=nonce,
            now=services().clock.now(),
        )
        return UserInfo(claims)


class LineOAuth(OAuth):
    oauth2_client_cls = LineLoginApp


def verify_id_token(
    id_token: str, *, channel_id: str, secret: str, nonce: str | None, now: datetime
) -> dict[str, Any]:
    """The ID token's claims if it is the one LINE issued for this sign-in; else
    `IdTokenRefused`. A missing nonce is refused: every sign-in sends one."""
    if not nonce:
        raise IdTokenRefused("no nonce was sent with this sign-in")
    try:
        decoded = jwt.decode(id_token, OctKey.import_key(secret), algorithms=["HS256"])
        claims = CodeIDToken(
            decoded.claims,
            decoded.header,
            {
                "iss": {"essential": True, "value": ISSUER},
                "aud": {"essential": True, "value": channel_id},
            },
            {"nonce": nonce, "client_id": channel_id},
        )
        claims.validate(now=int(now.timestamp()), leeway=LEEWAY)
    except (JoseError, ValueError) as error:
        raise IdTokenRefused(f"{type(error).__name__}: {error}") from error
    if not str(claims.get("sub", "")).startswith("U"):
        raise IdTokenRefused("the subject is not a LINE user id")
    return dict(claims)


def client() -> LineLoginApp:
    """The Authlib client for the channel in use, registered on first use (in demo mode the
    fake platform's address is known only once it has started)."""
    oauth: LineOAuth = current_app.extensions["tidtam.console.oauth"]
    found = oauth.create_client("line")
    if found is not None:
        return found
    login = channel()
    if login is None:
        raise RuntimeError("LINE Login is not set up")
    oauth.register(
        "line",
        client_id=login.channel_id,
        client_secret=login.secret,
        authorize_url=login.authorize_url,
        access_token_url=login.token_url,
        client_kwargs={
            "scope": SCOPE,
            "code_challenge_method": "S256",
            "token_endpoint_auth_method": "client_secret_post",
            "default_timeout": services().settings.line_timeout,
        },
    )
    return oauth.create_client("line")


def init_app(app: Flask) -> None:
    app.extensions["tidtam.console.oauth"] = LineOAuth(app)
