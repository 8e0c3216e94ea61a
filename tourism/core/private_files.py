"""Files only their owner can read: backups and audit checkpoints hold password hashes and personal data."""

import os
from contextlib import contextmanager


@contextmanager
def private_file(path):
    """Open ``path`` for writing with mode 0600, whatever mode an earlier file of that name had."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        yield handle
