// Meetings pages: small enhancements only; every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // Warn before leaving the minutes draft with unsaved changes.
  document.querySelectorAll("form[data-warn-unsaved]").forEach((form) => {
    let dirty = false;
    form.addEventListener("input", () => {
      dirty = true;
    });
    form.addEventListener("submit", () => {
      dirty = false;
    });
    // An autosave (htmx) that went through leaves nothing unsaved.
    form.addEventListener("htmx:afterRequest", (event) => {
      if (event.detail.successful && !event.detail.xhr.responseText.includes("text-danger")) {
        dirty = false;
      }
    });
    window.addEventListener("beforeunload", (event) => {
      if (dirty) {
        event.preventDefault();
      }
    });
  });
});
