// The statement page: highlight the sentence named in the URL (#u-<unit>) and bring it into view.
"use strict";

function showCited() {
  for (const el of document.querySelectorAll(".u.cited")) el.classList.remove("cited");
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id ? document.getElementById(id) : null;
  const note = document.getElementById("cited-note");
  if (!target || !target.classList.contains("u")) { note.hidden = true; return; }
  // the whole cited sentence, and the one before it when the quote includes it (it leans back on it)
  const sentence = Number(target.dataset.sentence);
  const first = target.hasAttribute("data-with-previous") ? sentence - 1 : sentence;
  for (const el of document.querySelectorAll(".u")) {
    const n = Number(el.dataset.sentence);
    if (n >= first && n <= sentence) el.classList.add("cited");
  }
  note.hidden = false;
  target.setAttribute("tabindex", "-1");
  target.focus({ preventScroll: true });
  target.scrollIntoView({ block: "center" });
}

window.addEventListener("hashchange", showCited);
showCited();
