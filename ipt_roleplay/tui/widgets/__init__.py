"""Widgets for the app's screens."""
