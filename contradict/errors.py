"""The library's own error types. Every error a user can cause derives from :class:`ContradictError`."""

from __future__ import annotations


class ContradictError(Exception):
    """Base class of every error raised by ``contradict`` for bad input or configuration."""


class InputError(ContradictError, ValueError):
    """A statement or pair record is invalid.

    Attributes:
        record: where the record is (``"line 3"``, ``"id 'x'"``, ``"row 2"``), or None.
        field: the offending field name, or None when the whole record is at fault.
        source: the file the record came from, or None.

    Example:
        >>> str(InputError("must not be blank", record="line 3", field="text"))
        "line 3, field 'text': must not be blank"
    """

    def __init__(self, message: str, *, record: str | None = None, field: str | None = None,
                 source: str | None = None) -> None:
        self.record = record
        self.field = field
        self.source = source
        self.reason = message
        where = ", ".join(p for p in (
            source,
            record,
            f"field {field!r}" if field else None,
        ) if p)
        super().__init__(f"{where}: {message}" if where else message)


class InputTypeError(InputError, TypeError):
    """A field has the wrong type (e.g. a number where text is expected)."""


class ConfigError(ContradictError, ValueError):
    """A configuration is invalid. ``problems`` lists every ``dotted.key: message`` found at once.

    Example:
        >>> str(ConfigError(["nli.batch_size: must be >= 1, got 0"]))
        'invalid configuration:\\n  nli.batch_size: must be >= 1, got 0'
    """

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("invalid configuration:\n  " + "\n  ".join(self.problems))


class ModelError(ContradictError, RuntimeError):
    """An NLI or embedding model cannot be loaded or used (missing files, unknown labels)."""


class ArchiveError(InputError):
    """A file is not a usable statement archive: not an archive at all, or written by a newer version.

    Example:
        >>> str(ArchiveError("is not a contradict archive", source="notes.db"))
        'notes.db: is not a contradict archive'
    """


class ModelMismatchError(ModelError):
    """An archive holds scores or embeddings from another model than the one in use; rescoring is explicit.

    Example:
        >>> isinstance(ModelMismatchError("different NLI model"), ModelError)
        True
    """
