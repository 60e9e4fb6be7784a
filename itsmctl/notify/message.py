"""The words of an escalation notice: Chinese first, English second.

Kept apart from sending so the text can be checked exactly in tests and read by a
person in the outbox file before anything goes out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from itsmctl.notify.notice import Recipient

TARGET_LABELS: dict[str, tuple[str, str]] = {
    "response": ("响应", "response"),
    "onsite": ("现场支持", "on-site arrival"),
    "spare_part": ("备件到场", "spare-part arrival"),
    "recovery": ("恢复", "service recovery"),
    "resolution": ("解决", "resolution"),
    "callback": ("回访", "customer callback"),
    "remote_guidance": ("远程指导", "remote guidance"),
    "dispatch": ("派单", "dispatch"),
    "execution_confirmed": ("执行确认", "execution confirmed"),
    "redispatch": ("重新派单", "re-dispatch"),
    "escalate_to_manager": ("上报项目经理", "escalation to the project manager"),
    "repair_progress": ("送修书面进展", "vendor repair progress"),
    "repair_return": ("送修返回", "vendor repair return"),
}
STATE_LABELS: dict[str, tuple[str, str]] = {
    "ok": ("临近时限", "approaching its deadline"),
    "warning": ("预警：即将超时", "pre-warning: about to breach"),
    "breached": ("报警：已超时", "alarm: breached"),
}


STATE_SHORT: dict[str, str] = {"ok": "正常", "warning": "预警", "breached": "已超时"}
"""A clock state in a few characters, for event notes and commit lines."""


def target_label(target: str) -> tuple[str, str]:
    return TARGET_LABELS.get(target, (target, target))


def _when(deadline: datetime | None) -> str:
    return deadline.strftime("%Y-%m-%d %H:%M %z") if deadline else "-"


def compose(
    *,
    ticket: str,
    title: str,
    level: int,
    name: str,
    target: str,
    state: str,
    deadline: datetime | None,
    percent: float | None,
    priority_before: str,
    priority_after: str,
    recipients: Sequence[Recipient],
    estimated_years: Sequence[int] = (),
) -> tuple[str, str]:
    """(subject, body) of one notice, each Chinese then English; a deadline that depends on a
    year whose holidays are only estimated says so (it may move with the official days)."""
    zh_target, en_target = target_label(target)
    zh_state, en_state = STATE_LABELS.get(state, (state, state))
    shown = f"{percent:.0f}%" if percent is not None else "-"
    subject = f"【升级 L{level} {name}】{ticket} {title} / [Escalation L{level}] {ticket} {en_target} {en_state}"
    raised = priority_after != priority_before
    who = "、".join(r.name for r in recipients) or "（无）"
    who_en = ", ".join(r.id for r in recipients) or "(none)"
    zh = [
        f"工单 {ticket}「{title}」{zh_target}时限{zh_state}（已用 {shown}，截止 {_when(deadline)}）。",
        f"升级级别：L{level} {name}。",
        f"优先级已由 {priority_before} 提升为 {priority_after}。" if raised else f"当前优先级：{priority_after}。",
        f"通知：{who}。请尽快处理。",
    ]
    years = "、".join(str(y) for y in estimated_years)
    if years:
        zh.insert(1, f"注意：截止时间按 {years} 年的估计节假日计算，官方安排公布后可能变动。")
    en = [
        f"Ticket {ticket} ({title}): {en_target} target {en_state} ({shown} used, deadline {_when(deadline)}).",
        f"Escalation level {level}: {name}.",
        f"Priority raised from {priority_before} to {priority_after}." if raised else f"Priority: {priority_after}.",
        f"Notified: {who_en}. Please act now.",
    ]
    if years:
        en.insert(
            1, f"Note: the deadline counts {years.replace('、', ', ')} holidays that are only estimated; it may move."
        )
    return subject, "\n".join(zh) + "\n\n" + "\n".join(en) + "\n"
