"""The complaints that follow up the sample's low callback scores (seed 000 §4.4.1)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from storegen.history import Context
from storegen.planned import ComplaintSpec, complaint
from storegen.ticket import Ticket


class FollowUps:
    """The complaints that follow up low callback scores (seed 000 §4.4.1), from their own
    random and id sources so every other record keeps its id; handled by the quality desk."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.opened: list[Ticket] = []

    def __call__(self, ticket: Ticket, survey: dict[str, Any]) -> str:
        about = ticket.fields.get("assignee")
        spec = ComplaintSpec(
            f"回访低分跟进：{ticket.fields['title']}",
            f"回访 {survey['id']} 评分 {survey['score']} 分：{survey.get('comment') or '未说明原因'}。",
            (about,) if about else (),
            "he.jing" if about != "he.jing" else "zhou.min",
            survey["respondent"],
            "与客户确认低分原因，向客户说明处理过程并致歉；相关改进纳入月度质量分析。",
            "电话回访客户了解低分原因：处理时间较长，影响业务。",
        )
        opened = survey["at"] + timedelta(minutes=30)
        made = complaint(self.ctx, spec, opened, [ticket.id])
        self.opened.append(made)
        return made.id
