"""The programme's own web pages: sign-in, home, "your sessions" and the supervisor's view.

Plain HTML with no script and nothing loaded from elsewhere. Every piece of text that
came from a person or a scenario file is escaped.
"""

from __future__ import annotations

from ipt_roleplay.programme.oversight import STYLE, e
from ipt_roleplay.store.records import SessionRecord
from ipt_roleplay.store.tables import outcome_text

# Our pages run no script, load nothing, post forms only to this server, and may not be
# framed (clickjacking).
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
CARE_NOTE = "A practice aid, not therapy."


def page(title: str, body: str, *, who: str | None = None, csrf: str | None = None) -> str:
    bar = ""
    if who is not None and csrf is not None:
        bar = (
            '<nav><a href="/">Home</a> · '
            f'<form method="post" action="/sign-out" class="inline">'
            f'<input type="hidden" name="csrf" value="{e(csrf)}">'
            f'<button type="submit">Sign out {e(who)}</button></form></nav>'
        )
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(title)} · ipt-roleplay</title><style>{STYLE}"
        "form.inline { display: inline; } label { display: block; margin: .6rem 0 .2rem; }"
        "input[type=text], input[type=password] { font-size: 1rem; padding: .3rem; width: 18rem; }"
        "button { font-size: 1rem; padding: .3rem .8rem; margin-top: .6rem; }"
        ".problem { color: #8a1c1c; font-weight: bold; } .shared { font-weight: bold; }"
        "</style></head><body>"
        f"{bar}<h1>{e(title)}</h1>\n{body}\n<footer><p><small>{CARE_NOTE}</small></p></footer>"
        "</body></html>\n"
    )


def sign_in(form_token: str, problem: str | None = None, name: str = "") -> str:
    note = f'<p class="problem" role="alert">{e(problem)}</p>' if problem else ""
    body = (
        f"{note}<form method=\"post\" action=\"/sign-in\">"
        f'<input type="hidden" name="csrf" value="{e(form_token)}">'
        '<label for="name">Name</label>'
        f'<input type="text" id="name" name="name" value="{e(name)}" autocomplete="username" '
        'autocapitalize="none" spellcheck="false" required autofocus>'
        '<label for="password">Password</label>'
        '<input type="password" id="password" name="password" autocomplete="current-password" required>'
        '<div><button type="submit">Sign in</button></div></form>'
        "<p>Your practice is kept on this programme's server. Your supervisor sees only "
        "the sessions you choose to share.</p>"
    )
    return page("Sign in", body)


def home(name: str, role: str, csrf: str) -> str:
    links = ['<li><a href="/play">Start practising</a></li>',
             '<li><a href="/sessions">Your sessions, and what you share</a></li>']
    if role == "supervisor":
        links.insert(0, '<li><a href="/supervisor">Supervisor\'s view: shared practice</a></li>')
    body = f"<p>Signed in as <b>{e(name)}</b> ({e(role)}).</p><ul>{''.join(links)}</ul>"
    return page("Welcome", body, who=name, csrf=csrf)


def my_sessions(name: str, csrf: str, sessions: list[SessionRecord], share_default: bool) -> str:
    default = "shared with your supervisor" if share_default else "not shared"
    parts = [
        f"<p>New sessions start <b>{default}</b> (your supervisor's setting). You can change "
        "any session here. A supervisor sees a session only while it is shared.</p>"
    ]
    if not sessions:
        parts.append("<p>No practice sessions yet.</p>")
    else:
        parts.append(
            "<table><tr><th>#</th><th>When</th><th>Scenario</th><th>Outcome</th>"
            "<th>Shared with supervisor?</th><th>Report</th></tr>"
        )
        for s in sessions:
            state = '<span class="shared">Shared</span>' if s.shared else "Not shared"
            action = "Stop sharing" if s.shared else "Share"
            outcome = outcome_text(s.outcome, s.finished)
            parts.append(
                f"<tr><td>{s.id}</td><td>{e(s.started_at[:16].replace('T', ' '))}</td>"
                f"<td>{e(s.scenario_title)}</td><td>{e(outcome)}</td><td>{state} "
                f'<form method="post" action="/sessions/{s.id}/share" class="inline">'
                f'<input type="hidden" name="csrf" value="{e(csrf)}">'
                f'<input type="hidden" name="shared" value="{0 if s.shared else 1}">'
                f'<button type="submit">{action}</button></form></td>'
                f'<td><a href="/report/{s.id}">Report</a></td></tr>'
            )
        parts.append("</table>")
    return page("Your sessions", "\n".join(parts), who=name, csrf=csrf)


def supervisor(name: str, csrf: str, overview: str, share_default: bool) -> str:
    now = "on" if share_default else "off"
    flip = "off" if share_default else "on"
    body = (
        f"<p>Sessions start shared by default: <b>{now}</b>. "
        '<form method="post" action="/supervisor/share-by-default" class="inline">'
        f'<input type="hidden" name="csrf" value="{e(csrf)}">'
        f'<input type="hidden" name="setting" value="{flip}">'
        f'<button type="submit">Turn {flip}</button></form> '
        "(each person can still change any of their sessions).</p>"
        '<p><a href="/supervisor/report.csv">Download as CSV</a></p>'
        f"{overview}"
    )
    return page("Shared practice", body, who=name, csrf=csrf)


def problem(title: str, text: str) -> str:
    return page(title, f"<p>{e(text)}</p><p><a href=\"/\">Back</a></p>")
