"""The person's practice, the same for every face: what is recorded while a conversation
is played, what carrying on with an unfinished one would do, and how stored practice is
put into words. Core: no Textual here; the app (``tui.practice``) only draws it."""
