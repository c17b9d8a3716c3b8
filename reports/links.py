"""Signed, expiring download links for the reports (they are generated when fetched)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from reports import periods

VALID_FOR = timedelta(days=7)
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
