/* global document, localStorage */
// Runs before the page is drawn (a blocking script, so there is no flash of the wrong theme):
// the reader's choice of theme, shared with the API pages through typedoc's own storage key.
// "os" follows the system setting; "light" and "dark" override it.
(function () {
  'use strict';
  var theme = 'os';
  try { theme = localStorage.getItem('tsd-theme') || 'os'; } catch { /* storage disabled: follow the system */ }
  document.documentElement.dataset.theme = theme;
})();
