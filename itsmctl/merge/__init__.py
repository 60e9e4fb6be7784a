"""Merging two versions of a record file by meaning, for git's merge driver (``itsmctl merge-driver``)."""

from itsmctl.merge.records import MergeResult, merge_record

__all__ = ["MergeResult", "merge_record"]
