"""The Excel CSV of `lakip summary` opens in LibreOffice Calc with Indonesian settings as numbers."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import ROOT, require_libreoffice

from lakip_cli.cli import app

NS = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
      "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0"}
# Calc's CSV filter options: ';' (59) between fields, '"' (34) around text, UTF-8 (76), from row 1,
# standard column types, language Indonesian (1057), as a user picks them in the import dialog.
CSV_FILTER = "CSV:59,34,76,1,,1057"


def _cells(row: ET.Element) -> list[tuple[str | None, str]]:
    out: list[tuple[str | None, str]] = []
    for cell in row.findall("table:table-cell", NS):
        repeat = int(cell.get(f"{{{NS['table']}}}number-columns-repeated", "1"))
        kind = cell.get(f"{{{NS['office']}}}value-type")
        value = cell.get(f"{{{NS['office']}}}value") or "".join(cell.itertext()).strip()
        out.extend([(kind, value)] * min(repeat, 20))
    return out


@pytest.mark.libreoffice
def test_calc_reads_the_csv_numbers_as_numbers(tmp_path: Path, runner) -> None:
    soffice = require_libreoffice()
    csv_path = tmp_path / "capaian.csv"
    csv_path.write_text(runner.invoke(app, ["summary", "2024", "-C", str(ROOT), "-f", "csv"]).stdout,
                        encoding="utf-8", newline="")
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profil').as_uri()}", "--headless",
                    f"--infilter={CSV_FILTER}", "--convert-to", "fods", "--outdir", str(tmp_path), str(csv_path)],
                   check=True, capture_output=True, timeout=180)
    rows = ET.parse(tmp_path / "capaian.fods").findall(".//table:table-row", NS)
    head = [value for _, value in _cells(rows[0])]
    assert head[:4] == ["no", "id", "sasaran", "indikator"]  # the BOM does not end up in the first header
    first = dict(zip(head, _cells(rows[1]), strict=False))
    assert first["capaian"] == ("float", "111.1111")
    assert first["pagu"] == ("float", "37491400")
    assert first["serapan"] == ("float", "96.3553")
    assert first["indikator"] == ("string", "Persentase Peningkatan Kerukunan Beragama")
    ormas = next(dict(zip(head, _cells(r), strict=False)) for r in rows[1:] if ("string", "IK04") in _cells(r))
    assert ormas["realisasi"] == ("float", "94.4444")
