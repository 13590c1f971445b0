"""Errors whose message is meant for the person at the keyboard."""


class UserError(Exception):
    """A problem the person can fix; the CLI shows its message without a traceback."""
