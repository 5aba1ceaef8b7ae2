// The question page: streams /v1/ask/stream and renders the answer with clickable citations.
"use strict";

const form = document.getElementById("ask-form");
const input = document.getElementById("question");
const button = document.getElementById("ask-button");
const yearSelect = document.getElementById("year");
const keyInput = document.getElementById("api-key");
const result = document.getElementById("result");
const answerBox = document.getElementById("answer");
const statusLine = document.getElementById("status");
const sourceList = document.getElementById("sources");

keyInput.value = localStorage.getItem("cbcf-api-key") || "";
keyInput.addEventListener("change", () => localStorage.setItem("cbcf-api-key", keyInput.value));

function headers(extra) {
  const h = Object.assign({ "Content-Type": "application/json" }, extra || {});
  if (keyInput.value) h.Authorization = "Bearer " + keyInput.value;
  return h;
}

async function loadYears() {
  try {
    const res = await fetch("/v1/documents", { headers: headers() });
    if (!res.ok) return;
    const data = await res.json();
    const years = [...new Set(data.documents.map((d) => d.year))].sort();
    for (const y of years) yearSelect.append(new Option(String(y), String(y)));
  } catch (e) { /* the page still works without the year list */ }
}

function sourceMeta(c) {
  return [c.title, c.date.slice(0, 4), c.place, c.section].filter(Boolean).join(" · ");
}

function renderSources(citations) {
  sourceList.replaceChildren();
  for (const c of citations) {
    const li = document.createElement("li");
    li.id = "source-" + c.n;
    li.className = "source";
    li.tabIndex = -1;
    li.hidden = true;
    const meta = document.createElement("div");
    meta.className = "meta";
    meta.textContent = sourceMeta(c);
    const quote = document.createElement("blockquote");
    quote.textContent = "“" + c.quote + "”";
    li.append(meta, quote);
    sourceList.append(li);
  }
}

function renderAnswer(text, citations, abstained) {
  answerBox.replaceChildren();
  answerBox.classList.toggle("abstained", abstained);
  const known = new Set(citations.map((c) => c.n));
  for (const part of text.split(/(\[\d+\])/)) {
    const m = part.match(/^\[(\d+)\]$/);
    if (m && known.has(Number(m[1]))) {
      const n = m[1];
      const b = document.createElement("button");
      b.type = "button";
      b.className = "cite";
      b.textContent = "[" + n + "]";
      b.setAttribute("aria-expanded", "false");
      b.setAttribute("aria-controls", "source-" + n);
      b.setAttribute("aria-label", "Show source " + n);
      b.addEventListener("click", () => toggleSource(b, n));
      answerBox.append(b);
    } else {
      answerBox.append(document.createTextNode(part));
    }
  }
}

function toggleSource(buttonEl, n) {
  const li = document.getElementById("source-" + n);
  const open = buttonEl.getAttribute("aria-expanded") !== "true";
  buttonEl.setAttribute("aria-expanded", String(open));
  li.hidden = !open;
  if (open) li.focus();
}

function parseEvents(buffer, onEvent) {
  const frames = buffer.split("\n\n");
  const rest = frames.pop();
  for (const frame of frames) {
    let event = "message";
    const data = [];
    for (const line of frame.split("\n")) {
      if (line.startsWith("event:")) event = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).trim());
    }
    if (data.length) onEvent(event, JSON.parse(data.join("\n")));
  }
  return rest;
}

async function ask(question) {
  result.hidden = false;
  result.setAttribute("aria-busy", "true");
  button.disabled = true;
  statusLine.className = "status";
  statusLine.textContent = "Searching the statements…";
  answerBox.replaceChildren();
  answerBox.classList.remove("abstained");
  sourceList.replaceChildren();
  const body = { question };
  if (yearSelect.value) body.year = Number(yearSelect.value);
  let streamed = "";
  try {
    const res = await fetch("/v1/ask/stream", { method: "POST", headers: headers({ Accept: "text/event-stream" }), body: JSON.stringify(body) });
    if (!res.ok) {
      const err = await res.json().catch(() => ({}));
      const detail = Array.isArray(err.detail) ? err.detail.map((d) => d.msg).join("; ") : err.detail;
      throw new Error(detail || "request failed (" + res.status + ")");
    }
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer = parseEvents(buffer + decoder.decode(value, { stream: true }), (event, data) => {
        if (event === "citations") renderSources(data);
        else if (event === "delta") { streamed += data.text; answerBox.textContent = streamed; }
        else if (event === "done") {
          renderSources(data.citations);
          renderAnswer(data.answer, data.citations, data.abstained);
          statusLine.textContent = data.abstained ? "Not covered by the statements." : data.citations.length + " source(s). Select a number to see the quote.";
        } else if (event === "error") throw new Error(data.detail);
      });
    }
  } catch (e) {
    statusLine.className = "status error";
    statusLine.textContent = "Error: " + e.message;
  } finally {
    button.disabled = false;
    result.setAttribute("aria-busy", "false");
  }
}

form.addEventListener("submit", (e) => {
  e.preventDefault();
  const q = input.value.trim();
  if (q) ask(q);
});
for (const b of document.querySelectorAll(".example")) {
  b.addEventListener("click", () => { input.value = b.textContent; ask(b.textContent); });
}
loadYears();
