"""The result cache: serialized responses keyed by (release, query, dataset, format), bounded in bytes.

A release is immutable, so a result stays right until the next build is swapped in; the release id is part
of the key, so a new release never sees an old entry, and old entries fall out as the LRU bound pushes them.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from hashlib import blake2b


@dataclass(frozen=True, slots=True)
class Entry:
    """One serialized result with what its response needs."""

    body: bytes
    content_type: str
    etag: str
    headers: tuple[tuple[str, str], ...] = ()


def etag_of(release: str, body: bytes) -> str:
    """A strong validator: the same bytes in the same release give the same tag."""
    return '"' + blake2b(body, digest_size=12, key=release.encode()[-64:]).hexdigest() + '"'


class ResultCache:
    """A thread-safe LRU of entries, at most `max_bytes` of bodies in all (0 disables it)."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[tuple[object, ...], Entry] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: tuple[object, ...], count_miss: bool = True) -> Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                self.misses += count_miss
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry

    def put(self, key: tuple[object, ...], entry: Entry) -> None:
        size = len(entry.body)
        if size > self.max_bytes // 4:  # one huge result must not flush everything else
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)
            self._entries[key] = entry
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= len(dropped.body)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._entries)
