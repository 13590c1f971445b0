"""One measured process for bench.py: start an app headless, draw, report, exit.

    python benchmarks/probe.py minimal
    python benchmarks/probe.py play FILE

`minimal` is the baseline: a Textual app that draws one Static. `play` starts
ipt-roleplay on FILE and goes to its play screen. Either way the process prints its
peak resident memory (KiB) once the screen has been drawn, then exits; bench.py times
the whole process from the outside.
"""

from __future__ import annotations

import sys


def _peak_kib() -> int:
    # VmHWM, not getrusage: ru_maxrss survives exec, so a child started by a large
    # parent would report the parent's peak.
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


def minimal() -> None:
    from textual.app import App
    from textual.widgets import Static

    class Minimal(App):
        def compose(self):
            yield Static("Hello")

    async def pilot(p) -> None:
        await p.pause()
        print(_peak_kib(), flush=True)
        p.app.exit()

    Minimal().run(headless=True, size=(100, 30), auto_pilot=pilot)


def play(path: str) -> None:
    from ipt_roleplay.tui.app import RoleplayApp

    async def pilot(p) -> None:
        from ipt_roleplay.tui.screens.play import PlayScreen

        while not isinstance(p.app.screen, PlayScreen):
            if type(p.app.screen).__name__ == "IntroScreen":
                await p.press("enter")
            await p.pause()
        await p.pause()
        print(_peak_kib(), flush=True)
        p.app.exit()

    RoleplayApp(open_file=path, include_bundled=False).run(
        headless=True, size=(100, 30), auto_pilot=pilot
    )


if __name__ == "__main__":
    if sys.argv[1] == "minimal":
        minimal()
    else:
        play(sys.argv[2])
