/* tfexplain docs site: copy buttons, and offline search by error text (MiniSearch). */
(function () {
  "use strict";

  // --- copy buttons ----------------------------------------------------------
  function selectAndCopy(el) {
    var range = document.createRange();
    range.selectNodeContents(el);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    try { return document.execCommand("copy"); } catch (e) { return false; }
  }
  document.querySelectorAll("button[data-copy]").forEach(function (btn) {
    var target = document.getElementById(btn.getAttribute("data-copy"));
    if (!target) return;
    btn.hidden = false;
    btn.addEventListener("click", function () {
      var text = target.innerText;
      var done = function () {
        btn.textContent = "Copied";
        setTimeout(function () { btn.textContent = "Copy"; }, 1500);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () { if (selectAndCopy(target)) done(); });
      } else if (selectAndCopy(target)) {
        done();
      }
    });
  });

  // --- search ----------------------------------------------------------------
  var form = document.getElementById("search");
  if (!form) return;
  var input = document.getElementById("q");
  var list = document.getElementById("results");
  var status = document.getElementById("search-status");
  var data = window.TFEXPLAIN_SEARCH;
  if (!data || typeof window.MiniSearch !== "function") {
    status.textContent = "The search index did not load. Serve the site over HTTP, e.g. " +
      "python3 -m http.server -d SITE_FOLDER, or browse the areas below.";
    return;
  }
  // Words every traceback has: they say nothing about which error it is.
  var STOP = new Set(("a an and are as at be been but by can could did do does for from has have if in into is " +
    "it its may must no not of on or should so than that the their then there these this to was were when which " +
    "while will with you your traceback most recent call last file line lib python3 site packages dist py self " +
    "return raise error errors exception job localhost replica task device cpu gpu name").split(" "));
  // TensorFlow's wrapper around eager errors names the device, not the error.
  var FUNCTION_NODE = /\{\{function_node [^}]*\}\}/g;
  var MAX_QUERY = 4000;
  var MIN_SHARE = 0.2;
  function tokenize(text) { return text.split(/[^A-Za-z0-9_]+/); }
  function keep(t) { return t.length >= 2 && !/^\d+$/.test(t) && !STOP.has(t); }
  // A term, plus the words of a CamelCase or snake_case name (SparseSoftmaxCrossEntropyWithLogits).
  function processTerm(term) {
    var t = term.toLowerCase().replace(/^_+|_+$/g, "");
    if (!keep(t)) return null;
    var parts = term.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
      .toLowerCase().split(/[\s_]+/).filter(function (p) { return p.length >= 3 && keep(p); });
    return parts.length > 1 ? [t].concat(parts) : t;
  }
  // A pasted traceback: drop the frames (paths and code lines say little about the error)
  // and count its last `SomethingError: message` line twice.
  function errorText(query) {
    query = query.replace(FUNCTION_NODE, " ");
    if (query.indexOf("\n") < 0) return query;
    var out = [], skip = false;
    query.split(/\r?\n/).forEach(function (line) {
      if (/^\s*File "/.test(line) || /^\s*Traceback \(most recent/.test(line)) { skip = true; return; }
      if (skip && /^\s{2,}\S/.test(line)) { skip = false; return; }
      skip = false;
      if (!/^[\s^~-]*$/.test(line)) out.push(line);
    });
    var last = out.filter(function (l) { return /^\s*[\w.]*(Error|Exception|Warning)\b:?/.test(l); }).pop();
    return out.join("\n") + (last ? "\n" + last : "");
  }
  var fields = Object.keys(data.boost);
  var mini = new window.MiniSearch({
    fields: fields,
    storeFields: ["id", "url", "title", "area", "cause", "summary"],
    tokenize: tokenize,
    processTerm: processTerm,
    searchOptions: { boost: data.boost, combineWith: "OR", prefix: false, fuzzy: false }
  });
  mini.addAll(data.documents);
  var root = document.body.getAttribute("data-root") || "";

  function show(query) {
    query = query.slice(0, MAX_QUERY);
    list.textContent = "";
    if (!query.trim()) { status.textContent = ""; return; }
    // The last word may still be being typed: let it match as a prefix.
    var typing = /[A-Za-z0-9_]$/.test(query);
    var lastWord = typing ? (tokenize(query).pop() || "").toLowerCase() : "";
    var results = mini.search(errorText(query), {
      prefix: function (term) { return lastWord.length >= 3 && term === lastWord; }
    });
    // Words such as "shape" or "device" are shared by many entries: keep the results that
    // share a real part of the best one's score.
    results = results.filter(function (r) { return r.score >= results[0].score * MIN_SHARE; }).slice(0, 10);
    if (!results.length) {
      status.textContent = "No entry matches these words. tfexplain itself reads shapes, ops and your frame: " +
        "try tfexplain < traceback.txt.";
      return;
    }
    status.textContent = results.length + (results.length === 1 ? " entry matches" : " entries match") +
      ", best first.";
    results.forEach(function (r) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + r.url;
      a.textContent = r.title;
      li.appendChild(a);
      var where = document.createElement("span");
      where.className = "where";
      where.textContent = r.cause + " · " + r.area + " · " + r.id;
      li.appendChild(where);
      if (r.summary) {
        var gist = document.createElement("span");
        gist.className = "gist";
        gist.textContent = r.summary.replace(/`/g, "");
        li.appendChild(gist);
      }
      list.appendChild(li);
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { show(input.value); }, 60);
  });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && !ev.shiftKey) { ev.preventDefault(); form.requestSubmit(); }
  });
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    clearTimeout(timer);
    show(input.value);
    try {
      var url = new URL(window.location.href);
      url.searchParams.set("q", input.value.slice(0, 500));
      window.history.replaceState(null, "", url.toString());
    } catch (e) { /* file:// or a sandbox: the search still ran */ }
  });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) { input.value = initial; show(initial); }
})();
