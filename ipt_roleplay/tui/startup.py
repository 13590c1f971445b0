"""How the app uses the cyclic garbage collector: not at all while importing or on the
way to the first conversation, seldom after, and between frames rather than inside them.
Widgets and styles are mostly freed by reference counting; the collector's passes find
little, and with its default threshold they ran about a hundred times before the first
conversation was on screen."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

YOUNG = 10_000
# How long the collector rests at start-up at most (see rest_collector).
REST_SECONDS = 1.0


@contextmanager
def long_lived_imports() -> Iterator[None]:
    """Import without collector passes, then freeze what the imports built and make
    the youngest generation larger.

    Modules, classes and functions live until the process ends, so passes over them
    free nothing; at start-up they cost about 30 ms of a 200 ms launch. Frozen, later
    passes (each key press) skip them too. A young generation of 10,000 objects rather
    than 700 saves another 8 ms before the first conversation is drawn, for at most a
    few hundred KB of cycles waiting a little longer to be freed.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        _, older, oldest = gc.get_threshold()
        gc.set_threshold(YOUNG, older, oldest)
        if collecting:
            gc.enable()


def collect_between_frames() -> None:
    """Run now the collector pass that the next allocations would otherwise start.

    Called once a frame is drawn (after each reply): the person is reading, so the pass
    costs nothing they wait for. Left to itself, the collector starts a pass whenever
    the young generation fills up, in the middle of whichever key press crosses the
    threshold: one reply in seven took a young pass (several ms on a busy machine) and
    one in fifty an older one, which was most of the slowest replies. The generation is
    chosen as the collector would: the next older one once it has waited its turn.
    """
    _, middle, old = gc.get_count()
    _, middle_threshold, old_threshold = gc.get_threshold()
    if old >= old_threshold:
        gc.collect(2)
    elif middle >= middle_threshold:
        gc.collect(1)
    else:
        gc.collect(0)


def rest_collector() -> Callable[[], None]:
    """Pause the collector for the start-up, and return what ends the pause (once; any
    later call does nothing).

    Between launch and a conversation's first frame the app builds two pages of
    long-lived widgets and almost no garbage: the collector's two passes there found a
    few hundred objects in cycles and cost about 3 ms (each a walk over 10,000 young
    objects). The app ends the pause once that first frame is drawn, after
    ``REST_SECONDS`` whatever the person is doing, and when it closes; then one pass
    runs at once, between frames, as after each reply. A collector that was already
    off stays off.
    """
    if not gc.isenabled():
        return lambda: None
    gc.disable()
    ended = False

    def end() -> None:
        nonlocal ended
        if not ended:
            ended = True
            gc.enable()
            collect_between_frames()

    return end
