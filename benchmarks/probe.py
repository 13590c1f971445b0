"""One measured process for bench.py: start an app headless, draw, report, exit.

    python benchmarks/probe.py minimal
    python benchmarks/probe.py play FILE

`minimal` is the baseline: a Textual app that draws one Static. `play` starts
ipt-roleplay on FILE, starts the conversation as soon as the intro is drawn (what Enter
there does), and stops once the play screen is drawn. Either way the process prints, at that moment, the wall-clock
time and its peak resident memory (KiB), then exits. bench.py compares that time with
the moment it launched the process: launch to first drawn screen, without the exit.

With IPT_PROBE_LEAVE_AT_DRAW set, the process leaves at once at that moment (rather than
closing the app), so that an instruction count (bench.py, under valgrind) ends there.

No Pilot here: its waits for idleness would be counted as start-up time. Instead the
probe watches `App._display`, where Textual hands over each composed frame (headless,
it is composed but not written).
"""

from __future__ import annotations

import os
import sys
import time


def _peak_kib() -> int:
    # VmHWM, not getrusage: ru_maxrss survives exec, so a child started by a large
    # parent would report the parent's peak.
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


def _stop_when_drawn(app, is_target, on_other=None) -> None:
    display = app._display

    def watched(screen, renderable) -> None:
        display(screen, renderable)
        if renderable is None:
            return
        if is_target(screen):
            print(time.time(), _peak_kib(), flush=True)
            if os.environ.get("IPT_PROBE_LEAVE_AT_DRAW"):
                os._exit(0)
            app.exit()
        elif on_other is not None:
            on_other(screen)

    app._display = watched


def minimal() -> None:
    from textual.app import App
    from textual.widgets import Static

    class Minimal(App):
        def compose(self):
            yield Static("Hello")

    app = Minimal()
    _stop_when_drawn(app, lambda screen: True)
    app.run(headless=True, size=(100, 30))


def play(path: str) -> None:
    from ipt_roleplay.tui.app import RoleplayApp

    # mood=False: the time measured is to the conversation's first line, not to the
    # optional question before it.
    app = RoleplayApp(open_file=path, include_bundled=False, mood=False)
    started = set()

    def start_on_intro(screen) -> None:
        if type(screen).__name__ == "IntroScreen" and screen not in started:
            started.add(screen)
            app.call_later(screen.action_start)

    _stop_when_drawn(app, lambda s: type(s).__name__ == "PlayScreen", start_on_intro)
    app.run(headless=True, size=(100, 30))


if __name__ == "__main__":
    if sys.argv[1] == "minimal":
        minimal()
    else:
        play(sys.argv[2])
