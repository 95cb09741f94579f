// app/javascript/updates.js: `pin "updates"` in config/importmap.rb, `import "updates"` in application.js.
const { createUpdateCoordinator } = window.swUpdateCoordinator;
const bar = document.getElementById("update-bar");

const updates = createUpdateCoordinator({
  scriptURL: "/service-worker.js",
  onPrompt(prompt) {
    bar.querySelector("span").textContent = `Version ${prompt.version ?? "new"} is ready.`;
    bar.querySelector("[data-action=update]").onclick = () => prompt.accept();
    bar.querySelector("[data-action=later]").onclick = () => prompt.dismiss();
    bar.hidden = false;
    return () => {
      bar.hidden = true;
    };
  },
  onError: (error) => console.warn("[updates]", error.message),
});

// Typing in a form marked data-hold-updates holds the update in every tab. Turbo
// replaces the page without reloading it, so the hold ends on submit or on the next visit.
let release = null;
const endHold = () => {
  release?.();
  release = null;
};
document.addEventListener("input", (event) => {
  if (event.target.closest("form[data-hold-updates]")) release ??= updates.hold("unsaved form");
});
document.addEventListener("submit", endHold);
document.addEventListener("turbo:load", endHold);
