"""The docs site: every page valid HTML at a stable path, escaped, relative links only, a search index
that covers every entry; the html renderer; and an import graph without circles."""

from __future__ import annotations

import ast
import fnmatch
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

html5lib = pytest.importorskip("html5lib", reason="html5lib is in the test extra: pip install -e '.[test]'")

from explainer import kb as kbmod  # noqa: E402
from explainer.site import build  # noqa: E402

PACKAGE = ROOT / "explainer"

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


TEAM_ENTRY = """
id = "team-hostile-text"
cause = "matmul-inner-dim"
title = "Hostile <script>alert('title')</script> title"
summary = "Summary with <img src=x onerror=alert(1)> inside"
explanation = "An explanation with <b>raw</b> HTML & an ampersand."
fix = "1. Never <iframe src=javascript:alert(1)></iframe>"
references = ["javascript:alert('ref')", "https://example.org/ok?a=1&b=<2>"]

[match]
exceptions = ["ValueError"]
patterns = ['hostile team marker (?P<v>\\\\d+)']
examples = ["ValueError: hostile team marker 7 <script>alert('example')</script>"]

[verify]
message_only = "a team's entry, for the escaping test"

[[verify.sample]]
url = "javascript:alert('sample')"
text = "ValueError: hostile team marker 1 <script>x</script>"

[[verify.sample]]
url = "https://example.org/issue"
text = "ValueError: hostile team marker 2"
"""


@pytest.fixture(scope="module")
def team_kb(tmp_path_factory) -> str:
    """A team's folder with one entry whose every text tries to inject HTML."""
    root = tmp_path_factory.mktemp("teamkb")
    folder = root / "shape" / "team-hostile-text"
    folder.mkdir(parents=True)
    (folder / "entry.toml").write_text(TEAM_ENTRY, encoding="utf-8")
    assert kbmod.load((str(root),)).get("team-hostile-text") is not None
    return str(root)


@pytest.fixture(scope="module")
def site(tmp_path_factory, team_kb):
    """One build for the whole module: the built-in KB plus the hostile team entry."""
    return build(tmp_path_factory.mktemp("site") / "out", (team_kb,))


