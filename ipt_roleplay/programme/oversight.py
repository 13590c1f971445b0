"""The supervisor's view of a programme: each trainee's (or client's) shared practice.

Everything here reads through ``History(..., shared_only=True)``, whose every query has
``shared = 1`` in it: a session its owner has not shared never leaves the database for a
supervisor, whichever page or report asks.
"""

from __future__ import annotations

import csv
import html
import io
from dataclasses import dataclass
from typing import Any

from ipt_roleplay.store.history import History
from ipt_roleplay.store.progress import Progress, progress
from ipt_roleplay.store.tables import outcome_text, pattern_kind

PRACTISING_ROLES = ("trainee", "client")
FORMATS = ("html", "csv")


@dataclass(frozen=True, slots=True)
class PersonView:
    name: str
    role: str
    progress: Progress


def shared_history(db: Any, owner: str) -> History:
    """A read-only History of ``owner``'s shared sessions (do not close it: ``db`` is
    the caller's)."""
    return History(db, None, owner=owner, shared_only=True)


def overview(db: Any) -> list[PersonView]:
    """Every practising account, with what it has shared (perhaps nothing)."""
    rows = db.execute(
        "SELECT name, role FROM accounts WHERE role IN ('trainee', 'client') ORDER BY name"
    ).fetchall()
    return [PersonView(name, role, progress(shared_history(db, name))) for name, role in rows]


# --- the report: `ipt-roleplay programme report` and the supervisor's page ---------------

CSV_COLUMNS = (
    "person", "role", "session", "started_at", "scenario_id", "scenario", "finished", "outcome",
    "replies", "helpful", "mixed", "unhelpful",
)


def to_csv(people: list[PersonView]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for person in people:
        for s in person.progress.sessions:
            writer.writerow([
                _cell(person.name), person.role, s.id, s.started_at, _cell(s.scenario_id),
                _cell(s.title), "yes" if s.finished else "no", s.outcome or "", s.replies,
                s.helpful, s.mixed, s.unhelpful,
            ])
    return out.getvalue()


def _cell(text: str) -> str:
    # A cell that a spreadsheet would run as a formula is kept as text.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def e(text: object) -> str:
    return html.escape(str(text), quote=True)


def overview_html(people: list[PersonView], *, report_link: str | None = None) -> str:
    """The body of the supervisor's view. ``report_link`` is a format string with
    ``{owner}`` and ``{id}`` for links to each session's report (the web page has them)."""
    parts = [
        "<p>Only sessions that their owner chose to share are shown here. "
        "Unshared sessions are not counted anywhere on this page.</p>"
    ]
    if not people:
        parts.append("<p>No trainees or clients have accounts yet.</p>")
    for person in people:
        data = person.progress
        finished = sum(s.finished for s in data.sessions)
        parts.append(f"<section><h2>{e(person.name)} <small>({e(person.role)})</small></h2>")
        if data.empty:
            parts.append("<p>Nothing shared yet.</p></section>")
            continue
        parts.append(
            f"<p>{len(data.sessions)} shared session{'s' if len(data.sessions) != 1 else ''}, "
            f"{finished} finished, over {len(data.scenarios)} scenario"
            f"{'s' if len(data.scenarios) != 1 else ''}.</p>"
        )
        parts.append(
            "<table><caption>Sessions, oldest first</caption><tr><th>When</th><th>Scenario</th>"
            "<th>Outcome</th><th>Replies</th><th>Helpful</th><th>Mixed</th><th>Unhelpful</th>"
            "<th>Report</th></tr>"
        )
        for s in data.sessions:
            link = ""
            if report_link:
                href = report_link.format(owner=person.name, id=s.id)
                link = f'<a href="{e(href)}">Session {s.id}</a>'
            outcome = outcome_text(s.outcome, s.finished)
            parts.append(
                f"<tr><td>{e(s.started_at[:16].replace('T', ' '))}</td><td>{e(s.title)}</td>"
                f"<td>{e(outcome)}</td><td>{s.replies}</td><td>{s.helpful}</td><td>{s.mixed}</td>"
                f"<td>{s.unhelpful}</td><td>{link}</td></tr>"
            )
        parts.append("</table>")
        parts.append(
            "<table><caption>Best outcome per scenario</caption><tr><th>Scenario</th>"
            "<th>Sessions</th><th>Finished</th><th>Best outcome</th></tr>"
        )
        for b in data.scenarios:
            parts.append(
                f"<tr><td>{e(b.title)}</td><td>{b.sessions}</td><td>{b.finished}</td>"
                f"<td>{e(outcome_text(b.best_outcome, True))}</td></tr>"
            )
        parts.append("</table>")
        if data.patterns:
            parts.append(
                "<table><caption>Patterns and techniques in the replies</caption><tr><th>Pattern</th>"
                "<th>Kind</th><th>Times</th><th>In helpful replies</th><th>In unhelpful replies</th></tr>"
            )
            for p in data.patterns:
                parts.append(
                    f"<tr><td>{e(p.label)}</td><td>{pattern_kind(p.helpful_pattern)}</td><td>{p.uses}</td>"
                    f"<td>{p.in_helpful}</td><td>{p.in_unhelpful}</td></tr>"
                )
            parts.append("</table>")
        parts.append("</section>")
    return "\n".join(parts)


STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
table { border-collapse: collapse; margin: 1rem 0; width: 100%; }
caption { text-align: left; font-weight: bold; padding: .3rem 0; }
th, td { border-bottom: 1px solid #ccc; padding: .3rem .5rem; text-align: left; }
section { margin-bottom: 2.5rem; }
"""


def report_page(people: list[PersonView], title: str = "Programme report") -> str:
    """A whole HTML file that loads nothing from anywhere."""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{e(title)}</title><style>{STYLE}</style></head><body>"
        f"<h1>{e(title)}</h1>\n{overview_html(people)}\n</body></html>\n"
    )


def render(people: list[PersonView], fmt: str) -> str:
    if fmt == "csv":
        return to_csv(people)
    if fmt == "html":
        return report_page(people)
    raise ValueError(f"unknown report format {fmt!r}; use one of {FORMATS}")
