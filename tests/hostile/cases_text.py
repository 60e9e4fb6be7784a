"""Control, format and look-alike characters in every text field, and in file names.

Beyond ``tests/models/test_record_text.py`` (ESC, OSC 8, C1 CSI, U+202E and a line break in
a ticket's title or description): the other fields, and the characters that look right.
"""

from __future__ import annotations

from tests.hostile.corpus import HOSTILE, HOSTILE_ID, Case, Expect, both, edit, put, ticket_text

POLICY = "policy.yaml"
CI = "cmdb/CI-SRV-01.yaml"
SERVICE = "services/SVC-ONSITE.yaml"


def _ci(field: str, value: str, words: str = "") -> Case:
    return Case(
        f"text-ci-{field}-escape",
        f"an ESC sequence in a CI's {field}",
        edit(CI, "owner: wang.qiang", f'owner: wang.qiang\n{field}: "{value}"'),
        Expect(CI, "schema", field=field, line=7, words=words),
    )


def _file_name(name: str, description: str, ticket_id: str, xfail: str | None = None) -> Case:
    rel = f"tickets/2026/10/{name}"
    return Case(
        f"file-name-{description.split(':')[0].replace(' ', '-')}",
        description,
        put(rel, ticket_text(ticket_id)),
        Expect(rel, "path", line=None),
        xfail=xfail,
    )