def pages_of(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


class _Links(HTMLParser):
    """Every href/src of a page, and every id it defines."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        for key in ("href", "src", "action"):
            if d.get(key) is not None:
                self.links.append(d[key])
        if d.get("id"):
            self.ids.add(d["id"])


def links_of(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


# --- import graph -----------------------------------------------------------------------------


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node: ast.If) -> bool:
    t = node.test
    return (isinstance(t, ast.Name) and t.id == "TYPE_CHECKING") or (
        isinstance(t, ast.Attribute) and t.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, package: str, modules: dict) -> set[str]:
    targets: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for other in child.orelse:
                    visit(other)
                continue
            if isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")[: len(package.split(".")) - child.level + 1]
                    target = ".".join(base + ([child.module] if child.module else []))
                else:
                    target = child.module or ""
                for alias in child.names:
                    sub = f"{target}.{alias.name}"
                    targets.add(sub if sub in modules else target)
            elif isinstance(child, ast.Import):
                targets.update(alias.name for alias in child.names)
            visit(child)

    visit(tree)
    return targets


def import_graph() -> dict[str, set[str]]:
    """Module -> the explainer modules it imports, at module level or inside functions
    (a lazy import closes a circle just the same); `if TYPE_CHECKING:` blocks do not count."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        targets = _imports(ast.parse(path.read_text(encoding="utf-8")), package, modules)
        graph[name] = {t for t in targets if t in modules and t != name}
    return graph


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for nxt in graph[todo.pop()] - seen:
            seen.add(nxt)
            todo.append(nxt)
    return seen


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def dfs(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if not state.get(nxt) and (found := dfs(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if not state.get(node) and (found := dfs(node)):
            return found
    return None


def test_cycle_finder_finds_a_planted_circle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_import_graph_has_no_circle():
    graph = import_graph()
    assert {"explainer.templating", "explainer.render", "explainer.site.build", "explainer.markup"} <= set(graph)
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph) or [])
    # the leaves stay leaves: entry-text templating reaches none of the stages that use it,
    # and HTML markup imports nothing of explainer
    stages = {"explainer.kb", "explainer.match", "explainer.diagnosis", "explainer.render", "explainer.parse"}
    assert not reachable(graph, "explainer.templating") & stages
    assert graph["explainer.markup"] == set()
    # renderers only read a finished Diagnosis: no parser, matcher or KB loader
    assert not graph["explainer.render"] & {"explainer.parse", "explainer.match", "explainer.kb"}


def test_every_module_imports_on_its_own():
    """Each module in a fresh interpreter, so an order-dependent import would fail here."""
    names = sorted(import_graph())
    procs = {
        n: subprocess.Popen([sys.executable, "-c", f"import {n}"], stderr=subprocess.PIPE, cwd=ROOT) for n in names
    }
    failures = {n: p.communicate(timeout=120)[1].decode()[-400:] for n, p in procs.items()}
    failures = {n: err for n, err in failures.items() if procs[n].returncode != 0}
    assert not failures


# --- the built site ---------------------------------------------------------------------------


def test_stable_paths_for_every_entry_cause_and_area(site):
    knowledge = kbmod.load()
    out = site.out
    for entry in knowledge.entries:
        page = out / "entries" / entry.id / "index.html"
        assert page.is_file(), entry.id
    for cause in knowledge.causes:
        assert (out / "causes" / cause / "index.html").is_file()
    for area in kbmod.AREAS:
        assert (out / "areas" / area / "index.html").is_file()
    for name in ("cli", "api", "integrations", "writing-entries", "accuracy", "site-search"):
        assert (out / "docs" / name / "index.html").is_file(), name
    assert site.pages == len(pages_of(out))


def test_every_page_is_valid_html(site):
    bad = {}
    for page in pages_of(site.out):
        parser = html5lib.HTMLParser(strict=True)
        try:
            parser.parse(page.read_bytes())
        except Exception as exc:
            bad[str(page.relative_to(site.out))] = f"{exc}: {parser.errors[:3]}"
    assert not bad


def test_the_strict_check_rejects_broken_html():
    from html5lib.html5parser import ParseError

    with pytest.raises(ParseError):
        html5lib.HTMLParser(strict=True).parse(b"<!DOCTYPE html><title>x</title><p></div>")


def test_links_are_relative_and_resolve(site):
    out = site.out
    problems = []
    for page in pages_of(out):
        found = links_of(page)
        for link in found.links:
            if link.startswith(("https://", "http://", "data:")):
                continue
            if link.startswith("/") or "//" in link:
                problems.append(f"{page.relative_to(out)}: absolute link {link}")
                continue
            target, _, fragment = link.partition("#")
            target = target.split("?")[0]
            resolved = (page.parent / target).resolve() if target else page
            if not resolved.is_file():
                problems.append(f"{page.relative_to(out)}: {link} does not resolve")
            elif fragment and resolved.suffix == ".html" and fragment not in links_of(resolved).ids:
                problems.append(f"{page.relative_to(out)}: {link}: no id {fragment!r}")
    assert not problems, problems[:10]


def test_entry_page_holds_the_verified_message_snippets_and_related(site):
    page = (site.out / "entries" / "matmul-inner-dim" / "index.html").read_text(encoding="utf-8")
    assert "What TensorFlow prints" in page
    assert "Matrix size-incompatible: In[0]: [2,2], In[1]: [3,2]" in page
    assert re.search(r"on TensorFlow 2\.\d+\.\d+ / Keras 3\.\d+", page)
    # texts filled in with the verified example's own values, not left with empty slots
    from explainer.entryview import entry_view
    from explainer.markup import markdown
    from explainer.templating import fill

    knowledge = kbmod.load()
    entry = knowledge.get("matmul-inner-dim")
    view = entry_view(entry, knowledge)
    assert view["summary"] != fill(entry.summary, {}) and "3" in view["summary"]
    for key in ("summary", "explanation", "fix"):
        assert str(markdown(view[key])).strip() in page, key
    assert page.count('class="hl"') == 2 and page.count('data-copy="code-') == 2
    assert 'href="https://www.tensorflow.org/api_docs/python/tf/linalg/matmul"' in page
    assert "Related entries" in page and 'href="../../causes/matmul-inner-dim/index.html"' in page


def test_hand_written_pages_are_rendered_with_their_links_rewritten(site):
    page = (site.out / "docs" / "accuracy" / "index.html").read_text(encoding="utf-8")
    assert "<table>" in page
    for doc in sorted((ROOT / "docs").glob("*.md")):
        html = (site.out / "docs" / doc.stem / "index.html").read_text(encoding="utf-8")
        assert '.md"' not in html.replace("README.md", ""), doc.name


def test_search_index_covers_every_entry(site, team_kb):
    script = (site.out / "assets" / "search-index.js").read_text(encoding="utf-8")
    prefix = "window.TFEXPLAIN_SEARCH = "
    assert script.startswith(prefix)
    data = json.loads(script[len(prefix) :].rstrip().rstrip(";"))
    ids = {d["id"] for d in data["documents"]}
    assert ids == {e.id for e in kbmod.load((team_kb,)).entries}
    for doc in data["documents"]:
        assert (site.out / doc["url"]).is_file()
        assert doc["messages"].strip(), doc["id"]
    assert set(data["boost"]) <= set(data["documents"][0])
    assert "</script" not in script.lower()


def test_vendored_search_library_keeps_its_license(site):
    head = (site.out / "assets" / "minisearch.min.js").read_text(encoding="utf-8")[:600]
    assert "MiniSearch" in head and "MIT License" in head and "Copyright" in head


def test_text_from_entries_is_escaped(site):
    result = site
    page = (result.out / "entries" / "team-hostile-text" / "index.html").read_text(encoding="utf-8")
    for raw in ("<script>alert", "<img src=x", "<b>raw</b>", "<iframe", 'href="javascript:'):
        assert raw not in page, raw
    assert "&lt;script&gt;alert(" in page and "&lt;b&gt;raw&lt;/b&gt;" in page
    assert 'href="https://example.org/ok?a=1&amp;b=&lt;2&gt;"' in page
    html5lib.HTMLParser(strict=True).parse(page.encode())
    home = (result.out / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in home
    index = (result.out / "assets" / "search-index.js").read_text(encoding="utf-8")
    assert "<" not in index  # written as \\u003c: the data cannot end a <script> even when inlined


def test_cli_site_build(tmp_path):
    out = tmp_path / "site"
    proc = run_cli("site", "build", str(out))
    assert proc.returncode == 0, proc.stderr
    assert b"pages" in proc.stdout and (out / "index.html").is_file()
    assert not list(tmp_path.glob(".*building"))  # built beside the target, then swapped in
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine")
    refused = run_cli("site", "build", str(tmp_path / "other"))
    assert refused.returncode == 2 and b"Traceback" not in refused.stderr
    assert (tmp_path / "other" / "notes.txt").read_text() == "mine"
    (tmp_path / "a-file").write_text("")
    blocked = run_cli("site", "build", str(tmp_path / "a-file" / "site"))
    assert blocked.returncode == 2 and blocked.stderr.count(b"\n") == 1 and b"cannot write" in blocked.stderr


def test_site_assets_ship_in_the_wheel():
    """Every file `site build` reads from docs/ matches the package-data globs of explainer._docs."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert config["package-dir"]["explainer._docs"] == "docs"
    assert "explainer._docs" in config["packages"] and "explainer.site" in config["packages"]
    globs = config["package-data"]["explainer._docs"]
    needed = [p for p in (ROOT / "docs" / "site").rglob("*") if p.is_file()] + list((ROOT / "docs").glob("*.md"))
    for path in needed:
        rel = path.relative_to(ROOT / "docs").as_posix()
        assert any(fnmatch.fnmatch(rel, g) for g in globs), rel


# --- the html renderer ------------------------------------------------------------------------


def test_html_render_is_an_escaped_fragment():
    import explainer
    from explainer.render import render

    text = (
        "Traceback (most recent call last):\n"
        '  File "/home/u/<evil>.py", line 3, in <module>\n'
        "    y = tf.matmul(a, b)  # <script>alert(1)</script>\n"
        "tensorflow.python.framework.errors_impl.InvalidArgumentError: Matrix size-incompatible: "
        "In[0]: [2,2], In[1]: [3,2] [Op:MatMul] <img src=x onerror=alert(1)>\n"
    )
    d = explainer.diagnose(text)
    assert d.confident and d.best.entry.cause == "matmul-inner-dim"
    html = render(d, "html")
    assert "<script>" not in html and "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "&lt;evil&gt;" in html
    assert "Matrix multiply with non-matching inner dimensions" in html and "<h4>Fix</h4>" in html
    html5lib.HTMLParser(strict=True).parseFragment(html)
    assert d._repr_html_() == html


def test_html_render_of_an_undiagnosed_error():
    import explainer
    from explainer.render import render

    html = render(explainer.diagnose("ImportError: DLL load failed <b>x</b>"), "html")
    assert "Not in the knowledge base" in html and "&lt;b&gt;x&lt;/b&gt;" in html
    html5lib.HTMLParser(strict=True).parseFragment(html)


def test_cli_site_serve(site):
    """`site serve` answers on the port it prints (port 0 = any free one) and stops on a signal."""
    import signal
    import urllib.request

    from conftest import tfexplain_cmd

    proc = subprocess.Popen(
        [*tfexplain_cmd(), "site", "serve", str(site.out), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        line = proc.stdout.readline().decode()
        url = re.search(r"http://[\d.]+:\d+/", line).group(0)
        with urllib.request.urlopen(url + "entries/matmul-inner-dim/index.html", timeout=30) as response:
            assert response.status == 200 and b"Matrix multiply" in response.read()
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    assert b"Traceback" not in err
