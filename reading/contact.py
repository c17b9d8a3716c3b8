"""Reading a name and a Thai phone number as a citizen types them (`<name> 081-234-5678`),
with or without the words people put around them (`messages_th.citizen_text`); and
taking personal data out of a text that is kept anonymously."""

from __future__ import annotations

import re

from messages_th.citizen_text import CONTACT_LABELS
from messages_th.privacy_text import LINE_ID_WORDS, PERSONAL_DATA
from reading.text import clean

_PHONE = re.compile(r"(?<!\d)(0\d{1,2})[-\s.]?(\d{3})[-\s.]?(\d{3,4})(?!\d)")
_SPACES = re.compile(r"\s+")


def read_contact(text: str) -> tuple[str, str] | None:
    """(name, phone); None without a Thai phone number or without a name."""
    typed = clean(text)
    match = _PHONE.search(typed)
    if not match:
        return None
    phone = "-".join(match.groups())
    name = _SPACES.sub(" ", (typed[: match.start()] + " " + typed[match.end() :])).strip(" ,:;-")
    for word in CONTACT_LABELS:
        name = name.replace(word, " ")
    name = _SPACES.sub(" ", name).strip(" ,:;-")
    return (name, phone) if name else None


_ID_CARD = re.compile(r"(?<!\d)\d[-\s]?\d{4}[-\s]?\d{5}[-\s]?\d{2}[-\s]?\d(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LINE_ID = re.compile(
    rf"\bU[0-9a-f]{{32}}\b|(?:{LINE_ID_WORDS})\s*[:：]?\s*@?[a-z0-9._-]{{3,20}}"
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
