"""The garbage collector during a build.

Reading the data makes hundreds of thousands of objects that live until the
end of the build (documents with every value's line, scores, rankings). A
collection walks every object it tracks, so the collections that the
allocations set off walk that growing heap again and again, for nothing: on
the stress repository, unpickling the parse cache took three times as long.
The collector is off while the data is read; then the data is frozen (left
out of every later collection) while the pages are written and rendered, and
the build ends with the collector as it found it: `serve` builds again and
again in one process, and must not keep each build's data for ever.
"""
from __future__ import annotations

import gc


class Heap:
    def __enter__(self) -> "Heap":
        self.collecting = gc.isenabled()
        gc.disable()
        return self

    def settle(self) -> None:
        """What exists now lives until the end of the build: later collections leave it out."""
        gc.freeze()
        if self.collecting:
            gc.enable()

    def __exit__(self, *exc) -> None:
        gc.unfreeze()
        if self.collecting:
            gc.enable()
