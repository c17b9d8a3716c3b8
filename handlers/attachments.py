"""Photos and files sent into a form: downloaded from LINE once, within a size limit enforced
while downloading, and kept by content hash until the form ends. The staff report's
evidence and a citizen's case photos both come through here, and both tell the person, in
Thai, why one was not attached (too big, or LINE would not give it)."""

from __future__ import annotations

from delivery.clients import NoChannel
from delivery.line_api import ContentTooLarge, ContentUnavailable
from handlers.context import Context
from handlers.forms import FileDraft
from messages_th import common
from usecases.evidence import keep_file

MB = 1024 * 1024


def attach(ctx: Context, *, max_mb: int) -> FileDraft | None:
    """Download the event's content and keep it; None, after telling the person why, when it
    cannot be attached. A file message says its size beforehand: over the limit, it is not
    downloaded at all; other content is given up as soon as it passes the limit."""
    limit = max_mb * MB
    declared = ctx.event.message.get("fileSize")
    if isinstance(declared, int) and declared > limit:
        ctx.reply(common.file_too_big(max_mb))
        return None
    try:
        line = ctx.services.line_for(ctx.agency_id, ctx.session)
        data, content_type = line.content(ctx.event.message_id or "", limit)
    except ContentTooLarge:
        ctx.reply(common.file_too_big(max_mb))
        return None
    except (ContentUnavailable, NoChannel):
        ctx.reply(common.file_unavailable())
        return None
    name = ctx.event.message.get("fileName")
    return FileDraft(
        sha256=keep_file(ctx.session, data, content_type, ctx.now),
        kind=ctx.event.message_type or "file",
        file_name=name if isinstance(name, str) else "",
        line_message_id=ctx.event.message_id or None,
    )
