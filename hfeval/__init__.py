"""hfeval: declarative evaluation metadata for the Hugging Face Hub."""

from __future__ import annotations

__version__ = "0.1.0"
