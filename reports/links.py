"""Signed, expiring download links for the reports (they are generated when fetched)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from itsdangerous import BadSignature, URLSafeSerializer

from reports import periods

VALID_FOR = timedelta(days=7)
MONTH_PAGE_VALID_FOR = timedelta(days=7)
PHOTOS_VALID_FOR = timedelta(days=30)
KINDS = ("docx", "xlsx", "csv")


def signature(secret: str, fiscal_year: int, key: str, kind: str, expires: int) -> str:
    message = f"{fiscal_year}|{key}|{kind}|{expires}".encode()
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


@dataclass(frozen=True)
class Links:
    """The download links of one deployment: signed with its secret, at its address."""

    secret: str
    base_url: str
    liff_id: str | None = None  # the LIFF app that opens the month page inside LINE

    def month_entry(self, staff_id: int, month: date, now: datetime) -> str:
        """Where a person's month page is opened from LINE: the LIFF app where there is one
        (it signs them in with LINE), else their own one-time link."""
        if self.liff_id:
            return f"https://liff.line.me/{self.liff_id}"
        return self.month_page(staff_id, month, now)

    def signed_url(self, period: periods.Period, kind: str, now: datetime) -> str:
        expires = int((now + VALID_FOR).timestamp())
        sig = signature(self.secret, period.fiscal_year, period.key, kind, expires)
        query = urlencode({"exp": expires, "sig": sig})
        base = self.base_url.rstrip("/")
        return f"{base}/reports/download/{period.fiscal_year}/{period.key}.{kind}?{query}"

    def signed_path(self, path: str, now: datetime) -> str:
        """A page of this deployment for whom the link was sent to only (a case's page for
        its handlers): its path signed with an expiry."""
        expires = int((now + VALID_FOR).timestamp())
        query = urlencode({"exp": expires, "sig": path_signature(self.secret, path, expires)})
        return f"{self.base_url.rstrip('/')}/{path}?{query}"

    def month_report(self, fiscal_year: int, month: date, now: datetime) -> str:
        """The month's meeting report (DOCX), for the monthly summary to link to."""
        return self.signed_url(periods.month(fiscal_year, month), "docx", now)

    def month_page(self, staff_id: int, month: date, now: datetime) -> str:
        """A person's one-time link to their month's page: bound to them and the month,
        it expires, and it records the month once (`models.used_link`)."""
        token = _pass_signer(self.secret, "month-page").dumps(
            {
                "s": staff_id,
                "m": month.isoformat(),
                "e": int((now + MONTH_PAGE_VALID_FOR).timestamp()),
                "n": secrets.token_urlsafe(12),
            }
        )
        return f"{self.base_url.rstrip('/')}/month/{token}"

    def month_photos(self, month: date, now: datetime) -> str:
        """The evidence photos of a month's reports, for the heads and the staff."""
        payload = {"m": month.isoformat(), "e": int((now + PHOTOS_VALID_FOR).timestamp())}
        token = _pass_signer(self.secret, "photos").dumps(payload)
        return f"{self.base_url.rstrip('/')}/photos/{token}"


@dataclass(frozen=True)
class MonthPass:
    """What a month page's link grants: one person, one month, once (`nonce`)."""

    staff_id: int
    month: date
    nonce: str


@dataclass(frozen=True)
class PhotosPass:
    month: date


def _pass_signer(secret: str, purpose: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret, salt=f"tidtam-{purpose}")


def _read_pass(secret: str, purpose: str, token: str, now: datetime) -> dict | str:
    try:
        payload = _pass_signer(secret, purpose).loads(token)
        expires = int(payload["e"])
        date.fromisoformat(payload["m"])
    except (BadSignature, KeyError, TypeError, ValueError):
        return "forbidden"
    return payload if expires > now.timestamp() else "expired"


def read_month_page(secret: str, token: str, now: datetime) -> MonthPass | str:
    """The pass a month page's link carries; 'forbidden' or 'expired' if none."""
    payload = _read_pass(secret, "month-page", token, now)
    if isinstance(payload, str):
        return payload
    try:
        return MonthPass(int(payload["s"]), date.fromisoformat(payload["m"]), str(payload["n"]))
    except (KeyError, TypeError, ValueError):
        return "forbidden"


def read_photos(secret: str, token: str, now: datetime) -> PhotosPass | str:
    payload = _read_pass(secret, "photos", token, now)
    if isinstance(payload, str):
        return payload
    return PhotosPass(date.fromisoformat(payload["m"]))


def path_signature(secret: str, path: str, expires: int) -> str:
    digest = hmac.new(secret.encode(), f"page|{path}|{expires}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def verify_path(secret: str, path: str, expires: str, given: str, now: datetime) -> str:
    """'ok', 'expired' or 'forbidden', as `verify` for a signed page."""
    if not re.fullmatch(r"[0-9]{1,12}", expires):
        return "forbidden"
    if not hmac.compare_digest(path_signature(secret, path, int(expires)), given):
        return "forbidden"
    return "ok" if int(expires) > now.timestamp() else "expired"


def verify(
    secret: str, fiscal_year: int, key: str, kind: str, expires: str, given: str, now: datetime
) -> str:
    """'ok', 'expired' or 'forbidden' (a wrong signature, even on an expired link, is forbidden)."""
    if not re.fullmatch(r"[0-9]{1,12}", expires) or kind not in KINDS:
        return "forbidden"
    if not hmac.compare_digest(signature(secret, fiscal_year, key, kind, int(expires)), given):
        return "forbidden"
    return "ok" if int(expires) > now.timestamp() else "expired"
