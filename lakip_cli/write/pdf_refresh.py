"""pdf_refresh: run by a Python that has LibreOffice's `uno` module (not by lakip's own interpreter).

    python3 pdf_refresh.py SOFFICE PROFILE_URL INPUT_URL OUTPUT_URL [INPUT_URL OUTPUT_URL ...]
    python3 pdf_refresh.py SOFFICE PROFILE_URL < pairs   (started early: soffice starts while the
                                                          caller still writes the documents)

Starts one private headless soffice (own user profile, own pipe) for all the jobs, and for each
pair loads the document hidden, refreshes every field and every index (table of contents, lists
of tables and figures), and writes the output: an OUTPUT_URL ending in `.json` receives the
refreshed indexes (for each index in document order, its paragraphs as [style, text]), any other
is a PDF export. Consecutive pairs with the same INPUT_URL share one load. LibreOffice's plain
`--convert-to pdf` keeps index contents as stored in the .docx, so a freshly generated document
would print "update this field" placeholders. The script prints `selesai N` (N counted from 1) on
stdout as soon as output N is written, so the caller can report
progress and use the indexes of a document while its PDF is still being exported.

lakip_cli.write.pdf runs this file as a script with whichever interpreter has `uno`, which is usually not
lakip's own: so it uses the standard library and `uno` only, and imports `uno` inside main() so that
importing the module (tests, tooling) works anywhere.
Exit status: 0 = PDF written; 2 = bad arguments; 3 = soffice did not start or accept the
connection; 4 = the document could not be loaded; 5 = refresh or export failed. The last line
on stderr is a one-line reason for the caller.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid

CONNECT_WAIT = 120.0  # seconds for a cold start with a fresh profile; the caller's timeout governs overall
QUICK_EXIT_ENV = "LAKIP_UNO_QUICK_EXIT"  # "1": leave soffice to the caller instead of shutting it down
NOTE_STYLE = "lakip Catatan PDF"  # as write/indexes.py names it
INDEX_PASSES = 2  # a filled index moves the pages after it; the second pass fixes its page numbers


def _fail(code: int, message: str) -> int:
    sys.stderr.write(message.replace("\n", " ") + "\n")
    sys.stderr.flush()
    return code


def _props(uno, **values):  # type: ignore[no-untyped-def]
    out = []
    for name, value in values.items():
        p = uno.createUnoStruct("com.sun.star.beans.PropertyValue")
        p.Name = name
        p.Value = value
        out.append(p)
    return tuple(out)


def _connect(uno, proc: subprocess.Popen, pipe: str):  # type: ignore[no-untyped-def]
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    url = f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext"
    deadline = time.monotonic() + CONNECT_WAIT
    delay = 0.02
    while True:
        try:
            return resolver.resolve(url)
        except Exception:  # NoConnectException until soffice listens
            if proc.poll() is not None:
                raise RuntimeError(f"soffice berhenti sebelum menerima koneksi (kode {proc.returncode})") from None
            if time.monotonic() > deadline:
                raise RuntimeError("soffice tidak menerima koneksi") from None
            time.sleep(delay)
            delay = min(delay * 1.5, 0.1)


def _refresh(doc) -> None:  # type: ignore[no-untyped-def]
    """Fields first (SEQ numbers feed the lists), then every index, then fields again.

    A second pass over the indexes is needed only when the first one moved pages, i.e. when the
    page count or the page of an entry changed; a document whose indexes were already filled by
    an earlier refresh takes one pass.
    """
    doc.getTextFields().refresh()
    indexes = doc.getDocumentIndexes()
    before = _index_texts(indexes)
    for _ in range(INDEX_PASSES):
        for i in range(indexes.getCount()):
            indexes.getByIndex(i).update()
        after = _index_texts(indexes)
        if after == before or _shape(after) == _shape(before):
            # Unchanged, or only page numbers of the same width changed (the refresh after the notes are
            # shown): every index holds the same lines as before, so no page after it moved.
            break
        before = after
    doc.getTextFields().refresh()  # PAGE / NUMPAGES / cross references after the indexes moved pages


def _reveal_notes(doc) -> bool:  # type: ignore[no-untyped-def]
    """Show the draft's notes, hidden by their paragraph style while the pages of the .docx were counted."""
    styles = doc.getStyleFamilies().getByName("ParagraphStyles")
    if not styles.hasByName(NOTE_STYLE):
        return False
    style = styles.getByName(NOTE_STYLE)
    if not style.CharHidden:
        return False
    style.CharHidden = False
    return True


