"""A fake LINE platform: the server, webhook events and their signature."""

from fakeline.server import Delivered, FakeLine, Recorded

__all__ = ["Delivered", "FakeLine", "Recorded"]
