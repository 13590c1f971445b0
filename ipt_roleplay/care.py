"""Words of care shown by every face of the app, kept in one place so they never drift."""

CRISIS_NOTE = (
    "This is a practice aid, not therapy. If you are in crisis, contact your local "
    "emergency number or a crisis line such as 988 in the US or Samaritans 116 123 "
    "in the UK and Ireland."
)
