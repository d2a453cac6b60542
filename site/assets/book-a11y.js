/* Accessible names and roles that the theme and extensions get wrong (found by axe-core; the
   checks are tests/site/test_accessibility.py). Runs once the page and their scripts are in. */
(() => {
  "use strict";
  const fix = () => {
    // WCAG 2.5.3 (label in name): the theme's search button shows "Search this book... Ctrl+K"
    // but is named "Search", and sphinx-togglebutton names every "Show code cell source" toggle
    // "Toggle hidden content". Without the aria-label, each is named by the text it shows.
    document
      .querySelectorAll(
        'button.search-button-field[aria-label], summary[aria-label="Toggle hidden content"]',
      )
      .forEach((node) => node.removeAttribute("aria-label"));
    // sphinxcontrib-bibtex marks the bibliography role="list" holding role="doc-biblioentry"
    // entries: a deprecated role, and a list whose children are not list items.
    document.querySelectorAll('.citation-list[role="list"]').forEach((list) => {
      list.removeAttribute("role");
      list
        .querySelectorAll('[role="doc-biblioentry"]')
        .forEach((entry) => entry.removeAttribute("role"));
    });
  };
  if (document.readyState === "complete") {
    fix();
  } else {
    window.addEventListener("load", fix);
  }
})();
