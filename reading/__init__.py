"""Reading what people type: the logic of the input readers.

The words they look for are Thai vocabulary and live in `messages_th/`; here is only how
a message is taken apart (see docs/ARCHITECTURE.md).
"""
