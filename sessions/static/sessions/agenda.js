// "Add to my agenda" without a page reload. The forms work without this file; here
// they post in the background, the button turns into its opposite and a clash is
// announced beside it.
document.addEventListener("submit", async (event) => {
  const form = event.target.closest("form[data-agenda]");
  if (!form) return;
  event.preventDefault();
  const button = event.submitter || form.querySelector("button");
  // Busy, not disabled: a disabled button loses the keyboard focus, and the next
  // key press would go nowhere.
  if (button.getAttribute("aria-disabled") === "true") return;
  const body = new FormData(form);
  body.set(button.name, button.value);
  button.setAttribute("aria-disabled", "true");
  try {
    // Not form.action: the button named "action" shadows that property.
    const response = await fetch(form.getAttribute("action"), {
      method: "POST",
      body,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    if (!response.ok) throw new Error(response.statusText);
    const state = await response.json();
    button.value = state.action;
    // The label changes; the session's name beside it (for screen readers) stays.
    button.querySelector("[data-label]").textContent = state.label;
    // A clash is said at once, in the form's own live region.
    form.querySelector("[data-clash-note]").textContent = state.note || "";
  } catch {
    // Let the server answer the plain way (a page with the reason).
    const field = Object.assign(document.createElement("input"), {
      type: "hidden", name: button.name, value: button.value,
    });
    form.append(field);
    form.submit();
  } finally {
    button.removeAttribute("aria-disabled");
  }
});

// "Copy the address": shown only where this file runs, since it needs a script. What it
// says, in the page's language, is on the button (data-said-copied, data-said-selected).
for (const button of document.querySelectorAll("[data-copy]")) {
  const field = document.getElementById(button.dataset.copy);
  const said = button.parentElement.querySelector("[data-copied]");
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      said.textContent = button.dataset.saidCopied;
    } catch {
      field.select(); // the browser refused: selected, for the reader to copy
      said.textContent = button.dataset.saidSelected;
    }
  });
}
