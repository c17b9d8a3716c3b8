"""A channel's secret and access token, encrypted at rest (docs/TENANCY.md, "The model").

`cryptography`'s MultiFernet over the keys in TIDTAM_CREDENTIALS_KEYS (comma-separated,
newest first): new values are sealed with the newest key, any listed key opens, and
`reseal` moves a value to the newest key, so a key is rotated by listing a new one first,
resealing every stored value, then dropping the old key.
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken, MultiFernet


class CredentialsLocked(Exception):
    """No key opens this value (the key that sealed it was dropped, or the value is not
    one of ours), or no keys are configured."""


class Sealer:
    """Seals and opens credentials with the deployment's keys."""

    def __init__(self, keys: list[str]) -> None:
        if not keys:
            raise CredentialsLocked("no credentials keys")
        try:
            self._fernet = MultiFernet([Fernet(key.encode()) for key in keys])
        except ValueError as error:  # a key that is not 32 url-safe base64 bytes
            raise CredentialsLocked("a credentials key is not a Fernet key") from error

    @classmethod
    def from_setting(cls, value: str | None) -> Sealer | None:
        """The sealer for TIDTAM_CREDENTIALS_KEYS, or None when it is unset."""
        keys = [key.strip() for key in (value or "").split(",") if key.strip()]
        return cls(keys) if keys else None

    def seal(self, plain: str) -> str:
        return self._fernet.encrypt(plain.encode()).decode()

    def open(self, sealed: str) -> str:
        try:
            return self._fernet.decrypt(sealed.encode()).decode()
        except InvalidToken as error:
            raise CredentialsLocked("no configured key opens this value") from error

    def reseal(self, sealed: str) -> str:
        """The same value sealed with the newest key (MultiFernet.rotate)."""
        try:
            return self._fernet.rotate(sealed.encode()).decode()
        except InvalidToken as error:
            raise CredentialsLocked("no configured key opens this value") from error


def new_key() -> str:
    """A fresh key for TIDTAM_CREDENTIALS_KEYS."""
    return Fernet.generate_key().decode()
