"""Signed, expiring download links for the reports (they are generated when fetched).

Each link is one agency's: another agency than no. 1 is named in the link (`a=<id>` in a
query, `"a"` in a pass) and in what is signed, so a link of agency A altered to name B is
refused; agency no. 1's links carry no agency and read as they always have (links sent
before there were agencies still work).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from itsdangerous import BadSignature, URLSafeSerializer

from reports import periods

VALID_FOR = timedelta(days=7)
MONTH_PAGE_VALID_FOR = timedelta(days=7)
PHOTOS_VALID_FOR = timedelta(days=30)
KINDS = ("docx", "xlsx", "csv")
#: the deployment's own agency (models.agency.FIRST_AGENCY_ID): its links name none
FIRST_AGENCY = 1


def _agency_part(agency_id: int) -> str:
    return "" if agency_id == FIRST_AGENCY else f"{agency_id}|"


def link_agency(given: str | None) -> int | None:
    """The agency a link names (`a=`): no. 1 when it names none; None if it is not one."""
    if not given:
        return FIRST_AGENCY
    if not re.fullmatch(r"[1-9][0-9]{0,8}", given):
        return None
    return int(given)


def _agency_query(agency_id: int) -> dict[str, int]:
    return {} if agency_id == FIRST_AGENCY else {"a": agency_id}


def signature(
    secret: str, fiscal_year: int, key: str, kind: str, expires: int, agency_id: int = FIRST_AGENCY
) -> str:
    message = f"{_agency_part(agency_id)}{fiscal_year}|{key}|{kind}|{expires}".encode()
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


@dataclass(frozen=True)
class Links:
    """The download links of one deployment: signed with its secret, at its address."""

    secret: str
    base_url: str
    liff_id: str | None = None  # the LIFF app that opens the month page inside LINE
    agency_id: int = FIRST_AGENCY  # whose links these are

    def for_agency(self, agency_id: int) -> Links:
        """The same deployment's links for `agency_id`."""
        return self if agency_id == self.agency_id else replace(self, agency_id=agency_id)

    def month_entry(self, staff_id: int, month: date, now: datetime) -> str:
        """Where a person's month page is opened from LINE: the LIFF app where there is one
        (it signs them in with LINE), else their own one-time link."""
        if self.liff_id:
            return f"https://liff.line.me/{self.liff_id}"
        return self.month_page(staff_id, month, now)

    def signed_url(self, period: periods.Period, kind: str, now: datetime) -> str:
        expires = int((now + VALID_FOR).timestamp())
        sig = signature(self.secret, period.fiscal_year, period.key, kind, expires, self.agency_id)
        query = urlencode({**_agency_query(self.agency_id), "exp": expires, "sig": sig})
        base = self.base_url.rstrip("/")
        return f"{base}/reports/download/{period.fiscal_year}/{period.key}.{kind}?{query}"

    def signed_path(self, path: str, now: datetime) -> str:
        """A page of this deployment for whom the link was sent to only (a case's page for
        its handlers): its path signed with an expiry."""
        expires = int((now + VALID_FOR).timestamp())
        sig = path_signature(self.secret, path, expires, self.agency_id)
        query = urlencode({**_agency_query(self.agency_id), "exp": expires, "sig": sig})
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
        payload: dict[str, object] = {
            "m": month.isoformat(),
            "e": int((now + PHOTOS_VALID_FOR).timestamp()),
        }
        if self.agency_id != FIRST_AGENCY:
            payload["a"] = self.agency_id
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
    agency_id: int = FIRST_AGENCY


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
    try:
        agency_id = int(payload.get("a", FIRST_AGENCY))
    except (TypeError, ValueError):
        return "forbidden"
    return PhotosPass(date.fromisoformat(payload["m"]), agency_id)


def path_signature(secret: str, path: str, expires: int, agency_id: int = FIRST_AGENCY) -> str:
    message = f"page|{_agency_part(agency_id)}{path}|{expires}".encode()
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def verify_path(
    secret: str,
    path: str,
    expires: str,
    given: str,
    now: datetime,
    agency_id: int = FIRST_AGENCY,
) -> str:
    """'ok', 'expired' or 'forbidden', as `verify` for a signed page."""
    if not re.fullmatch(r"[0-9]{1,12}", expires):
        return "forbidden"
    if not hmac.compare_digest(path_signature(secret, path, int(expires), agency_id), given):
        return "forbidden"
    return "ok" if int(expires) > now.timestamp() else "expired"


def verify(
    secret: str,
    fiscal_year: int,
    key: str,
    kind: str,
    expires: str,
    given: str,
    now: datetime,
    agency_id: int = FIRST_AGENCY,
) -> str:
    """'ok', 'expired' or 'forbidden' (a wrong signature, even on an expired link, is forbidden)."""
    if not re.fullmatch(r"[0-9]{1,12}", expires) or kind not in KINDS:
        return "forbidden"
    expected = signature(secret, fiscal_year, key, kind, int(expires), agency_id)
    if not hmac.compare_digest(expected, given):
        return "forbidden"
    return "ok" if int(expires) > now.timestamp() else "expired"
