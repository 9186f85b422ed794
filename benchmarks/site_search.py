"""Search of the docs site, measured on real error fragments: MiniSearch (the site's) vs Pagefind.

    python3 benchmarks/site_search.py [CORPUS_DIR] [--show-misses]

Builds the site, serves it on 127.0.0.1 under a sub-path and drives Debian's
Chromium with Playwright. For every in-registry corpus case whose cause has
an entry it searches three queries: the error's headline (`Type: first line`,
what people paste or type), its first six words (what fits a search box
that wants every word, as Pagefind's does) and the whole pasted text (capped
at 4,000 characters). A result is right when its entry has the case's cause. It
reports top-1, top-3 and mean reciprocal rank for each engine, and the size
of each engine's index. Pagefind runs only when `python3 -m pagefind` works
(pip install 'pagefind[extended]'); it indexes the same entry pages.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from explainer import kb as kbmod  # noqa: E402
from explainer.parse import parse_text  # noqa: E402
from explainer.site import build  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MAX_QUERY = 4000


def default_corpus() -> Path:
    shared = ROOT.parent / "shared" / "corpus"
    return shared if shared.is_dir() else ROOT / "tests" / "fixtures" / "corpus"


def headline(text: str) -> str:
    """`Type: first line of the message`, as a person would search it."""
    report = parse_text(text)
    if report is None:
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        return lines[-1] if lines else text
    return f"{report.type}: {report.headline}" if report.type else report.headline


def cases(corpus: Path) -> list[dict]:
    knowledge = kbmod.load()
    covered = {e.cause for e in knowledge.entries}
    out = []
    for path in sorted(corpus.glob("*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        if case["cause"] in covered:
            out.append(
                {
                    "id": case["id"],
                    "cause": case["cause"],
                    "headline": headline(case["text"]),
                    "short": " ".join(headline(case["text"]).split()[:6]),
                    "full": case["text"][:MAX_QUERY],
                }
            )
    return out


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(parent: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(parent)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/tfexplain/"


MINISEARCH_JS = """async (q) => {
  const box = document.getElementById('q');
  box.value = q; box.form.requestSubmit();
  return [...document.querySelectorAll('#results li a')].map(a => a.getAttribute('href'));
}"""

PAGEFIND_JS = """async (q) => {
  if (!window.__pf) { window.__pf = await import('./pagefind/pagefind.js'); await window.__pf.init(); }
  const r = await window.__pf.search(q);
  const top = await Promise.all(r.results.slice(0, 10).map(x => x.data()));
  return top.map(d => d.url);
}"""

_ENTRY = re.compile(r"entries/([a-z0-9-]+)/")


def rank_of(urls: list[str], cause: str, causes_of: dict[str, str]) -> int | None:
    ids = [m.group(1) for u in urls if (m := _ENTRY.search(u))]
    return next((i + 1 for i, eid in enumerate(ids) if causes_of.get(eid) == cause), None)


def measure(page, js: str, queries: list[dict], kind: str, causes_of: dict[str, str]) -> dict:
    ranks, misses, start = [], [], time.perf_counter()
    for case in queries:
        r = rank_of(page.evaluate(js, case[kind]), case["cause"], causes_of)
        ranks.append(r)
        if r != 1:
            misses.append((case["id"], case["cause"], r))
    n = len(ranks)
    return {
        "top1": sum(r == 1 for r in ranks) / n,
        "top3": sum(r is not None and r <= 3 for r in ranks) / n,
        "mrr": sum(1 / r for r in ranks if r) / n,
        "ms_per_query": (time.perf_counter() - start) * 1000 / n,
        "misses": misses,
    }


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", type=Path, default=default_corpus())
    ap.add_argument("--show-misses", action="store_true")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    queries = cases(args.corpus)
    causes_of = {e.id: e.cause for e in kbmod.load().entries}
    with tempfile.TemporaryDirectory() as tmp:
        parent = Path(tmp) / "www"
        site = parent / "tfexplain"
        result = build(site)
        engines = {
            "minisearch": (MINISEARCH_JS, result.index_bytes + (site / "assets/minisearch.min.js").stat().st_size)
        }
        has_pagefind = (
            subprocess.run([sys.executable, "-m", "pagefind", "--version"], capture_output=True).returncode == 0
        )
        if has_pagefind:
            for page_file in (site / "entries").glob("*/index.html"):  # index the entry pages only
                html = page_file.read_text(encoding="utf-8")
                page_file.write_text(
                    html.replace('<article class="entry">', '<article class="entry" data-pagefind-body>')
                )
            subprocess.run(
                [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", "pagefind"],
                check=True,
                capture_output=True,
            )
            engines["pagefind"] = (PAGEFIND_JS, folder_size(site / "pagefind"))
        server, base = serve(parent)
        try:
            with sync_playwright() as p:
                ctx = p.chromium.launch_persistent_context(
                    str(Path(tmp) / "profile"), executable_path=CHROMIUM, args=ARGS, headless=True
                )
                page = ctx.new_page()
                page.goto(base + "index.html")
                print(f"corpus {args.corpus}: {len(queries)} in-registry cases whose cause has an entry")
                print(f"site: {result.pages} pages in {result.seconds:.1f}s")
                print("| engine | query | top-1 | top-3 | MRR | ms/query | index bytes |")
                print("| --- | --- | --- | --- | --- | --- | --- |")
                for name, (js, size) in engines.items():
                    for kind in ("short", "headline", "full"):
                        m = measure(page, js, queries, kind, causes_of)
                        print(
                            f"| {name} | {kind} | {m['top1']:.1%} | {m['top3']:.1%} | {m['mrr']:.3f} "
                            f"| {m['ms_per_query']:.1f} | {size:,} |"
                        )
                        if args.show_misses:
                            for miss in m["misses"]:
                                print(f"    miss {miss}")
                ctx.close()
        finally:
            server.shutdown()
    if not has_pagefind:
        print("pagefind not installed: pip install 'pagefind[extended]' to compare")
    shutil.rmtree(Path(tmp), ignore_errors=True)


if __name__ == "__main__":
    main()
