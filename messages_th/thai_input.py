"""Reading what people type: digits of either kind, stray spaces, vowel-order slips."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pythainlp.util import normalize as thai_normalize

from messages_th.digits import to_arabic

_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1024)
def clean(text: str) -> str:
    """NFC, Thai vowel and tone order fixed, Arabic digits, single spaces, trimmed.

    Remembered: every text listener reads the same message through here, and PyThaiNLP's
    normalising is some forty regular-expression passes.
    """
    text = text or ""
    for _ in range(_PASSES):  # until it holds: "กๅๅ" becomes "กาๅ", and only then "กา"
        cleaned = _clean_once(text)
        if cleaned == text:
            break
        text = cleaned
    return text


#: PyThaiNLP's normalising is not always done in one pass, and joining spaces can make a
#: new neighbour for a stray mark; cleaning what is clean must change nothing (readers
#: clean a line, then its parts)
_PASSES = 4


def _clean_once(text: str) -> str:
    text = thai_normalize(unicodedata.normalize("NFC", text))
    return _SPACES.sub(" ", to_arabic(text)).strip()


def squash(text: str) -> str:
    """`clean` without any spaces, for matching words typed with or without them."""
    return clean(text).replace(" ", "").lower()


_PHONE = re.compile(r"(?<!\d)(0\d{1,2})[-\s.]?(\d{3})[-\s.]?(\d{3,4})(?!\d)")


def read_contact(text: str) -> tuple[str, str] | None:
    """`สมศรี 081-234-5678` → (name, phone); None without a Thai phone number or a name."""
    typed = clean(text)
    match = _PHONE.search(typed)
    if not match:
        return None
    phone = "-".join(match.groups())
    name = _SPACES.sub(" ", (typed[: match.start()] + " " + typed[match.end() :])).strip(" ,:;-")
    for word in ("ชื่อ", "เบอร์โทร", "เบอร์", "โทร", "tel"):
        name = name.replace(word, " ")
    name = _SPACES.sub(" ", name).strip(" ,:;-")
    return (name, phone) if name else None


#: what stands in for personal data taken out of a text kept anonymously
PERSONAL_DATA = {
    "phone": "[เบอร์โทร]",
    "id_card": "[เลขบัตรประชาชน]",
    "email": "[อีเมล]",
    "line_id": "[ไลน์ไอดี]",
}
_ID_CARD = re.compile(r"(?<!\d)\d[-\s]?\d{4}[-\s]?\d{5}[-\s]?\d{2}[-\s]?\d(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LINE_ID = re.compile(
    r"\bU[0-9a-f]{32}\b|(?:line\s*id|ไลน์ไอดี|ไอดีไลน์|ไอดี|ไลน์)\s*[:：]?\s*@?[a-z0-9._-]{3,20}"
    r"|(?<![\w.])@[a-z0-9._-]{3,20}",
    re.I,
)


def without_personal_data(text: str) -> str:
    """The text with phone numbers, ID card numbers, e-mail and LINE ids replaced."""
    typed = clean(text)
    typed = _EMAIL.sub(PERSONAL_DATA["email"], typed)
    typed = _LINE_ID.sub(PERSONAL_DATA["line_id"], typed)
    typed = _ID_CARD.sub(PERSONAL_DATA["id_card"], typed)
    return _PHONE.sub(PERSONAL_DATA["phone"], typed)
