"""Heads ask for the report documents in LINE and get signed download links."""

from __future__ import annotations

from handlers.context import Context
from handlers.router import Audience, Router
from messages_th import report_text as text
from reading.documents import DocumentRequest, read_request
from usecases.documents import NoPlanFor, document_links

router = Router()


@router.text(text.DOCUMENTS, audience=Audience.HEAD)
def choose(ctx: Context) -> None:
    ctx.reply(text.choose_document())


@router.text(when=read_request, audience=Audience.HEAD)
def document(ctx: Context) -> None:
    request: DocumentRequest = ctx.parsed  # what `read_request` read
    send_links(ctx, request.kind, request.year, request.month_no)


def send_links(ctx: Context, kind: str, year: int | None, month_no: int | None = None) -> None:
    """Signed links to a period's documents (`document_links`), or why there are none."""
    found = document_links(ctx.session, ctx.actor, ctx.links, ctx.now, kind, year, month_no)
    if isinstance(found, NoPlanFor):
        ctx.reply(text.no_plan_for(found.fiscal_year))
        return
    period = found.period
    title = text.request_title(period.kind, period.fiscal_year, period.focus)
    ctx.reply(text.links(title, found.docx, found.xlsx, found.expires))


@router.text(text.DOCUMENTS, when=read_request, audience=Audience.ANYONE)
def not_for_you(ctx: Context) -> None:
    base = ctx.services.settings.public_base_url.rstrip("/")
    ctx.reply(text.heads_only(f"{base}/public"))
