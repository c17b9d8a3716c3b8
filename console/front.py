"""`/`: never a 404. In demo mode a page that points to the simulator, the console and the
public page; otherwise the console (its sign-in, for anyone not signed in). Also serves
the console's stylesheet, outside /console so fetching it never reads a session."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, render_template, url_for

from console.guard import console_route
from messages_th import console_text
from services import services
from settings import ROOT

bp = Blueprint(
    "console_front",
    __name__,
    template_folder=str(ROOT / "web" / "templates"),
    static_folder=str(ROOT / "web" / "static"),
    static_url_path="/console-static",
)


@console_route(bp, "/", roles=None)
def front() -> Any:
    if not services().settings.demo:
        return redirect(url_for("console.home"))
    where = {
        "simulator": url_for("simulator.page"),
        "console": url_for("console.home"),
        "public": url_for("public.current"),
    }
    links = [(key, where[key], title, text) for key, title, text in console_text.FRONT_LINKS]
    return render_template("console/front.html", t=console_text, actor=None, nav=[], links=links)
