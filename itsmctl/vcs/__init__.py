"""The one package that talks to git (through GitPython): ``repo`` (finding and starting a
repository), ``commit`` (committing a command's own paths), ``history`` (a ticket's story),
``trees`` (records at a revision, two revisions compared, merges).

Ticket commands commit the files they wrote with a structured message; ``history``
reads a ticket's story back from git in one batched ``git log -p`` call.  GitPython is
imported on first use: it costs ~0.15 s, which commands that never touch git skip.  A store that
is not inside a git repository still works: commands write files and report that
nothing was committed, and ``history`` says clearly why it cannot answer.
"""

from __future__ import annotations

from itsmctl.vcs.commit import (
    COMMIT_LOCK as COMMIT_LOCK,
)
from itsmctl.vcs.commit import (
    INDEX_LOCK_WAITS as INDEX_LOCK_WAITS,
)
from itsmctl.vcs.commit import (
    LEFTOVER_AUTHOR as LEFTOVER_AUTHOR,
)
from itsmctl.vcs.commit import (
    STALE_INDEX_LOCK_AGE as STALE_INDEX_LOCK_AGE,
)
from itsmctl.vcs.commit import (
    CommitResult as CommitResult,
)
from itsmctl.vcs.commit import (
    CommitState as CommitState,
)
from itsmctl.vcs.commit import (
    StaleIndexLock as StaleIndexLock,
)
from itsmctl.vcs.commit import (
    commit_message as commit_message,
)
from itsmctl.vcs.commit import (
    commit_paths as commit_paths,
)
from itsmctl.vcs.commit import (
    leftover_message as leftover_message,
)
from itsmctl.vcs.commit import (
    store_lock as store_lock,
)
from itsmctl.vcs.history import (
    FULL_CONTEXT as FULL_CONTEXT,
)
from itsmctl.vcs.history import (
    history as history,
)
from itsmctl.vcs.repo import (
    Identity as Identity,
)
from itsmctl.vcs.repo import (
    find_repo as find_repo,
)
from itsmctl.vcs.repo import (
    git_identity as git_identity,
)
from itsmctl.vcs.repo import (
    init_repository as init_repository,
)
from itsmctl.vcs.repo import (
    path_in_repository as path_in_repository,
)
from itsmctl.vcs.trees import (
    CommitAt as CommitAt,
)
from itsmctl.vcs.trees import (
    CommitInfo as CommitInfo,
)
from itsmctl.vcs.trees import (
    PathChange as PathChange,
)
from itsmctl.vcs.trees import (
    PathStatus as PathStatus,
)
from itsmctl.vcs.trees import (
    RevisionRange as RevisionRange,
)
from itsmctl.vcs.trees import (
    TreeEntry as TreeEntry,
)
from itsmctl.vcs.trees import (
    changes_since as changes_since,
)
from itsmctl.vcs.trees import (
    commit_at as commit_at,
)
from itsmctl.vcs.trees import (
    compare_revisions as compare_revisions,
)
from itsmctl.vcs.trees import (
    merge_file as merge_file,
)
from itsmctl.vcs.trees import (
    read_paths as read_paths,
)
from itsmctl.vcs.trees import (
    read_tree as read_tree,
)
from itsmctl.vcs.trees import (
    verify_commit as verify_commit,
)
