"""Loading spec files and hfeval.yaml from disk into validated, positioned, frozen objects.

Which files are specs: every path given that is a file, and every `*.yaml` / `*.yml` under a
directory given (recursively, sorted, skipping hidden directories and `hfeval.yaml`).

Where hfeval.yaml is looked for: in the common parent directory of the given paths (a directory
counts as itself, a file as its parent); when that directory is `specs/` or lies inside one,
also in each directory up to and including the parent of that `specs/` (a spec repo keeps
hfeval.yaml at its root and the specs under `specs/`). The first one found wins, and its
directory is the root that relative paths in it (such as `templates`) are resolved against.

Every problem in every file is collected before one `SpecError` is raised, so a user fixes
them all in one pass.

Each file is first read with libyaml (`fast_yaml`, about 20x faster) and validated; only a file
libyaml declines, or one that fails validation, is read again with ruamel's round-trip loader,
whose key positions turn every problem into `file:line:column` exactly as before.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from hfeval.fast_yaml import read_mapping
from hfeval.spec.models import ApplyMode, ProjectConfig, ReadmeSource, Spec, Target
from hfeval.spec.problems import Problem, SpecProblemsError, describe_value, validation_problems

CONFIG_FILE_NAME = "hfeval.yaml"
SPEC_SUFFIXES = (".yaml", ".yml")

_ModelT = TypeVar("_ModelT", bound=BaseModel)


@dataclass(frozen=True)
class LoadedSpec:
    """A validated spec with where it came from."""

    spec: Spec
    path: Path
    """The file as given or found, relative to the cwd when given relatively; used in messages."""
    line: int
    """Line of the `model:` key (1 when it opens the file)."""
    sha256: str
    """Hex digest of the file's bytes."""
    source_lines: tuple[int, ...]
    """Line of each item of `sources`, in order."""

    @property
    def where(self) -> str:
        """`path:line` of the spec, for messages."""
        return f"{self.path}:{self.line}"

    @property
    def model_index_name(self) -> str:
        """The model-index `name` this spec writes."""
        return self.spec.model_index_name

    def source_where(self, index: int) -> str:
        """`path:line` of `sources[index]`, for messages about that source."""
        return f"{self.path}:{self.source_lines[index]}"

    def effective_apply(self, config: ProjectConfig) -> ApplyMode:
        """The spec's apply mode, else the project's default."""
        return self.spec.apply if self.spec.apply is not None else config.apply

    def effective_targets(self, config: ProjectConfig) -> tuple[Target, ...]:
        """The spec's targets, else the project's default."""
        targets = self.spec.targets if self.spec.targets is not None else config.targets
        return tuple(targets)

    def readme_repo(self, source: ReadmeSource) -> str | None:
        """The Hub repo a readme source reads (`repo`, else the spec's model); None for `file:`."""
        if source.file is not None:
            return None
        return source.repo if source.repo is not None else self.spec.model

    def readme_file(self, source: ReadmeSource) -> Path | None:
        """The local file a `file:` readme source reads, resolved against the spec's directory."""
        return None if source.file is None else self.path.parent / source.file


@dataclass(frozen=True)
class SpecSet:
    """Every spec loaded in one run, with the project configuration that applies to them."""

    root: Path
    config: ProjectConfig
    config_path: Path | None
    specs: tuple[LoadedSpec, ...]

    @property
    def templates_dir(self) -> Path | None:
        """The project's template overrides directory, if it configures one."""
        return None if self.config.templates is None else self.root / self.config.templates


def load_specs(paths: Sequence[Path]) -> SpecSet:
    """Find, parse and validate spec files and the project's hfeval.yaml.

    Raises `SpecError` listing every problem in every file, each as `file:line:column: message`.
    """
    problems: list[Problem] = []
    files = _discover(paths, problems)
    root, config_path = _find_config(paths)
    config = ProjectConfig()
    if config_path is not None:
        loaded_config = _load_model(config_path, ProjectConfig, problems)
        config = loaded_config.value if loaded_config is not None else config
    specs: list[LoadedSpec] = []
    for path in files:
        loaded = _load_spec(path, problems)
        if loaded is not None:
            specs.append(loaded)
    problems.extend(_duplicate_models(specs))
    if problems:
        raise SpecProblemsError(problems)
    return SpecSet(root=root, config=config, config_path=config_path, specs=tuple(specs))


def _discover(paths: Sequence[Path], problems: list[Problem]) -> list[Path]:
    found: dict[Path, Path] = {}
    for given in paths:
        if given.is_dir():
            in_dir = sorted(_spec_files_under(given))
            if not in_dir:
                problems.append(
                    Problem(given, 0, 0, f"no spec files (*.yaml) found in {_dir_name(given)}")
                )
            for path in in_dir:
                found.setdefault(path.resolve(), path)
        elif given.is_file():
            found.setdefault(given.resolve(), given)
        else:
            problems.append(
                Problem(
                    given,
                    0,
                    0,
                    "no such file or directory (run hfeval in the spec repo, or pass the folder "
                    "that holds the specs)",
                )
            )
    return list(found.values())


def _spec_files_under(directory: Path) -> list[Path]:
    files: list[Path] = []
    for current, dirnames, filenames in os.walk(directory):
        dirnames[:] = [name for name in dirnames if not name.startswith(".")]
        for name in filenames:
            if name.endswith(SPEC_SUFFIXES) and name != CONFIG_FILE_NAME:
                files.append(Path(current) / name)
    return files


