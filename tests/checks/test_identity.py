"""Paths and ids that one macOS or Windows checkout would take for one file are findings."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from tests.conftest import Cli


def _findings(cli: Cli, store: Path) -> list[dict[str, object]]:
    result = cli("validate", "--records", store, "--format", "json")
    assert result.code == 1, result
    found: list[dict[str, object]] = json.loads(result.stdout)
    return found


def test_ids_and_paths_differing_only_in_case_are_findings(cli: Cli, store: Path) -> None:
    source = (store / "cmdb" / "CI-SRV-01.yaml").read_text(encoding="utf-8")
    (store / "cmdb" / "ci-srv-01.yaml").write_text(source.replace("CI-SRV-01", "ci-srv-01"), encoding="utf-8")
    found = _findings(cli, store)
    by_code = {(str(f["file"]).rsplit("/", 1)[-1], f["code"]) for f in found}
    assert {
        ("CI-SRV-01.yaml", "path-case"),
        ("ci-srv-01.yaml", "path-case"),
        ("CI-SRV-01.yaml", "id-case"),
        ("ci-srv-01.yaml", "id-case"),
    } <= by_code
    message = next(f["message"] for f in found if f["code"] == "id-case")
    assert "CI-SRV-01 and ci-srv-01 differ only in letter case" in str(message)


def test_an_id_differing_only_in_case_from_another_kind_is_a_finding(cli: Cli, store: Path) -> None:
    source = (store / "cmdb" / "CI-SRV-01.yaml").read_text(encoding="utf-8")
    (store / "cmdb" / "svc-onsite.yaml").write_text(source.replace("CI-SRV-01", "svc-onsite"), encoding="utf-8")
    codes = {(str(f["file"]).rsplit("/", 1)[-1], f["code"]) for f in _findings(cli, store)}
    assert ("svc-onsite.yaml", "id-case") in codes and ("SVC-ONSITE.yaml", "id-case") in codes
    assert not any(code == "path-case" for _, code in codes)


def test_names_in_nfc_and_nfd_are_findings(cli: Cli, store: Path) -> None:
    source = (store / "services" / "SVC-ONSITE.yaml").read_text(encoding="utf-8")
    for form in ("NFC", "NFD"):
        name = unicodedata.normalize(form, "SVC-CAFÉ")
        (store / "services" / f"{name}.yaml").write_text(source.replace("SVC-ONSITE", name), encoding="utf-8")
    found = [f for f in _findings(cli, store) if f["code"] in ("path-case", "id-case")]
    assert len(found) == 4, found
    assert all("Unicode normalisation" in str(f["message"]) and "\\u0301" in str(f["message"]) for f in found)


def test_a_clean_store_has_none(cli: Cli, store: Path) -> None:
    result = cli("validate", "--records", store, "--format", "json")
    assert result.code == 0, result
