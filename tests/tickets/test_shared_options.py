"""Options every writer shares: ``--by`` from ``ITSMCTL_USER``, one commit report, bad choices."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Cli

TICKET = "INC-2610-7KQ3P"
AT = "2026-11-20T15:00:00+08:00"


def last_event(store: Path) -> str:
    text = next((store / "tickets").rglob(f"{TICKET}.yaml")).read_text(encoding="utf-8")
    return text.rstrip("\n").splitlines()[-1]


def test_itsmctl_user_is_the_actor_of_every_verb(cli: Cli, store: Path) -> None:
    result = cli("ticket", "note", TICKET, "via env", "--records", store, "--at", AT, env={"ITSMCTL_USER": "zhou.min"})
    assert result.code == 0, result
    assert "by: zhou.min" in last_event(store)
    result = cli("ticket", "note", TICKET, "flag wins", "--records", store, "--at", AT, "--by", "wang.qiang",
                 env={"ITSMCTL_USER": "zhou.min"})  # fmt: skip
    assert result.code == 0, result
    assert "by: wang.qiang" in last_event(store)


def test_an_unknown_itsmctl_user_is_named(cli: Cli, store: Path) -> None:
    result = cli("ticket", "note", TICKET, "x", "--records", store, "--at", AT, env={"ITSMCTL_USER": "ghost"})
    assert result.code == 2, result
    assert "ghost" in result.stderr


def test_writers_report_the_commit_the_same_way(cli: Cli, store: Path) -> None:
    note = cli("ticket", "note", TICKET, "x", "--records", store, "--at", AT, "--by", "wang.qiang")
    assert "the records are not in a git repository: wrote" in note.stderr


@pytest.mark.parametrize(
    ("args", "choices"),
    [
        (("ticket", "show", TICKET, "--format", "xml"), "'text', 'json'"),
        (("history", TICKET, "--format", "xml"), "'text', 'json'"),
        (("summary", "--format", "xml"), "'text', 'json'"),
        (("priority", "calc", "--preset", "xml"), "'seed', 'itil', 'glpi'"),
        (("report", "cmdb", "--lang", "fr"), "'zh', 'en'"),
    ],
)
def test_choices_are_checked_and_listed(cli: Cli, store: Path, args: tuple[str, ...], choices: str) -> None:
    result = cli(*args, "--records", store)
    assert result.code == 2, result
    assert choices in result.stderr
    assert "Traceback" not in result.stderr
    helped = cli(*args[: args.index(next(a for a in args if a.startswith("--")))], "--help")
    assert choices.replace("'", "").replace(", ", "|") in helped.stdout


def test_a_verb_reads_the_policy_once(cli, store, monkeypatch) -> None:
    """One store per command: the policy is loaded once and serves every step of a verb."""
    from itsmctl.models import Policy

    opened = cli("ticket", "new", "incident", "--title", "t", "--service", "SVC-ONSITE", "--dim", "urgency=low",
                 "--dim", "impact=one", "--records", store, "--by", "wang.qiang",
                 "--at", "2026-11-02T09:00:00+08:00")  # fmt: skip
    assert opened.code == 0, opened
    loads: list[str] = []
    real = Policy.model_validate.__func__  # type: ignore[attr-defined]

    def counting(cls, *args, **kwargs):  # type: ignore[no-untyped-def]
        loads.append("policy")
        return real(cls, *args, **kwargs)

    monkeypatch.setattr(Policy, "model_validate", classmethod(counting))
    result = cli("ticket", "note", opened.stdout.strip(), "已联系", "--records", store, "--by", "wang.qiang",
                 "--at", "2026-11-02T09:05:00+08:00")  # fmt: skip
    assert result.code == 0, result
    assert len(loads) == 1, loads


def test_verb_choices_say_what_is_allowed_and_take_the_chinese_name(cli, store) -> None:
    base = ("--records", store, "--by", "wang.qiang")
    opened = cli("ticket", "new", "incident", "--title", "t", "--service", "SVC-ONSITE", "--dim", "urgency=low",
                 "--dim", "impact=one", *base, "--at", "2026-11-02T09:00:00+08:00")  # fmt: skip
    tid = opened.stdout.strip()
    assert cli("ticket", "resolve", tid, "--resolution", "x", *base, "--at", "2026-11-02T09:10:00+08:00").code == 0
    wrong = cli("ticket", "confirm", tid, "--method", "pigeon", "--contact", "li.na", *base,
                "--at", "2026-11-02T09:20:00+08:00")  # fmt: skip
    assert wrong.code == 2, wrong
    assert "--method: unknown method 'pigeon'; allowed: phone 电话, mail 邮件" in wrong.stderr
    chinese = cli("ticket", "confirm", tid, "--method", "电话", "--contact", "li.na", *base,
                  "--at", "2026-11-02T09:20:00+08:00")  # fmt: skip
    assert chinese.code == 0, chinese
