"""Web pages beside the webhook: health, the public progress page, the simulator."""

from flask import Flask


def init_app(app: Flask) -> None:
    from web import downloads, privacy, public, simulator
    from web.health import bp as health

    app.register_blueprint(health)
    simulator.init_app(app)
    public.init_app(app)
    downloads.init_app(app)
    privacy.init_app(app)
