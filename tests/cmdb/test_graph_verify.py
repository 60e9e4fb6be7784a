"""``ci graph``: hostile names cannot break out of a Mermaid label; ``ci verify``: the three lists."""

from __future__ import annotations

import re
from datetime import date

from itsmctl.cmdb.graph import drawing
from itsmctl.cmdb.verify import verification
from itsmctl.escape import mermaid_label
from itsmctl.models.policy import CmdbPolicy
from itsmctl.reporters.cmdb import graph_mermaid
from tests.cmdb.test_impact import ci

HOSTILE = [
    'a"] --> n9["pwned',
    "x|label| y",
    "%%{init: {'theme': 'dark'}}%%",
    "<img src=x onerror=alert(1)>",
    "`**md**`",
    "name;\nclick n0 call alert()",
    "#35; &amp; [brackets] {braces} (parens)",
    "bidi \u202e and esc \x1b[2J",
]
NODE = re.compile(r'^    n\d+(\["[^"\n]*"\]|\(\["[^"\n]*"\]\))$')
SYNTAX = set('"#&<>`|%[]{}();')


def test_mermaid_label_leaves_no_syntax_and_no_control() -> None:
    for name in HOSTILE:
        label = mermaid_label(name)
        decoded = re.sub(r"#(\d+);", "", label)
        assert not SYNTAX & set(decoded), (name, label)
        assert "\n" not in label and "\x1b" not in label and "\u202e" not in label, label
    assert mermaid_label('a"b') == "a#34;b"
    assert mermaid_label("备份服务器") == "备份服务器"  # CJK stays as it is
    assert mermaid_label("esc \x1b") == "esc \\x1b"


def test_graph_with_hostile_names_is_one_node_per_ci_and_one_edge_per_relation() -> None:
    # names the models refuse (controls) too: the escaper cannot count on the models' checks
    cis = [
        ci(f"CI-{i}", *(["runs_on=CI-0"] if i else [])).model_copy(update={"name": name})
        for i, name in enumerate(HOSTILE)
    ]
    cis.append(ci("CI-BS", "depends_on=CI-GONE", cls="business_service", name="服务"))
    text = graph_mermaid(drawing(cis))
    lines = text.splitlines()
    assert lines[0] == "flowchart LR"
    nodes = [line for line in lines if re.match(r"^    n\d+[\[(]", line)]
    assert len(nodes) == len(cis) + 1 and all(NODE.match(line) for line in nodes), nodes
    edges = [line for line in lines if re.match(r"^    n\d+ (-->|---)\|[a-z_]+\| n\d+$", line)]
    assert len(edges) == len(HOSTILE) - 1 + 1
    assert len(lines) == 1 + len(nodes) + len(edges)


def test_a_neighbourhood_stops_at_its_depth_and_on_cycles() -> None:
    cis = [ci("CI-A", "depends_on=CI-B"), ci("CI-B", "depends_on=CI-C"), ci("CI-C", "depends_on=CI-A"), ci("CI-D")]
    near = drawing(cis, "CI-A", depth=1)
    assert [c.id for c in near.cis] == ["CI-A", "CI-B", "CI-C"]  # B by its edge, C by the edge back to A
    assert len(near.edges) == 3
    assert [c.id for c in drawing(cis, "CI-D").cis] == ["CI-D"]


def test_verification_lists_overdue_expiring_and_untouched_cis() -> None:
    today = date(2026, 11, 20)
    cis = [
        ci("CI-OLD", last_verified="2026-05-01"),
        ci("CI-NEW", last_verified="2026-11-01", warranty_until="2027-01-10"),
        ci("CI-LATE", last_verified="2026-11-01", licence_until="2026-10-31"),
        ci("CI-GONE", status="retired", warranty_until="2026-12-01"),
        ci("CI-NEVER"),
    ]
    view = verification(cis, [], today, CmdbPolicy(verify_days=183, expiry_days=60))
    assert [(u.ci.id, u.days) for u in view.unverified] == [("CI-NEVER", None), ("CI-OLD", 203)]
    assert [(e.ci.id, e.what, e.days) for e in view.expiring] == [
        ("CI-LATE", "licence", -20),
        ("CI-NEW", "warranty", 51),
    ]
    assert [e.ci.id for e in verification(cis, [], today, CmdbPolicy(expiry_days=30)).expiring] == ["CI-LATE"]
    assert [c.id for c in view.untouched] == ["CI-LATE", "CI-NEVER", "CI-NEW", "CI-OLD"]
