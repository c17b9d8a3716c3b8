"""Web pages beside the webhook: health now; the public page and the simulator later."""

from flask import Flask


def init_app(app: Flask) -> None:
    from web import simulator
    from web.health import bp as health

    app.register_blueprint(health)
    simulator.init_app(app)
