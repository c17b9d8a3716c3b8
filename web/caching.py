"""The public page, its JSON and the chart are made once per change of the data.

Anyone may fetch them, and each costs a year's queries and a render (the chart 190–270 ms
of matplotlib). Their ETag is derived from the data they show (`public_data_version`, one
cheap statement), the year and month shown, and the code that draws them: a browser or
proxy that has it gets 304 at the cost of that statement, and everyone else the bytes
this process made the first time (a small cache per process, by ETag). `Cache-Control:
no-cache` lets caches keep a copy but ask each time, so a new report shows at once.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from flask import Flask, Response, current_app, request

from models import tenancy
from models.data_version import public_data_version
from models.db import get_session
from settings import ROOT

CACHE_CONTROL = "public, no-cache"
#: the files that decide what these responses look like, beside the data
DRAWN_BY = (
    "web/templates/public.html",
    "web/public.py",
    "web/charts.py",
    "web/static/public.css",
    "reports/chart.py",
    "reports/year_data.py",
    "messages_th/public_text.py",
    "messages_th/case_words.py",
    "usecases/cases.py",
    "messages_th/photos_text.py",
)


@dataclass(frozen=True)
class Rendered:
    body: bytes
    mimetype: str


class RenderedCache:
    """The last few responses this process made, by ETag (least recently used goes)."""

    def __init__(self, size: int = 16) -> None:
        self.size = size
        self._items: OrderedDict[str, Rendered] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, etag: str) -> Rendered | None:
        with self._lock:
            found = self._items.get(etag)
            if found is not None:
                self._items.move_to_end(etag)
            return found

    def put(self, etag: str, rendered: Rendered) -> None:
        with self._lock:
            self._items[etag] = rendered
            self._items.move_to_end(etag)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


@cache
def _code_version() -> str:
    digest = hashlib.sha256()
    for name in DRAWN_BY:
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def etag_for(*shown: Any) -> str:
    """What is shown (kind, year, month…), whose (the request's agency: two agencies' pages
    of one year are never one cache entry), and the data and code it is made from."""
    session = get_session()
    key = repr((shown, tenancy.current(session), public_data_version(session), _code_version()))
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def cached(etag: str, make: Callable[[], Response]) -> Response:
    """304 when the client has `etag`; else the response made for it, made once."""
    if etag in request.if_none_match:
        response = Response(status=304)
    else:
        store: RenderedCache = current_app.extensions["public_cache"]
        found = store.get(etag)
        if found is None:
            made = make()
            if made.status_code != 200:
                return made
            found = Rendered(made.get_data(), made.mimetype or "application/octet-stream")
            store.put(etag, found)
        response = Response(found.body, mimetype=found.mimetype)
    response.set_etag(etag)
    response.headers["Cache-Control"] = CACHE_CONTROL
    return response


def init_app(app: Flask) -> None:
    app.extensions["public_cache"] = RenderedCache()
