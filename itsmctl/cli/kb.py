"""``itsmctl kb``: the knowledge base (知识库) — known errors, workarounds, resolutions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, TypeAlias

import typer

from itsmctl.cli.options import DEFAULT_RECORDS, RecordsOption, choice
from itsmctl.cli.output import emit, finish
from itsmctl.cli.records import open_records
from itsmctl.exits import CommandResult
from itsmctl.reporters.knowledge import KB_REPORTERS
from itsmctl.tickets.knowledge import search as search_knowledge

app = typer.Typer(help="知识库 Knowledge: 检索 search known errors, workarounds and resolutions.", no_args_is_help=True)

if TYPE_CHECKING:
    KbFormat: TypeAlias = str
else:
    KbFormat = choice("KbFormat", tuple(KB_REPORTERS))


@app.command("search")
def search(
    words: Annotated[list[str], typer.Argument(help="检索词 Words, all to be found (Chinese matched as written).")],
    known_errors: Annotated[
        bool, typer.Option("--known-errors", help="只看已知错误 Only problems marked known_error.")
    ] = False,
    limit: Annotated[int, typer.Option("--limit", min=1, help="最多条数 At most this many records.")] = 20,
    records: RecordsOption = DEFAULT_RECORDS,
    output_format: Annotated[KbFormat, typer.Option("--format", help="输出格式 Output: text or json.")] = "text",
) -> int:
    """检索 Find known errors (已知错误), workarounds (临时解决方案) and resolutions by their words.

    Every word must be found in one record (its title, description, root cause, workaround or a
    resolution); Chinese is matched as written, full-width and half-width alike.  Known errors
    first, then problems, then the most recent tickets.  Exit 1 when a file does not load.
    """
    store = open_records(records)
    hits = search_knowledge(store.snapshot(), " ".join(words), known_errors_only=known_errors)
    emit(KB_REPORTERS[output_format](hits[:limit]))
    return finish(CommandResult(left_out=store.left_out()))
