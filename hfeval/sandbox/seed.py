"""Creating sandbox repos from a seed folder laid out as `<namespace>/<name>/<files...>`.

A repo that already exists in the data directory is left alone, so restarting with the same seed
keeps whatever was committed since. Top-level `datasets/` and `spaces/` folders (names the Hub
reserves, so never namespaces) hold dataset and Space repos in the same layout.
"""

from __future__ import annotations

from pathlib import Path

from hfeval.sandbox.store import HubStore

_TYPED_FOLDERS = {"datasets": "dataset", "spaces": "space"}


def seed_repos(store: HubStore, seed_dir: Path) -> list[str]:
    """Create every repo of `seed_dir` that the store lacks; returns the ids created."""
    created: list[str] = []
    for top in _folders(seed_dir):
        repo_type = _TYPED_FOLDERS.get(top.name)
        namespaces = _folders(top) if repo_type else [top]
        for namespace in namespaces:
            for repo_dir in _folders(namespace):
                repo_id = f"{namespace.name}/{repo_dir.name}"
                if store.exists(repo_id, repo_type=repo_type or "model"):
                    continue
                store.create_repo(
                    repo_id,
                    _files(repo_dir),
                    author=namespace.name,
                    repo_type=repo_type or "model",
                    message=f"Import {repo_id} from the seed folder",
                )
                created.append(repo_id)
    return created


def _folders(parent: Path) -> list[Path]:
    return sorted(path for path in parent.iterdir() if path.is_dir() and path.name != ".git")


def _files(repo_dir: Path) -> dict[str, bytes]:
    return {
        path.relative_to(repo_dir).as_posix(): path.read_bytes()
        for path in sorted(repo_dir.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(repo_dir).parts
    }
