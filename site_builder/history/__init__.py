"""The git history of the data as the audit trail of the emulation: who changed which figure, when, how.

`history_for(root)` is what the site calls (its docstring describes the data);
`require_full_history(root)` refuses a shallow clone with the command to fix it.
"""
from site_builder.history.git import require_full_history
from site_builder.history.timeline import history_for

__all__ = ["history_for", "require_full_history"]
