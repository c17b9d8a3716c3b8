"""Reading a name and a Thai phone number as a citizen types them (`<name> 081-234-5678`),
with or without the words people put around them (`messages_th.citizen_text`)."""

from __future__ import annotations

import re

from messages_th.citizen_text import CONTACT_LABELS
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
