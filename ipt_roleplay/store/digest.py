"""The hash the caches key their entries by: BLAKE2b, taken from its own module.

`hashlib` loads OpenSSL as it is imported (about 3 % of the work of a start-up), though
its blake2b is not OpenSSL's but this same built-in one; the caches are read on the way
to every first screen, so they take it from here. The same function either way: entries
keyed before are found.
"""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # a Python built without it: hashlib's (the same, or OpenSSL's)
    from hashlib import blake2b

__all__ = ["blake2b"]
