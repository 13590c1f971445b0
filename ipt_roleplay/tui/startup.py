"""Start-up cost that is not ours to pay twice: the cyclic garbage collector's passes over
the objects that importing Textual and our screens creates."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def long_lived_imports() -> Iterator[None]:
    """Import without collector passes, then freeze what the imports built.

    Modules, classes and functions live until the process ends, so passes over them
    free nothing; at start-up they cost about 30 ms of a 200 ms launch. Frozen, later
    passes (each key press) skip them too.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if collecting:
            gc.enable()
