"""The content cache on its own: what it keeps, what it refuses to trust."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from itsmctl.cache import ContentCache, FileSignature, digest_of
from itsmctl.cache.content import MISSING, RACY_SECONDS
from itsmctl.cache.framed import MAGIC, read_framed, write_framed

HOUR_NS = 3600 * 1_000_000_000


def later(seconds: float = 3600) -> int:
    import time

    return time.time_ns() + int(seconds * 1_000_000_000)


def signature_of(path: Path) -> FileSignature:
    return FileSignature.of(os.lstat(path))


def test_parsed_data_comes_back_by_content_hash(tmp_path: Path) -> None:
    cache = ContentCache(tmp_path / "c", fingerprint="f1")
    data = {"kind": "incident", "n": [1, 2.5, None, True, "是"], 3: "int key"}
    cache.keep_parsed(digest_of(b"abc"), data)
    cache.save()
    again = ContentCache(tmp_path / "c", fingerprint="f1")
    found = again.parsed(digest_of(b"abc"))
    assert found == data
    assert [type(v) for v in found["n"]] == [int, float, type(None), bool, str]
    assert list(found) == ["kind", "n", 3]
    assert again.parsed(digest_of(b"abd")) is MISSING


def test_another_code_fingerprint_sees_an_empty_cache(tmp_path: Path) -> None:
    cache = ContentCache(tmp_path / "c", fingerprint="old-release")
    cache.keep_parsed(digest_of(b"abc"), {"a": 1})
    cache.save()
    assert ContentCache(tmp_path / "c", fingerprint="new-release").parsed(digest_of(b"abc")) is MISSING


def test_a_corrupt_or_foreign_cache_file_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "f"
    assert write_framed(path, "data", "fp", {"x": [1, 2, 3]})
    assert read_framed(path, "data", "fp") == {"x": [1, 2, 3]}
    data = path.read_bytes()
    path.write_bytes(data[:-3] + b"\x00\x01\x02")  # a flipped payload
    assert read_framed(path, "data", "fp") is None
    path.write_bytes(data[: len(data) // 2])  # cut short
    assert read_framed(path, "data", "fp") is None
    path.write_bytes(b"garbage that is not a cache file")
    assert read_framed(path, "data", "fp") is None
    path.write_bytes(MAGIC + b"index fp deadbeef\n" + data)  # another file's header
    assert read_framed(path, "data", "fp") is None
    assert read_framed(tmp_path / "missing", "data", "fp") is None


def test_a_link_in_place_of_a_cache_file_is_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    assert write_framed(target, "data", "fp", {"x": 1})
    (tmp_path / "link").symlink_to(target)
    assert read_framed(tmp_path / "link", "data", "fp") is None


def test_stat_index_knows_a_file_only_while_its_signature_holds(tmp_path: Path) -> None:
    record = tmp_path / "a.yaml"
    record.write_bytes(b"kind: x\n")
    cache = ContentCache(tmp_path / "c", fingerprint="fp", clock_ns=later)
    sig = signature_of(record)
    cache.remember("a.yaml", sig, digest_of(b"kind: x\n"))
    cache.save()
    again = ContentCache(tmp_path / "c", fingerprint="fp", clock_ns=later)
    assert again.known_digest("a.yaml", os.lstat(record)) == digest_of(b"kind: x\n")
    # same size, same mtime set back by hand: the ctime still moves, so it is read again
    stat = os.stat(record)
    record.write_bytes(b"kind: y\n")
    os.utime(record, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert again.known_digest("a.yaml", os.lstat(record)) is None
    assert again.known_digest("b.yaml", os.lstat(record)) is None


def test_a_file_changed_moments_ago_is_not_indexed(tmp_path: Path) -> None:
    """Racily clean: a file written within RACY_SECONDS of indexing could be rewritten with the
    same size and time stamps; it is read and hashed again next time instead."""
    record = tmp_path / "a.yaml"
    record.write_bytes(b"kind: x\n")
    cache = ContentCache(tmp_path / "c", fingerprint="fp")  # the real clock
    cache.remember("a.yaml", signature_of(record), digest_of(b"kind: x\n"))
    assert cache.known_digest("a.yaml", os.lstat(record)) is None
    assert RACY_SECONDS >= 1


def test_a_damaged_pack_entry_is_a_miss_and_the_others_still_serve(tmp_path: Path) -> None:
    cache = ContentCache(tmp_path / "c", fingerprint="fp")
    first, second = digest_of(b"first"), digest_of(b"second")
    cache.keep_parsed(first, {"text": "一" * 50})
    cache.keep_parsed(second, {"text": "二" * 50})
    cache.save()
    (pack,) = (tmp_path / "c" / "data").glob("pack-*")
    data = bytearray(pack.read_bytes())
    data[40] ^= 0xFF  # inside the first entry (after the header)
    pack.write_bytes(bytes(data))
    again = ContentCache(tmp_path / "c", fingerprint="fp")
    assert again.parsed(first) is MISSING
    assert again.parsed(second) == {"text": "二" * 50}


def test_a_pack_cut_short_is_a_miss(tmp_path: Path) -> None:
    cache = ContentCache(tmp_path / "c", fingerprint="fp")
    cache.keep_parsed(digest_of(b"x"), {"a": list(range(100))})
    cache.save()
    (pack,) = (tmp_path / "c" / "data").glob("pack-*")
    pack.write_bytes(pack.read_bytes()[:5])
    assert ContentCache(tmp_path / "c", fingerprint="fp").parsed(digest_of(b"x")) is MISSING


def test_a_full_load_compacts_the_pack_to_what_it_used(tmp_path: Path, monkeypatch: Any) -> None:
    from itsmctl.cache import pack as pack_module

    monkeypatch.setattr(pack_module, "SLACK_BYTES", 700)  # room for one more entry
    kept = digest_of(b"kept")
    for n in range(30):  # thirty runs, each adding content nobody reads again
        run = ContentCache(tmp_path / "c", fingerprint="fp")
        run.keep_parsed(digest_of(f"old {n}".encode()), {"n": n, "pad": "x" * 500})
        if n == 0:
            run.keep_parsed(kept, {"kept": True})
        run.save()
    before = sum(p.stat().st_size for p in (tmp_path / "c" / "data").glob("pack-*"))
    full = ContentCache(tmp_path / "c", fingerprint="fp")
    assert full.parsed(kept) == {"kept": True}
    full.save(full_load=True)
    packs = list((tmp_path / "c" / "data").glob("pack-*"))
    assert len(packs) == 1 and packs[0].stat().st_size < before / 4
    after = ContentCache(tmp_path / "c", fingerprint="fp")
    assert after.parsed(kept) == {"kept": True}
    assert after.parsed(digest_of(b"old 29")) == {"n": 29, "pad": "x" * 500}  # the newest others stay
    assert after.parsed(digest_of(b"old 0")) is MISSING


def test_results_keep_the_newest_few_keys(tmp_path: Path) -> None:
    from itsmctl.cache.content import KEEP_RESULTS

    cache = ContentCache(tmp_path / "c", fingerprint="fp")
    for n in range(KEEP_RESULTS + 2):
        cache.keep_result("validate", f"key{n}", [n])
    assert cache.result("validate", "key0") is MISSING
    assert cache.result("validate", f"key{KEEP_RESULTS + 1}") == [KEEP_RESULTS + 1]
    assert ContentCache(tmp_path / "c", fingerprint="other").result("validate", f"key{KEEP_RESULTS + 1}") is MISSING


def test_a_cache_folder_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go")
    cache = ContentCache(blocker / "c", fingerprint="fp")
    cache.keep_parsed(digest_of(b"x"), {"a": 1})
    cache.save()  # nothing written, nothing raised
    cache.keep_result("validate", "k", [1])
    assert cache.result("validate", "k") is MISSING
    assert blocker.read_text() == "a file where the cache folder would go"
