"""The analyst's notebook runs, and its stored outputs are still what the code prints."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parent.parent / "docs" / "analyst.ipynb"
# Outputs whose text depends on the environment rather than on the library.
_VOLATILE = re.compile(r"^<(Figure|Axes) size .*>$|^<Axes: .*>$")


def text_outputs(cell: Any) -> list[str]:
    """The text a reader sees for a code cell: streams and plain-text results, no images."""
    texts = []
    for output in cell.get("outputs", []):
        if output["output_type"] == "stream":
            texts.append(output["text"])
        elif output["output_type"] in ("execute_result", "display_data"):
            plain = output.get("data", {}).get("text/plain", "")
            if plain and not _VOLATILE.match(plain):
                texts.append(plain)
        elif output["output_type"] == "error":
            texts.append(f"{output['ename']}: {output['evalue']}")
    return texts


def test_notebook_executes_and_matches_its_stored_outputs() -> None:
    """Every cell of docs/analyst.ipynb runs without error and prints what the file shows."""
    stored = nbformat.read(NOTEBOOK, as_version=4)
    fresh = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        fresh, timeout=300, kernel_name="python3", resources={"metadata": {"path": "docs"}}
    )
    client.execute()
    code = [(s, f) for s, f in zip(stored.cells, fresh.cells, strict=True) if s.cell_type == "code"]
    assert code, "the notebook has no code cell"
    for number, (old, new) in enumerate(code, start=1):
        assert text_outputs(new) == text_outputs(old), f"code cell {number} prints otherwise"
    images = [
        o for _, cell in code for o in cell.get("outputs", []) if "image/png" in o.get("data", {})
    ]
    assert images, "the notebook shows no graph"
