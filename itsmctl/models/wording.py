"""How a finding names a value as a YAML author sees it, and what a field allows.

Pydantic's own wording ("Input should be a valid boolean") names Python types; a person
editing a record wants to read what they wrote ("the text 'yes'") and what would do
("true or false").  The models' validators and the loader share these phrases.
"""

from __future__ import annotations

from typing import Any

EXAMPLE_TIMESTAMP = "2026-11-16T12:45:00+08:00"
EXAMPLE_DAY = "2026-11-16"


def found(value: Any) -> str:
    """``'yes'`` -> "the text 'yes'", ``1`` -> "the number 1", ``True`` -> "the boolean true"."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the text {value!r}" if len(value) <= 60 else f"the text {value[:57]!r}…"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


_EXPECTED = {
    "bool_type": "expected true or false (YAML 1.2)",
    "int_type": "expected a whole number written without quotes or a decimal point, like 5",
    "int_from_float": "expected a whole number written without quotes or a decimal point, like 5",
    "float_type": "expected a number written without quotes, like 80 or 87.5",
    "string_type": "expected text",
}


def type_message(error_type: str, value: Any) -> str | None:
    """A plain message for a strict type error (bool, int, float, str), else None."""
    expected = _EXPECTED.get(error_type)
    if expected is None:
        return None
    message = f"{expected}, found {found(value)}"
    if error_type == "string_type" and isinstance(value, (int, float, bool)):
        message += ": quote it if it is meant as text"
    return message