def _dir_name(directory: Path) -> str:
    text = str(directory)
    return text if text.endswith("/") else f"{text}/"


def _find_config(paths: Sequence[Path]) -> tuple[Path, Path | None]:
    """(root, hfeval.yaml path or None) by the rule in the module docstring."""
    start = _common_parent(paths)
    candidates = [start]
    absolute = start.resolve()
    specs_dirs = [d for d in (absolute, *absolute.parents) if d.name == "specs"]
    if specs_dirs:
        depth = len(absolute.parts) - len(specs_dirs[0].parts) + 1
        candidates.extend(_up(start, levels) for levels in range(1, depth + 1))
    for directory in candidates:
        config_path = directory / CONFIG_FILE_NAME
        if config_path.is_file():
            return directory, config_path
    return start, None


def _up(directory: Path, levels: int) -> Path:
    """`directory` raised by `levels`, staying relative (`specs` -> `.`) when it was relative."""
    raised = directory
    for _ in range(levels):
        raised = raised.parent if raised.name not in ("", ".", "..") else raised / ".."
    return raised


def _common_parent(paths: Sequence[Path]) -> Path:
    dirs = [path if path.is_dir() else path.parent for path in paths] or [Path(".")]
    if len(dirs) == 1:
        return dirs[0]
    try:
        return Path(os.path.commonpath([str(d) for d in dirs]))
    except ValueError:  # a mix of absolute and relative paths
        return Path(os.path.commonpath([str(d.resolve()) for d in dirs]))


def _read_text(path: Path, problems: list[Problem]) -> tuple[str, bytes] | None:
    try:
        raw = path.read_bytes()
        return raw.decode("utf-8"), raw
    except OSError as error:
        problems.append(Problem(path, 1, 1, f"cannot read the file: {error.strerror}"))
    except UnicodeDecodeError as error:
        problems.append(Problem(path, 1, 1, f"not UTF-8 text ({error.reason})"))
    return None


def _read_yaml(text: str, path: Path, problems: list[Problem]) -> tuple[Any] | None:
    """(the document,) as ruamel reads it, or None after recording why it cannot be parsed."""
    try:
        return (YAML(typ="rt").load(text),)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        reason = error.problem or error.context or "cannot parse"
        context = error.context_mark
        if error.context and error.problem and context is not None:
            reason += f" ({error.context} at line {context.line + 1})"
        problems.append(Problem(path, line, column, f"invalid YAML: {reason}"))
    except YAMLError as error:
        problems.append(Problem(path, 1, 1, f"invalid YAML: {error}"))
    return None


@dataclass(frozen=True)
class _Loaded(Generic[_ModelT]):
    """A validated file: the model, the lines of its top-level keys and items, its bytes."""

    value: _ModelT
    key_line: Callable[[str], int | None]
    item_lines: Callable[[str], tuple[int, ...]]
    raw: bytes


def _load_model(
    path: Path, model: type[_ModelT], problems: list[Problem]
) -> _Loaded[_ModelT] | None:
    read = _read_text(path, problems)
    if read is None:
        return None
    text, raw = read
    fast = read_mapping(text)
    if fast is not None:
        try:
            return _Loaded(model.model_validate(fast.data), fast.key_line, fast.item_lines, raw)
        except ValidationError:
            pass  # read again below: ruamel's positions place every problem exactly
    parsed = _read_yaml(text, path, problems)
    if parsed is None:
        return None
    data = parsed[0]
    if data is None and model is ProjectConfig:
        data = CommentedMap()  # an empty hfeval.yaml means "all defaults"
    if not isinstance(data, CommentedMap):
        what = "empty" if data is None else f"{describe_value(data)}"
        keys = "model: and sources:" if model is Spec else "settings"
        problems.append(
            Problem(path, 1, 1, f"expected a mapping with {keys}, but the file is {what}")
        )
        return None
    try:
        return _Loaded(
            model.model_validate(data),
            lambda key: int(data.lc.key(key)[0]) + 1,
            lambda key: tuple(int(data[key].lc.item(i)[0]) + 1 for i in range(len(data[key]))),
            raw,
        )
    except ValidationError as error:
        found = validation_problems(error, data, path, model)
        problems.extend(sorted(found, key=lambda problem: (problem.line, problem.column)))
        return None


def _load_spec(path: Path, problems: list[Problem]) -> LoadedSpec | None:
    loaded = _load_model(path, Spec, problems)
    if loaded is None:
        return None
    return LoadedSpec(
        spec=loaded.value,
        path=path,
        line=loaded.key_line("model") or 1,
        sha256=hashlib.sha256(loaded.raw).hexdigest(),
        source_lines=loaded.item_lines("sources"),
    )


def _duplicate_models(specs: Sequence[LoadedSpec]) -> list[Problem]:
    first_for_repo: dict[str, LoadedSpec] = {}
    problems: list[Problem] = []
    for loaded in specs:
        key = loaded.spec.model.lower()  # the Hub resolves repo ids case-insensitively
        first = first_for_repo.setdefault(key, loaded)
        if first is not loaded:
            message = f'model "{loaded.spec.model}" is already specified in {first.where}'
            problems.append(Problem(loaded.path, loaded.line, 1, message))
    return problems