CASES = [
    Case(
        "id-cyrillic-a",
        "a ticket id with a Cyrillic 'А' in place of the Latin 'A' (file named the same)",
        put("tickets/2026/10/INC-2610-Н0SТ1.yaml", ticket_text("INC-2610-Н0SТ1")),
        Expect("tickets/2026/10/INC-2610-Н0SТ1.yaml", "schema", field="id", line=2),
    ),
    Case(
        "id-full-width-digits",
        "a ticket id with full-width digits (INC-２６１０-…)",
        put("tickets/2026/10/INC-２６１０-H0ST1.yaml", ticket_text("INC-２６１０-H0ST1")),
        Expect("tickets/2026/10/INC-２６１０-H0ST1.yaml", "schema", field="id", line=2),
    ),
    Case(
        "ref-cyrillic-service",
        "a ticket's service 'SVC-ОNSITE' with a Cyrillic 'О': a reference to nothing",
        put(HOSTILE, ticket_text().replace("service: SVC-ONSITE", "service: SVC-ОNSITE")),
        Expect(HOSTILE, "schema", field="service", line=4),
    ),
    Case(
        "ref-person-zero-width-joiner",
        "a person id with a zero-width joiner as the requester (li\u200dna)",
        put(HOSTILE, ticket_text().replace("requester: li.na", "requester: li\u200d.na")),
        Expect(HOSTILE, "schema", field="requester", line=6),
    ),
    Case(
        "ref-person-trailing-nbsp",
        "a person id followed by a no-break space",
        put(HOSTILE, ticket_text().replace("assignee: wang.qiang", "assignee: wang.qiang\u00a0")),
        Expect(HOSTILE, "schema", field="assignee", line=7),
    ),
    Case(
        "text-title-line-separator",
        "U+2028 LINE SEPARATOR inside a title",
        put(HOSTILE, ticket_text(title='"第一行\\L伪造"')),
        Expect(HOSTILE, "schema", field="title", line=3),
    ),
    Case(
        "text-title-paragraph-separator",
        "U+2029 PARAGRAPH SEPARATOR inside a title",
        put(HOSTILE, ticket_text(title='"第一行\\P伪造"')),
        Expect(HOSTILE, "schema", field="title", line=3),
    ),
    Case(
        "text-title-next-line",
        "U+0085 NEXT LINE inside a title",
        put(HOSTILE, ticket_text(title='"第一行\\N伪造"')),
        Expect(HOSTILE, "schema", field="title", line=3),
    ),
    Case(
        "text-title-bidi-isolate",
        "U+2067 RIGHT-TO-LEFT ISOLATE in a title",
        put(HOSTILE, ticket_text(title='"abc\\u2067def"')),
        Expect(HOSTILE, "schema", field="title", line=3),
    ),
    Case(
        "text-title-zero-width-only",
        "a title of zero-width characters only (U+200B U+200D): looks empty",
        put(HOSTILE, ticket_text(title='"\\u200b\\u200d"')),
        Expect(HOSTILE, "schema", field="title", line=3),
    ),
    Case(
        "text-title-spaces-only",
        "a title of spaces only, quoted",
        put(HOSTILE, ticket_text(title='"   "')),
        Expect(HOSTILE, "schema", field="title", line=3),
    ),
    Case(
        "text-note-escape",
        "an ESC sequence in a note event's text",
        put(
            HOSTILE,
            ticket_text(
                events="  - {id: EH0ST3, at: 2026-10-12T10:00:00+08:00, by: wang.qiang, type: note, "
                'note: "\\e]0;pwned\\a"}\n'
            ),
        ),
        Expect(HOSTILE, "schema", field="events[2].note", line=16),
    ),
    Case(
        "text-person-name-escape",
        "an ESC sequence in a person's name in the policy",
        edit(POLICY, "name: 王强", 'name: "王\\e[31m强"'),
        Expect(POLICY, "schema", field="people[0].name", line=7),
    ),
    Case(
        "text-person-name-en-escape",
        "a C1 CSI in a person's English name",
        edit(POLICY, "name: 王强,", 'name: 王强, name_en: "Wang\\x9b2J",'),
        Expect(POLICY, "schema", field="people[0].name_en", line=7),
    ),
    Case(
        "text-person-email-header-injection",
        "a person's email with CR LF and a Bcc header",
        edit(POLICY, "roles: [engineer]}", 'roles: [engineer], email: "w@hengyun.example\\r\\nBcc: x@evil.example"}'),
        Expect(POLICY, "schema", field="people[0].email", line=7),
    ),
    Case(
        "text-group-name-bidi",
        "a bidi override in a group's name",
        edit(POLICY, "name: 驻场组", 'name: "驻场\\u202e组"'),
        Expect(POLICY, "schema", field="groups[0].name", line=11),
    ),
    Case(
        "text-service-name-en-escape",
        "an ESC sequence in a service's English name",
        edit(SERVICE, "name: 现场维护", 'name: 现场维护\nname_en: "On\\e[2Jsite"'),
        Expect(SERVICE, "schema", field="name_en", line=4),
    ),
    _ci("vendor", "Dell\\e[2J"),
    _ci("serial", "SN\\u009b31m"),
    _ci("location", "机房\\r\\n伪造"),
    Case(
        "text-ci-label-value-escape",
        "an ESC sequence in a CI label's value",
        edit(CI, "owner: wang.qiang", 'owner: wang.qiang\nlabels: {rack: "A\\e[5m1"}'),
        Expect(CI, "schema", field="labels.rack", line=7),
    ),
    Case(
        "text-unknown-key-escape",
        "an ESC sequence in an unknown key's name (the finding names the key)",
        put(HOSTILE, ticket_text(extra='"\\e[2Jcolour": red\n')),
        Expect(HOSTILE, "schema", line=12, words="unknown field"),
        xfail=None,
    ),
    _file_name("INC-2610-\x1b[2J.yaml", "ESC: a ticket file name with an ESC sequence", HOSTILE_ID),
    _file_name("INC-2610-a\nb.yaml", "newline: a ticket file name with a line break", HOSTILE_ID),
    _file_name("INC-2610-Н0SТ1.yaml", "cyrillic: a file name in Cyrillic look-alikes, the id in Latin", HOSTILE_ID),
    _file_name("-rf INC-2610-H0ST1.yaml", "dash: a file name that starts with a dash and holds a space", HOSTILE_ID),
    Case(
        "file-name-upper",
        "an upper-case .YAML suffix: not a record file, left alone",
        put("tickets/2026/10/INC-2610-H0ST1.YAML", ticket_text()),
        None,
    ),
    Case(
        "file-name-not-utf8",
        "a file name that is not UTF-8 (byte 0xFF)",
        lambda store: (store / "tickets" / "2026" / "10" / "INC-\udcff.yaml").write_bytes(ticket_text().encode()),
        None,
        only_survive=True,
    ),
    Case(
        "id-case-collision",
        "two tickets whose ids differ only in case (inc-2610-h0st1 beside INC-2610-H0ST1)",
        both(put(HOSTILE, ticket_text()), put("tickets/2026/10/inc-2610-h0st1.yaml", ticket_text("inc-2610-h0st1"))),
        Expect("tickets/2026/10/inc-2610-h0st1.yaml", "schema", field="id", line=2),
    ),
]
