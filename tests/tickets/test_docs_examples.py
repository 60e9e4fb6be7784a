"""The console examples of docs/lifecycles.md run, in order, against a real git store.

Example ids (``INC-2611-7KQ3P``…) stand for the ids ``ticket new`` really draws: each
``new`` maps the next example id of its kind to the id it printed.  Commands without
``--by`` run as wang.qiang (git's email is not in the example policy); each gets a
later ``--at`` unless the line gives its own (later ones count on from it).
"""

from __future__ import annotations

import re
import shlex
from datetime import datetime, timedelta
from pathlib import Path

from tests.conftest import ROOT, Cli

DOC = ROOT / "docs" / "lifecycles.md"
EXAMPLE_ID = re.compile(r"\b[A-Z]{3}-2611-[0-9A-Z]{5}\b")


def commands() -> list[str]:
    """``$ itsmctl …`` lines of the console blocks that show no error, continuations joined."""
    text = DOC.read_text(encoding="utf-8")
    out: list[str] = []
    for block in re.findall(r"```console\n(.*?)```", text, flags=re.S):
        if "\nitsmctl: " in "\n" + block:
            continue  # a block that shows a refusal
        joined = block.replace("\\\n", " ")
        out += [line[2:] for line in joined.splitlines() if line.startswith("$ itsmctl ")]
    return out


def test_every_example_runs(cli: Cli, repo: Path) -> None:
    examples = commands()
    assert len(examples) > 30
    ids: dict[str, str] = {}
    when = datetime.fromisoformat("2026-11-02T09:00:00+08:00")
    for line in examples:
        words = shlex.split(line.split("  #")[0])[1:]
        noun = words[0]
        if words[:2] == ["ticket", "new"]:
            pending = next(m for m in EXAMPLE_ID.findall(_rest_of_doc(line)) if m not in ids)
        words = [ids.get(w, w) for w in words]
        when += timedelta(minutes=1)
        extra = ["--records", str(repo)]
        if "--at" in words:  # the doc gives the time itself (implementing in the change window)
            when = datetime.fromisoformat(words[words.index("--at") + 1])
        elif noun == "ticket" and words[1] not in ("list", "show"):
            extra += ["--at", when.isoformat()]
        if noun == "ticket" and words[1] not in ("list", "show"):
            extra += [] if "--by" in words else ["--by", "wang.qiang"]
        if words[:2] == ["ticket", "list"]:
            extra += ["--at", when.isoformat()]
        result = cli(*words, *extra)
        assert result.code == 0, (line, result)
        if words[:2] == ["ticket", "new"]:
            ids[pending] = result.stdout.strip()
    assert len(ids) == 4


def _rest_of_doc(line: str) -> str:
    """The doc after ``line``: the first example id not yet mapped is the one ``new`` opened."""
    text = DOC.read_text(encoding="utf-8").replace("\\\n", " ")
    return text[text.index(line.split("\\")[0].strip()) :]
