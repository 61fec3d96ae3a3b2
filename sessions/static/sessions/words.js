// The words the live scripts (qa.js, polls.js, floor.js) write, in the page's language:
// they come from the page (sessions/qa/includes/strings.html), never from a script.
// Loaded before them; each takes what it needs from window.liveWords.
(() => {
  "use strict";
  const strings = document.querySelector("template[data-live-strings]");
  const fillIn = (text, values) =>
    text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
  const source = (key) => strings && strings.content.querySelector(`[data-key="${key}"]`);
  function phrase(key, values = {}) {
    const node = source(key);
    return node ? fillIn(node.textContent, values) : "";
  }
  // The same with its markup (<strong>), the values set as text.
  function phraseNodes(key, values = {}) {
    const node = source(key);
    if (!node) return [];
    const copy = node.cloneNode(true);
    const walker = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) text.data = fillIn(text.data, values);
    return [...copy.childNodes];
  }
  // The words of a count: those given for a sample count of the same plural form.
  function counted(key, n, values = {}) {
    const forms = strings ? [...strings.content.querySelectorAll(`[data-key="${key}"]`)] : [];
    const rules = new Intl.PluralRules(strings ? strings.lang || undefined : undefined);
    const of = (category) => forms.find((form) => rules.select(Number(form.dataset.n)) === category);
    const form = of(rules.select(n)) || of("other") || forms[forms.length - 1];
    return form ? fillIn(form.textContent, values) : "";
  }
  window.liveWords = { phrase, phraseNodes, counted };
})();