def _shape(texts: list[str]) -> list[list[int]]:
    """Each index as the length of each of its lines: what decides the room the index takes."""
    return [[len(line) for line in text.splitlines()] for text in texts]


def _index_texts(indexes) -> list[str]:  # type: ignore[no-untyped-def]
    return [indexes.getByIndex(i).getAnchor().getString() for i in range(indexes.getCount())]


def _index_paragraphs(doc) -> list[list[list[str]]]:  # type: ignore[no-untyped-def]
    """Every index in document order as its paragraphs, each [paragraph style, text]."""
    indexes = doc.getDocumentIndexes()
    found = []
    for i in range(indexes.getCount()):
        anchor = indexes.getByIndex(i).getAnchor()
        found.append((anchor.getStart(), _quick_paragraphs(anchor) or _walked_paragraphs(anchor)))
    compare = doc.getText().compareRegionStarts
    ordered: list = []
    for start, paragraphs in found:  # getDocumentIndexes is in creation order; lakip needs page order
        at = 0
        while at < len(ordered) and compare(ordered[at][0], start) >= 0:
            at += 1
        ordered.insert(at, (start, paragraphs))
    return [paragraphs for _, paragraphs in ordered]


def _quick_paragraphs(anchor) -> list[list[str]] | None:  # type: ignore[no-untyped-def]
    """The index's paragraphs from its text in one call and their styles from one cursor moved along them.

    Every call crosses the bridge to soffice, and a paragraph object made per entry costs a few of them:
    this way an entry costs two. The lines of the text are the paragraphs only when no entry breaks its
    line; that holds when the last line read ends where the index ends, else None (the walk is taken).
    """
    lines = anchor.getString().split("\n")
    text = anchor.getText()
    cursor = text.createTextCursorByRange(anchor.getStart())
    styles = []
    for number in range(len(lines)):
        styles.append(cursor.ParaStyleName)
        if number < len(lines) - 1 and not cursor.gotoNextParagraph(False):
            return None
    cursor.gotoEndOfParagraph(False)
    if text.compareRegionEnds(cursor, anchor) != 0:
        return None
    return [[style, line] for style, line in zip(styles, lines, strict=True)]


def _walked_paragraphs(anchor) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """The index's paragraphs one object at a time (an entry with a line break in it)."""
    paragraphs = []
    walk = anchor.getText().createEnumeration() if not hasattr(anchor, "createEnumeration") \
        else anchor.createEnumeration()
    while walk.hasMoreElements():
        para = walk.nextElement()
        if not hasattr(para, "ParaStyleName"):
            continue  # a table inside an index: not something lakip writes
        paragraphs.append([para.ParaStyleName, para.getString()])
    return paragraphs


def _jobs(pairs: list[str]) -> list[tuple[str, list[str]]]:
    """(input, outputs) with consecutive pairs of one input merged, so the document is loaded once."""
    jobs: list[tuple[str, list[str]]] = []
    for source, target in zip(pairs[0::2], pairs[1::2], strict=False):
        if jobs and jobs[-1][0] == source:
            jobs[-1][1].append(target)
        else:
            jobs.append((source, [target]))
    return jobs


def _write_indexes(doc, url: str, uno) -> None:  # type: ignore[no-untyped-def]
    path = uno.fileUrlToSystemPath(url)
    with open(path, "w", encoding="utf-8") as out:
        json.dump(_index_paragraphs(doc), out, ensure_ascii=False)


