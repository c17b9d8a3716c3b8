"""Inbound LINE: the webhook, the inbox worker, and the listeners in the order they are tried."""

from __future__ import annotations

from flask import Flask

from handlers import (
    basics,
    case_work,
    citizen_info,
    citizen_rating,
    citizen_suggest,
    follow_up,
    help,
    leave,
    month_page,
    privacy_requests,
    report_docs,
    staff_link,
    staff_report,
    staff_requests,
    staff_status,
)
from handlers.conversation import Flows
from handlers.dispatch import Dispatcher
from handlers.router import Router


def build_dispatcher() -> Dispatcher:
    """Every capability's listeners, in the order they are tried; the catch-alls last."""
    root, flows = Router(), Flows()
    root.include(basics.router)
    # before staff_link: a citizen's request for their data is not `staff_chat.WHOAMI`
    root.include(privacy_requests.router)
    flows.add(privacy_requests.flow)
    root.include(staff_link.router)
    root.include(report_docs.router)
    root.include(month_page.router)  # before staff_report: the month page words are no report
    root.include(staff_report.router)
    flows.add(staff_report.flow)
    root.include(staff_status.router)
    root.include(leave.router)
    root.include(follow_up.router)
    root.include(staff_requests.router)
    root.include(citizen_info.router)
    root.include(citizen_suggest.router)
    flows.add(citizen_suggest.flow)
    flows.add(citizen_suggest.answer_flow)
    root.include(case_work.router)
    flows.add(case_work.close_flow)
    flows.add(case_work.reopen_flow)
    root.include(citizen_rating.router)
    flows.add(citizen_rating.flow)
    root.include(help.router)
    root.include(basics.long_messages)
    # staff's own words before the citizens' free questions: a head is no citizen
    root.include(staff_requests.requests)
    root.include(citizen_info.questions)
    root.include(basics.fallbacks)
    return Dispatcher(root, flows)


def init_app(app: Flask) -> None:
    from handlers import cli
    from handlers.webhook import bp

    app.register_blueprint(bp)
    cli.init_app(app)
