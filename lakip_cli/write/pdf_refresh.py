"""pdf_refresh: run by a Python that has LibreOffice's `uno` module (not by lakip's own interpreter).

    python3 pdf_refresh.py SOFFICE PROFILE_URL INPUT_URL OUTPUT_URL

Starts a private headless soffice (own user profile, own pipe), loads the document hidden,
refreshes every field and every index (table of contents, lists of tables and figures), and
exports it to PDF. LibreOffice's plain `--convert-to pdf` keeps index contents as stored in
the .docx, so a freshly generated document would print "update this field" placeholders.

lakip_cli.write.pdf runs this file as a script with whichever interpreter has `uno`, which is usually not
lakip's own: so it uses the standard library and `uno` only, and imports `uno` inside main() so that
importing the module (tests, tooling) works anywhere.
Exit status: 0 = PDF written; 2 = bad arguments; 3 = soffice did not start or accept the
connection; 4 = the document could not be loaded; 5 = refresh or export failed. The last line
on stderr is a one-line reason for the caller.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
import uuid

CONNECT_WAIT = 120.0  # seconds for a cold start with a fresh profile; the caller's timeout governs overall
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
    delay = 0.05
    while True:
        try:
            return resolver.resolve(url)
        except Exception:  # NoConnectException until soffice listens
            if proc.poll() is not None:
                raise RuntimeError(f"soffice berhenti sebelum menerima koneksi (kode {proc.returncode})") from None
            if time.monotonic() > deadline:
                raise RuntimeError("soffice tidak menerima koneksi") from None
            time.sleep(delay)
            delay = min(delay * 1.5, 0.5)


def _refresh(doc) -> None:  # type: ignore[no-untyped-def]
    """Fields first (SEQ numbers feed the lists), then every index, twice, then fields again."""
    doc.getTextFields().refresh()
    indexes = doc.getDocumentIndexes()
    for _ in range(INDEX_PASSES):
        for i in range(indexes.getCount()):
            indexes.getByIndex(i).update()
    doc.getTextFields().refresh()  # PAGE / NUMPAGES / cross references after the indexes moved pages
    doc.refresh()


def main(argv: list[str]) -> int:
    if len(argv) != 5:
        return _fail(2, "pemakaian: pdf_refresh.py SOFFICE PROFILE_URL INPUT_URL OUTPUT_URL")
    soffice, profile_url, input_url, output_url = argv[1:]
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
    try:
        try:
            ctx = _connect(uno, proc, pipe)
            desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except Exception as exc:  # noqa: BLE001
            return _fail(3, f"LibreOffice tidak dapat dijalankan: {exc}")
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
            doc.storeToURL(output_url, _props(uno, FilterName="writer_pdf_Export"))
        except Exception as exc:  # noqa: BLE001
            code = _fail(5, f"pembaruan indeks atau ekspor PDF gagal: {getattr(exc, 'Message', exc)}")
        finally:
            with contextlib.suppress(Exception):  # closing is best effort; terminate follows
                doc.close(True)
        return code
    finally:
        if desktop is not None:
            with contextlib.suppress(Exception):  # the bridge dies with soffice; that is expected
                desktop.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


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
