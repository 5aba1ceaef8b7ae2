// The question page: a short conversation over /v1/ask/stream, source cards numbered as cited, feedback,
// what the statements cover (/v1/coverage) and, after an abstention, their topics and questions they answer.
"use strict";

const MAX_TURNS = 5; // earlier questions sent with a follow-up
const $ = (id) => document.getElementById(id);
const form = $("ask-form");
const input = $("question");
const button = $("ask-button");
const yearSelect = $("year");
const keyInput = $("api-key");
const result = $("result");
const conversation = $("conversation");
const statusLine = $("status");
const examplesBox = $("examples-box");
const newConversation = $("new-conversation");
let history = []; // [{question, answer_id}] of this conversation, oldest first
let coverage = null; // the /v1/coverage answer, once loaded
let turns = 0;

keyInput.value = localStorage.getItem("cbcf-api-key") || "";
keyInput.addEventListener("change", () => {
  localStorage.setItem("cbcf-api-key", keyInput.value);
  loadCoverage();
});

function headers(extra) {
  const h = Object.assign({ "Content-Type": "application/json" }, extra || {});
  if (keyInput.value) h.Authorization = "Bearer " + keyInput.value;
  return h;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

async function loadConfig() {
  try {
    const res = await fetch("/v1/config");
    if (!res.ok) return;
    const config = await res.json();
    $("key-row").hidden = !config.api_keys_required;
  } catch (e) { /* the page still works without it */ }
}

function renderCoverage() {
  const list = $("statements-list");
  list.replaceChildren();
  for (const d of coverage.documents) {
    const li = el("li", "statement");
    const link = el("a", "read", d.title);
    link.href = d.link;
    li.append(el("span", "meta", [d.year, d.place].filter(Boolean).join(" · ")), link);
    list.append(li);
  }
  const years = [...new Set(coverage.documents.map((d) => d.year))].sort();
  yearSelect.replaceChildren(new Option("any year", ""));
  for (const y of years) yearSelect.append(new Option(String(y), String(y)));
}

async function loadCoverage() {
  const note = $("coverage-status");
  try {
    const res = await fetch("/v1/coverage", { headers: headers() });
    if (res.status === 401 || res.status === 403) {
      note.textContent = "This service needs an API key: enter it under Options.";
      $("key-row").hidden = false;
      return;
    }
    if (!res.ok) throw new Error("status " + res.status);
    coverage = await res.json();
    note.textContent = coverage.documents.length ? "" : "No statements are indexed yet.";
    renderCoverage();
  } catch (e) {
    note.textContent = "The list of statements could not be loaded.";
  }
}

function sourceMeta(c) {
  return [c.title, c.date.slice(0, 4), c.place, c.section].filter(Boolean).join(" · ");
}

function renderSources(turn, citations) {
  const list = turn.querySelector(".sources");
  list.replaceChildren();
  for (const c of citations) {
    const card = el("li", "source");
    card.id = turn.id + "-source-" + c.n;
    card.tabIndex = -1;
    const quote = el("blockquote", "", "“" + c.quote + "”");
    card.append(el("span", "num", "[" + c.n + "]"), el("div", "meta", sourceMeta(c)), quote);
    if (c.link) {
      const read = el("a", "read", "Read in context");
      read.href = c.link;
      read.setAttribute("aria-label", "Read source " + c.n + " in its statement");
      card.append(read);
    }
    list.append(card);
  }
}

function showSource(turn, n) {
  const card = document.getElementById(turn.id + "-source-" + n);
  if (!card) return;
  for (const other of turn.querySelectorAll(".source.highlight")) other.classList.remove("highlight");
  card.classList.add("highlight");
  card.focus({ preventScroll: true });
  card.scrollIntoView({ block: "nearest" });
}

function renderAnswer(turn, text, citations, abstained) {
  const box = turn.querySelector(".answer");
  box.replaceChildren();
  box.classList.toggle("abstained", abstained);
  const known = new Set(citations.map((c) => c.n));
  for (const part of text.split(/(\[\d+\])/)) {
    const m = part.match(/^\[(\d+)\]$/);
    if (m && known.has(Number(m[1]))) {
      const b = el("button", "cite", "[" + m[1] + "]");
      b.type = "button";
      b.setAttribute("aria-controls", turn.id + "-source-" + m[1]);
      b.setAttribute("aria-label", "Go to source " + m[1]);
      b.addEventListener("click", () => showSource(turn, m[1]));
      box.append(b);
    } else {
      box.append(document.createTextNode(part));
    }
  }
}

function renderNotCovered(turn) {
  const help = turn.querySelector(".not-covered");
  if (!coverage || !coverage.documents.length) return;
  const topics = help.querySelector(".topics");
  for (const d of coverage.documents) {
    if (!d.sections.length) continue;
    const li = el("li", "", "");
    li.append(el("strong", "", d.year + (d.place ? " · " + d.place : "") + ": "), d.sections.join(" · "));
    topics.append(li);
  }
  const suggestions = help.querySelector(".suggestions");
  for (const q of coverage.suggestions) {
    const li = el("li");
    const b = el("button", "example suggestion", q);
    b.type = "button";
    b.addEventListener("click", () => { input.value = q; ask(q); });
    li.append(b);
    suggestions.append(li);
  }
  help.hidden = false;
}

function wireFeedback(turn, answerId) {
  const box = turn.querySelector(".feedback");
  const thanks = box.querySelector(".thanks");
  for (const b of box.querySelectorAll(".vote")) {
    b.addEventListener("click", async () => {
      try {
        const res = await fetch("/v1/feedback", { method: "POST", headers: headers(), body: JSON.stringify({ answer_id: answerId, vote: b.dataset.vote }) });
        if (!res.ok) throw new Error("status " + res.status);
        for (const other of box.querySelectorAll(".vote")) { other.disabled = true; other.setAttribute("aria-pressed", String(other === b)); }
        thanks.textContent = "Thanks, your feedback was recorded.";
      } catch (e) {
        thanks.textContent = "Sorry, the feedback could not be sent.";
      }
    });
  }
  box.hidden = false;
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

function newTurn(question) {
  const turn = $("turn-template").content.firstElementChild.cloneNode(true);
  turns += 1;
  turn.id = "turn-" + turns;
  turn.querySelector(".question").textContent = question;
  conversation.append(turn);
  return turn;
}

function finish(turn, typed, data) {
  renderSources(turn, data.citations);
  renderAnswer(turn, data.answer, data.citations, data.abstained);
  if (data.question !== typed) {
    const readAs = turn.querySelector(".read-as");
    readAs.textContent = "(read as “" + data.question + "”)";
    readAs.hidden = false;
  }
  if (data.abstained) renderNotCovered(turn);
  if (data.answer_id) wireFeedback(turn, data.answer_id);
  history.push({ question: typed, answer_id: data.answer_id || null });
  history = history.slice(-MAX_TURNS);
  statusLine.textContent = data.abstained ? "Not covered by the statements." : data.citations.length + " source(s) below each answer. Select a number to go to its source.";
}

async function ask(question) {
  result.hidden = false;
  result.setAttribute("aria-busy", "true");
  button.disabled = true;
  examplesBox.open = false;
  statusLine.className = "status";
  statusLine.textContent = "Searching the statements…";
  const turn = newTurn(question);
  const body = { question, history: history.map((t) => (t.answer_id ? t : { question: t.question })) };
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
        if (event === "citations") renderSources(turn, data);
        else if (event === "delta") { streamed += data.text; turn.querySelector(".answer").textContent = streamed; }
        else if (event === "done") finish(turn, question, data);
        else if (event === "error") throw new Error(data.detail);
      });
    }
  } catch (e) {
    turn.remove();
    statusLine.className = "status error";
    statusLine.textContent = "Error: " + e.message;
  } finally {
    button.disabled = false;
    result.setAttribute("aria-busy", "false");
    newConversation.hidden = history.length === 0;
    if (turn.isConnected) turn.scrollIntoView({ block: "start" });
  }
}

form.addEventListener("submit", (e) => {
  e.preventDefault();
  const q = input.value.trim();
  if (q) { ask(q); input.value = ""; }
});
for (const b of document.querySelectorAll(".example")) {
  b.addEventListener("click", () => ask(b.textContent));
}
newConversation.addEventListener("click", () => {
  history = [];
  conversation.replaceChildren();
  newConversation.hidden = true;
  statusLine.textContent = "";
  examplesBox.open = true;
  input.focus();
});
loadConfig();
loadCoverage();
