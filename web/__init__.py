"""Web pages beside the webhook: health, the public progress page, the simulator."""

from flask import Flask
from werkzeug.routing import IntegerConverter


class YearConverter(IntegerConverter):
    """A fiscal year in a URL (`/public/2565`): at most four digits, else 404 before any
    query (a twenty-digit year overflowed the database's integer: a 500)."""

    def __init__(self, map, *args, **kwargs) -> None:
        super().__init__(map, max=9999)


def init_app(app: Flask) -> None:
    from web import (
        caching,
        cases,
        downloads,
        headers,
        month_page,
        photos,
        privacy,
        public,
        simulator,
    )
    from web.health import bp as health

    headers.init_app(app)
    caching.init_app(app)
    app.url_map.converters["year"] = YearConverter
    app.register_blueprint(health)
    simulator.init_app(app)
    public.init_app(app)
    downloads.init_app(app)
    privacy.init_app(app)
    cases.init_app(app)
    month_page.init_app(app)
    photos.init_app(app)
