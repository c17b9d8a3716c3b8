"""Heads ask for the report documents in LINE and get signed download links."""

from __future__ import annotations

from handlers.context import Context
from handlers.router import Audience, Router
from messages_th import report_text as text
from usecases.documents import NoPlanFor, document_links

router = Router()


def _is_request(typed: str) -> bool:
    return text.read_request(typed) is not None


@router.text(text.DOCUMENTS, audience=Audience.HEAD)
def choose(ctx: Context) -> None:
    ctx.reply(text.choose_document())


@router.text(when=_is_request, audience=Audience.HEAD)
def document(ctx: Context) -> None:
    request = text.read_request(ctx.event.text or "")
    assert request is not None
    kind, year, month_no = request
    found = document_links(
        ctx.session, ctx.actor, ctx.services.links, ctx.now, kind, year, month_no
    )
    if isinstance(found, NoPlanFor):
        ctx.reply(text.no_plan_for(found.fiscal_year))
        return
    period = found.period
    title = text.request_title(period.kind, period.fiscal_year, period.focus)
    ctx.reply(text.links(title, found.docx, found.xlsx, found.expires))


@router.text(text.DOCUMENTS, when=_is_request, audience=Audience.ANYONE)
def not_for_you(ctx: Context) -> None:
    base = ctx.services.settings.public_base_url.rstrip("/")
    ctx.reply(text.heads_only(f"{base}/public"))
