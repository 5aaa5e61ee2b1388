// Copying part of a page copies its formulas as TeX (from each <math>'s annotation, between $ or $$),
// the way they were written, instead of the loose characters a browser would put on the clipboard.
// The HTML flavour of the clipboard keeps the MathML. Formulas are typeset at build time
// (_ext/mathml.py): nothing here typesets.
(function () {
  "use strict";
  function tex(math) {
    var note = math.querySelector('annotation[encoding="application/x-tex"]');
    if (!note) return math.textContent;
    var block = math.getAttribute("display") === "block";
    return block ? "$$" + note.textContent + "$$" : "$" + note.textContent + "$";
  }
  document.addEventListener("copy", function (event) {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
    var range = selection.getRangeAt(0).cloneRange();
    // A selection that starts or ends inside a formula takes the whole formula.
    var first = range.startContainer.parentElement && range.startContainer.parentElement.closest("math");
    var last = range.endContainer.parentElement && range.endContainer.parentElement.closest("math");
    if (range.startContainer.nodeType === 1 && range.startContainer.closest) first = range.startContainer.closest("math") || first;
    if (range.endContainer.nodeType === 1 && range.endContainer.closest) last = range.endContainer.closest("math") || last;
    if (first) range.setStartBefore(first);
    if (last) range.setEndAfter(last);
    var fragment = range.cloneContents();
    var formulas = fragment.querySelectorAll("math");
    if (formulas.length === 0) return;
    var holder = document.createElement("div");
    holder.appendChild(fragment);
    // An equation's number and its link sign (#) are not part of what was meant.
    holder.querySelectorAll(".eqno, a.headerlink").forEach(function (extra) { extra.remove(); });
    var markup = holder.innerHTML;
    holder.querySelectorAll("math").forEach(function (math) {
      math.replaceWith(document.createTextNode(tex(math)));
    });
    event.clipboardData.setData("text/plain", holder.textContent);
    event.clipboardData.setData("text/html", markup);
    event.preventDefault();
  });
})();