def main(argv: list[str]) -> int:
    if len(argv) < 3 or len(argv) % 2 == 0:
        return _fail(2, "pemakaian: pdf_refresh.py SOFFICE PROFILE_URL INPUT_URL OUTPUT_URL [INPUT_URL OUTPUT_URL ...]")
    soffice, profile_url = argv[1:3]
    from_stdin = len(argv) == 3  # started ahead of its work: the pairs arrive on stdin once soffice is up
    try:
        import uno  # noqa: PLC0415 - only the LibreOffice-capable interpreter has it
    except ImportError:
        return _fail(3, "modul Python 'uno' tidak tersedia")

    _watch_parent(os.getppid())
    pipe = f"lakip-{os.getpid()}-{uuid.uuid4().hex}"
    cmd = [
        soffice,
        f"-env:UserInstallation={profile_url}",
        "--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck",
        "--nofirststartwizard",
        f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
    ]
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    code = 0
    desktop = None
    orderly = True  # shut soffice down and wait for it
    try:
        try:
            ctx = _connect(uno, proc, pipe)
            desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except Exception as exc:  # noqa: BLE001
            return _fail(3, f"LibreOffice tidak dapat dijalankan: {exc}")
        jobs = _jobs(sys.stdin.read().split() if from_stdin else argv[3:])
        done = 0

        def finished() -> None:  # each output as soon as it is written: the caller reads the indexes meanwhile
            nonlocal done
            done += 1
            sys.stdout.write(f"selesai {done}\n")
            sys.stdout.flush()

        for input_url, outputs in jobs:
            code = _run_job(uno, desktop, input_url, outputs, finished)
            if code:
                return code
        # A profile that is thrown away needs no orderly shutdown: the caller kills the process group.
        orderly = os.environ.get(QUICK_EXIT_ENV) != "1"
        return code
    finally:
        if orderly:
            if desktop is not None:
                with contextlib.suppress(Exception):  # the bridge dies with soffice; that is expected
                    desktop.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _run_job(uno, desktop, input_url: str, outputs: list[str], finished=lambda: None) -> int:  # type: ignore[no-untyped-def]
    try:
        doc = desktop.loadComponentFromURL(
            input_url, "_blank", 0,
            _props(uno, Hidden=True, ReadOnly=True, MacroExecutionMode=0, UpdateDocMode=0),
        )
    except Exception as exc:  # noqa: BLE001
        return _fail(4, f"dokumen tidak dapat dibuka: {getattr(exc, 'Message', exc)}")
    if doc is None or not hasattr(doc, "getDocumentIndexes"):
        return _fail(4, "dokumen tidak dapat dibuka sebagai dokumen Writer")
    try:
        _refresh(doc)
        listed = False
        for output_url in outputs:
            if output_url.endswith(".json"):
                _write_indexes(doc, output_url, uno)
                listed = True
                finished()
                continue
            if listed and _reveal_notes(doc):
                _refresh(doc)  # the notes take room now: the PDF's own page numbers
            doc.storeToURL(output_url, _props(uno, FilterName="writer_pdf_Export"))
            finished()
    except Exception as exc:  # noqa: BLE001
        return _fail(5, f"pembaruan indeks atau ekspor PDF gagal: {getattr(exc, 'Message', exc)}")
    finally:
        with contextlib.suppress(Exception):  # closing is best effort; terminate follows
            doc.close(True)
    return 0


def _watch_parent(parent: int) -> None:
    """End this process group (this script, soffice and its children) as soon as lakip is gone.

    lakip starts this script in a session of its own, so no signal aimed at lakip reaches it; when
    lakip dies, even by SIGKILL, this script is re-parented and the watchdog ends the whole group.
    """
    if os.name == "nt" or parent <= 1:  # pragma: no cover - Windows ends the job through taskkill
        return

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os.killpg(os.getpgid(0), signal.SIGKILL)

    threading.Thread(target=watch, name="lakip-watchdog", daemon=True).start()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
