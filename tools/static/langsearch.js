// The search page lists both languages' pages: each result gets a small tag saying its language
// (see _ext/langswitch.py). Sphinx's searchtools.js adds results one by one as <li> items of
// #search-results; an observer tags each as it appears. No request, no library.
(function () {
  "use strict";
  const TAGS = [["/chapters/zh/", "zh-CN", "中文"], ["/chapters/en/", "en", "English"]];
  function tag(item) {
    const link = item.querySelector("a[href]");
    if (!link || item.querySelector(".langtag")) return;
    const url = new URL(link.getAttribute("href"), document.baseURI).pathname;
    const hit = TAGS.find(([part]) => url.includes(part));
    const label = document.createElement("span");
    label.className = "langtag";
    if (hit) { label.lang = hit[1]; label.textContent = hit[2]; } else { label.textContent = "附录 · Appendix"; }
    item.insertBefore(label, item.firstChild);
  }
  function start() {
    const results = document.getElementById("search-results");
    if (!results) return;
    results.querySelectorAll("li").forEach(tag);
    new MutationObserver(() => results.querySelectorAll("li").forEach(tag))
      .observe(results, {childList: true, subtree: true});
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
// Opened from a file (the offline copy, tools/zip_book.py), the browser refuses the requests with
// which the search page would fetch a snippet of each result's page: show the results without them.
if (location.protocol === "file:" && typeof DOCUMENTATION_OPTIONS === "object") {
  DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;
}
