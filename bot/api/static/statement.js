// The statement page: highlight the sentence named in the URL (#u-<unit>) and bring it into view.
"use strict";

function showCited() {
  for (const el of document.querySelectorAll(".u.cited")) el.classList.remove("cited");
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id ? document.getElementById(id) : null;
  const note = document.getElementById("cited-note");
  if (!target || !target.classList.contains("u")) { note.hidden = true; return; }
  const sentence = target.dataset.sentence;
  for (const el of document.querySelectorAll(".u")) {
    if (el.dataset.sentence === sentence) el.classList.add("cited");
  }
  note.hidden = false;
  target.setAttribute("tabindex", "-1");
  target.focus({ preventScroll: true });
  target.scrollIntoView({ block: "center" });
}

window.addEventListener("hashchange", showCited);
showCited();
