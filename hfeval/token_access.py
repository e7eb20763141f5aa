"""What the token may do, as whoami reports it: read, write, or fine-grained scopes per namespace.

The Hub's `GET /api/whoami-v2` carries `auth.accessToken.role`: "read", "write" (or "admin"), or
"fineGrained" with `fineGrained.global` permissions and `fineGrained.scoped[]` entries of
`{entity: {type, name}, permissions: [...]}`. Direct commits need `repo.write` on the repo's
namespace; opening a pull request is allowed by `repo.write` or `discussion.write` (global or on
the namespace). A whoami without `auth` (older servers) says nothing: writes are then left to the
Hub to refuse.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

READ_ONLY_ROLES = frozenset({"read"})
WRITE_ROLES = frozenset({"write", "admin"})
FINE_GRAINED = "fineGrained"
REPO_WRITE = "repo.write"
DISCUSSION_WRITE = "discussion.write"


@dataclass(frozen=True)
class TokenAccess:
    """The token's role and, for fine-grained tokens, its permissions (global and per entity)."""

    role: str | None = None
    global_permissions: frozenset[str] = frozenset()
    scoped: tuple[tuple[str, frozenset[str]], ...] = ()

    @classmethod
    def from_whoami(cls, data: Mapping[str, Any]) -> TokenAccess:
        auth = data.get("auth")
        token = auth.get("accessToken") if isinstance(auth, Mapping) else None
        if not isinstance(token, Mapping):
            return cls()
        role = token.get("role")
        fine = token.get("fineGrained")
        if not isinstance(fine, Mapping):
            return cls(role=role if isinstance(role, str) else None)
        scoped: list[tuple[str, frozenset[str]]] = []
        for entry in fine.get("scoped") or []:
            if not isinstance(entry, Mapping):
                continue
            entity = entry.get("entity")
            name = entity.get("name") if isinstance(entity, Mapping) else None
            if isinstance(name, str):
                scoped.append((name, _permissions(entry.get("permissions"))))
        return cls(
            role=role if isinstance(role, str) else FINE_GRAINED,
            global_permissions=_permissions(fine.get("global")),
            scoped=tuple(scoped),
        )

    def permissions_on(self, repo_id: str) -> frozenset[str]:
        """Global permissions plus those scoped to the repo's namespace or to the repo itself."""
        namespace = repo_id.split("/", 1)[0]
        found = set(self.global_permissions)
        for entity, permissions in self.scoped:
            if entity in (namespace, repo_id):
                found |= permissions
        return frozenset(found)

    def refusal(self, repo_id: str, *, pull_request: bool) -> str | None:
        """Why this token cannot make the write, or None when it can (or we cannot tell)."""
        if self.role is None or self.role in WRITE_ROLES:
            return None
        if self.role in READ_ONLY_ROLES:
            return 'the token is read-only (whoami role "read")'
        if self.role != FINE_GRAINED:
            return None
        granted = self.permissions_on(repo_id)
        needed = {REPO_WRITE, DISCUSSION_WRITE} if pull_request else {REPO_WRITE}
        if granted & needed:
            return None
        wanted = " or ".join(sorted(needed))
        return f"the fine-grained token lacks {wanted} on {repo_id}"


def _permissions(value: object) -> frozenset[str]:
    if not isinstance(value, list):
        return frozenset()
    return frozenset(item for item in value if isinstance(item, str))
