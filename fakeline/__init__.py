"""A fake LINE platform: the server, webhook events and their signature."""

from fakeline.server import Channel, Delivered, FakeLine, Recorded

__all__ = ["Channel", "Delivered", "FakeLine", "Recorded"]
