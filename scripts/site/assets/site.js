/* global window, document, fetch */
// The course site's only script: the search box (a prebuilt minisearch index) and the
// chapter menu on narrow screens. Loaded as a file so the Content-Security-Policy can forbid
// inline scripts.
(function () {
  'use strict';
  var searchOptions = { fields: ['title', 'text'], storeFields: ['title', 'url', 'page'], searchOptions: { boost: { title: 3 }, prefix: true, fuzzy: 0.15 } };
  var input = document.getElementById('search-input');
  var list = document.getElementById('search-results');
  var index = null;
  var loading = null;

  function load() {
    if (loading === null) {
      loading = fetch('search-index.json')
        .then(function (response) { return response.text(); })
        .then(function (json) { index = window.MiniSearch.loadJSON(json, searchOptions); return index; });
    }
    return loading;
  }

  function show(query) {
    if (query.trim().length < 2) { list.hidden = true; list.innerHTML = ''; return; }
    load().then(function (idx) {
      var results = idx.search(query).slice(0, 8);
      list.innerHTML = '';
      if (results.length === 0) {
        var empty = document.createElement('li');
        empty.className = 'empty';
        empty.textContent = 'Nothing found for "' + query + '"';
        list.appendChild(empty);
      }
      results.forEach(function (result) {
        var item = document.createElement('li');
        var link = document.createElement('a');
        link.href = result.url;
        link.textContent = result.title;
        item.appendChild(link);
        list.appendChild(item);
      });
      list.hidden = false;
    });
  }

  if (input && list) {
    input.addEventListener('input', function () { show(input.value); });
    input.addEventListener('focus', function () { load(); });
    input.addEventListener('keydown', function (event) {
      if (event.key === 'Enter') {
        var first = list.querySelector('a');
        if (first) window.location.href = first.getAttribute('href');
      } else if (event.key === 'Escape') {
        list.hidden = true;
      }
    });
    document.addEventListener('click', function (event) {
      if (!event.target.closest('.search')) list.hidden = true;
    });
  }

  var menu = document.getElementById('menu-button');
  var sidebar = document.querySelector('.sidebar');
  if (menu && sidebar) {
    menu.addEventListener('click', function () {
      var open = sidebar.classList.toggle('open');
      menu.setAttribute('aria-expanded', open ? 'true' : 'false');
    });
  }
})();
