"""A stand-in for the GitHub CLI's `gh api`, enough for the workflow's sticky-comment step.

It keeps a PR's comments in the JSON file named by FAKE_GH_STATE and understands the three calls
the workflow makes: list comments (printing the ids the workflow's jq filter would select:
bodies starting with the marker inside `startswith("...")`), create one, and edit one.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path


def main(args: list[str]) -> None:
    state_path = Path(os.environ["FAKE_GH_STATE"])
    state = json.loads(state_path.read_text()) if state_path.exists() else {"comments": []}
    assert args[0] == "api", args
    method, path, jq, fields = "GET", "", "", {}
    rest = iter(args[1:])
    for arg in rest:
        if arg == "--method":
            method = next(rest)
        elif arg == "--jq":
            jq = next(rest)
        elif arg == "-F":
            name, _, value = next(rest).partition("=")
            fields[name] = Path(value[1:]).read_text() if value.startswith("@") else value
        elif arg != "--paginate":
            path = arg
    state.setdefault("calls", []).append([method, path])
    comments = state["comments"]
    if method == "GET":
        found = re.search(r'startswith\("(.*?)"\)', jq)
        assert found, jq
        for comment in comments:
            if comment["body"].startswith(found.group(1)):
                print(comment["id"])
    elif method == "POST":
        comments.append({"id": 1000 + len(comments), "path": path, "body": fields["body"]})
    elif method == "PATCH":
        number = int(path.rsplit("/", 1)[1])
        next(c for c in comments if c["id"] == number)["body"] = fields["body"]
    state_path.write_text(json.dumps(state))


if __name__ == "__main__":
    main(sys.argv[1:])
