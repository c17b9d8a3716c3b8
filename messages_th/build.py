"""LINE messages as plain dicts in LINE's JSON form: text, quick replies, Flex parts.
Every word a person reads is printed in one digit system, the agency's (`digits.chat`).

`messages_th` modules build messages with these; the delivery code sends the dicts, and the
outbox stores them as they are. Limits (LINE's): 13 quick replies with labels of at most
20 characters, postback data of at most 300, text of at most 5,000.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from messages_th.digits import chat

TEXT_LIMIT = 5000
QUICK_REPLY_LIMIT = 13
LABEL_LIMIT = 20
FLEX_BUTTON_LABEL_LIMIT = 40  # a Flex button's action label (quick replies and templates: 20)
ALT_TEXT_LIMIT = 400
POSTBACK_LIMIT = 300

Message = dict[str, Any]

# colours shared by every card: the agency's green, and the status colours
GREEN = "#06C755"
DARK = "#1F2933"
MUTED = "#6B7280"
LIGHT = "#F3F4F6"
STATUS_COLOUR = {"not_started": "#9CA3AF", "in_progress": "#F59E0B", "done": "#10B981"}


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def text(body: str, *, quick_replies: list[dict[str, Any]] | None = None) -> Message:
    message: Message = {"type": "text", "text": clip(chat(body), TEXT_LIMIT)}
    if quick_replies:
        message["quickReply"] = {
            "items": [{"type": "action", "action": a} for a in quick_replies[:QUICK_REPLY_LIMIT]]
        }
    return message


def with_quick_replies(message: Message, actions: list[dict[str, Any]]) -> Message:
    if actions:
        message = dict(message)
        message["quickReply"] = {
            "items": [{"type": "action", "action": a} for a in actions[:QUICK_REPLY_LIMIT]]
        }
    return message


# -- actions ---------------------------------------------------------------------------


def postback_data(action: str, **values: Any) -> str:
    try:
        return _postback_data(action, tuple(values.items()))
    except TypeError:  # a value that can not be a cache's key: made each time
        return _postback_data.__wrapped__(action, tuple(values.items()))


@lru_cache(maxsize=4096)
def _postback_data(action: str, values: tuple[tuple[str, Any], ...]) -> str:
    """The same buttons are in many messages (a tick's reminders): made once each."""
    data = urlencode({"a": action, **{k: v for k, v in values if v is not None}})
    if len(data) > POSTBACK_LIMIT:
        raise ValueError(f"postback data over {POSTBACK_LIMIT} characters: {data[:40]}…")
    return data


def postback(
    label: str, action: str, *, display: str | None = None, **values: Any
) -> dict[str, Any]:
    """A button that sends data to the bot; `display` is what the chat shows as the user's words."""
    result = {
        "type": "postback",
        "label": clip(chat(label), LABEL_LIMIT),
        "data": postback_data(action, **values),
    }
    if display:
        result["displayText"] = clip(chat(display), 300)
    return result


def in_flex_button(action: dict[str, Any], label: str) -> dict[str, Any]:
    """An action for a Flex button, whose label may be longer than elsewhere."""
    return {**action, "label": clip(label, FLEX_BUTTON_LABEL_LIMIT)}


def say(label: str, words: str | None = None) -> dict[str, Any]:
    """A button that sends words as if the user typed them."""
    return {
        "type": "message",
        "label": clip(chat(label), LABEL_LIMIT),
        "text": chat(words or label),
    }


def date_picker(
    label: str,
    action: str,
    *,
    initial: date,
    earliest: date,
    latest: date,
    **values: Any,
) -> dict[str, Any]:
    """LINE's date picker: the postback carries the day chosen in `params.date`."""
    return {
        "type": "datetimepicker",
        "label": clip(label, LABEL_LIMIT),
        "data": postback_data(action, **values),
        "mode": "date",
        "initial": initial.isoformat(),
        "min": earliest.isoformat(),
        "max": latest.isoformat(),
    }


def link(label: str, url: str) -> dict[str, Any]:
    return {"type": "uri", "label": clip(chat(label), LABEL_LIMIT), "uri": url}


def camera(label: str) -> dict[str, Any]:
    return {"type": "camera", "label": clip(label, LABEL_LIMIT)}


def camera_roll(label: str) -> dict[str, Any]:
    return {"type": "cameraRoll", "label": clip(label, LABEL_LIMIT)}


def location_picker(label: str) -> dict[str, Any]:
    return {"type": "location", "label": clip(label, LABEL_LIMIT)}


# -- Flex ------------------------------------------------------------------------------


def flex(
    alt_text: str, contents: dict[str, Any], *, quick_replies: list[dict[str, Any]] | None = None
) -> Message:
    message: Message = {
        "type": "flex",
        "altText": clip(chat(alt_text), ALT_TEXT_LIMIT),
        "contents": contents,
    }
    return with_quick_replies(message, quick_replies or [])


def carousel(bubbles: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "carousel", "contents": bubbles[:12]}


def bubble(
    body: list[dict[str, Any]],
    *,
    header: list[dict[str, Any]] | None = None,
    footer: list[dict[str, Any]] | None = None,
    size: str = "mega",
    header_colour: str = GREEN,
) -> dict[str, Any]:
    result: dict[str, Any] = {"type": "bubble", "size": size, "body": box(body, spacing="md")}
    if header:
        result["header"] = box(header, background=header_colour, padding="lg")
    if footer:
        result["footer"] = box(footer, spacing="sm")
    return result


def box(
    contents: list[dict[str, Any]],
    *,
    layout: str = "vertical",
    spacing: str | None = None,
    background: str | None = None,
    padding: str | None = None,
    margin: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    result: dict[str, Any] = {"type": "box", "layout": layout, "contents": contents}
    if spacing:
        result["spacing"] = spacing
    if background:
        result["backgroundColor"] = background
    if padding:
        result["paddingAll"] = padding
    if margin:
        result["margin"] = margin
    result.update(extra)
    return result


def label(
    body: str,
    *,
    size: str = "sm",
    colour: str = DARK,
    bold: bool = False,
    wrap: bool = True,
    flex: int | None = None,
    align: str | None = None,
    margin: str | None = None,
) -> dict[str, Any]:
    result: dict[str, Any] = {
        "type": "text",
        "text": clip(chat(body or " "), 2000),
        "size": size,
        "color": colour,
        "wrap": wrap,
    }
    if bold:
        result["weight"] = "bold"
    if flex is not None:
        result["flex"] = flex
    if align:
        result["align"] = align
    if margin:
        result["margin"] = margin
    return result


def separator(margin: str = "md") -> dict[str, Any]:
    return {"type": "separator", "margin": margin}


def button(
    action: dict[str, Any], *, primary: bool = False, colour: str | None = None
) -> dict[str, Any]:
    result: dict[str, Any] = {
        "type": "button",
        "action": action,
        "style": "primary" if primary else "secondary",
        "height": "sm",
    }
    if colour or primary:
        result["color"] = colour or GREEN
    return result


def progress_bar(percent: float, *, colour: str = GREEN, height: str = "8px") -> dict[str, Any]:
    """A bar drawn with two boxes; LINE has no progress component of its own."""
    filled = max(0, min(100, round(percent)))
    inner = [box([], width=f"{filled}%", background=colour, height=height)] if filled else []
    return box(inner, background="#E5E7EB", height=height, cornerRadius="4px", margin="sm")


def key_value(key: str, value: str, *, value_colour: str = DARK) -> dict[str, Any]:
    return box(
        [label(key, colour=MUTED, flex=2), label(value, colour=value_colour, flex=5)],
        layout="baseline",
        spacing="sm",
    )
