// "Add to my agenda" without a page reload. The forms work without this file; here
// they post in the background and the button turns into its opposite.
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
    button.textContent = state.label;
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
