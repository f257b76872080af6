/* global window, document, fetch, navigator, localStorage, IntersectionObserver, getComputedStyle */
// The course site's only script (a file, so the Content-Security-Policy can forbid inline
// scripts): search with snippets and keyboard navigation, the theme switch, copy buttons on
// code, scroll cues on wide tables, figures and equations, figures opened full size, the
// on-this-page list following the reader, keyboard shortcuts and the chapter menu on phones.
(function () {
  'use strict';
  var root = document.documentElement;

  // ---- Search ---------------------------------------------------------------------------
  var searchOptions = { fields: ['title', 'text'], storeFields: ['title', 'url', 'page', 'kind', 'text'], searchOptions: { boost: { title: 3 }, prefix: true, fuzzy: 0.15 } };
  var input = document.getElementById('search-input');
  var list = document.getElementById('search-results');
  var loading = null;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error('could not load ' + src)); };
      document.head.appendChild(script);
    });
  }

  // The search library and index are fetched the first time the reader uses the search box.
  function load() {
    if (loading === null) {
      loading = Promise.all([
        window.MiniSearch ? Promise.resolve() : loadScript('assets/minisearch.js'),
        fetch('search-index.json').then(function (response) { return response.text(); }),
      ]).then(function (parts) { return window.MiniSearch.loadJSON(parts[1], searchOptions); });
    }
    return loading;
  }

  function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }

  // Appends `text` to `parent`, with every match of `pattern` wrapped in <mark>.
  function appendHighlighted(parent, text, pattern) {
    var last = 0;
    text.replace(pattern, function (match, offset) {
      if (offset > last) parent.appendChild(document.createTextNode(text.slice(last, offset)));
      var mark = document.createElement('mark');
      mark.textContent = match;
      parent.appendChild(mark);
      last = offset + match.length;
      return match;
    });
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  // About 150 characters of the text around the first matched term.
  function snippet(text, pattern) {
    if (!text) return '';
    pattern.lastIndex = 0;
    var found = pattern.exec(text);
    pattern.lastIndex = 0;
    var at = found ? found.index : 0;
    var start = Math.max(0, at - 50);
    var end = Math.min(text.length, start + 160);
    if (start > 0) { var space = text.indexOf(' ', start); if (space > 0 && space < at) start = space + 1; }
    return (start > 0 ? '… ' : '') + text.slice(start, end).trim() + (end < text.length ? ' …' : '');
  }

  function resultLinks() { return list ? Array.prototype.slice.call(list.querySelectorAll('a')) : []; }

  function show(query) {
    if (query.trim().length < 2) { list.hidden = true; list.innerHTML = ''; input.setAttribute('aria-expanded', 'false'); return; }
    load().then(function (index) {
      if (input.value !== query) return;
      var results = index.search(query).slice(0, 10);
      var terms = [];
      results.forEach(function (result) { (result.terms || []).forEach(function (term) { if (terms.indexOf(term) < 0) terms.push(term); }); });
      query.toLowerCase().split(/\s+/).forEach(function (word) { if (word.length > 1 && terms.indexOf(word) < 0) terms.push(word); });
      terms.sort(function (a, b) { return b.length - a.length; });
      var pattern = new RegExp(terms.map(escapeRegExp).join('|') || '$^', 'gi');
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
        var title = document.createElement('span');
        title.className = 'result-title';
        if (result.kind === 'api') {
          var badge = document.createElement('span');
          badge.className = 'result-kind';
          badge.textContent = 'API';
          title.appendChild(badge);
        }
        appendHighlighted(title, result.title, pattern);
        link.appendChild(title);
        var text = snippet(result.text, pattern);
        if (text) {
          var excerpt = document.createElement('span');
          excerpt.className = 'result-snippet';
          appendHighlighted(excerpt, text, pattern);
          link.appendChild(excerpt);
        }
        item.appendChild(link);
        list.appendChild(item);
      });
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    });
  }

  if (input && list) {
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', 'search-results');
    input.addEventListener('input', function () { show(input.value); });
    input.addEventListener('focus', function () { load(); });
    input.addEventListener('keydown', function (event) {
      var links = resultLinks();
      if (event.key === 'Enter') {
        if (links[0]) window.location.href = links[0].getAttribute('href');
      } else if (event.key === 'ArrowDown' && links[0]) {
        event.preventDefault();
        links[0].focus();
      } else if (event.key === 'Escape') {
        list.hidden = true;
        input.blur();
      }
    });
    // Arrow keys move through the results; Escape goes back to the box.
    list.addEventListener('keydown', function (event) {
      var links = resultLinks();
      var at = links.indexOf(document.activeElement);
      if (event.key === 'ArrowDown') { event.preventDefault(); if (at < links.length - 1) links[at + 1].focus(); }
      else if (event.key === 'ArrowUp') { event.preventDefault(); if (at > 0) links[at - 1].focus(); else input.focus(); }
      else if (event.key === 'Escape') { list.hidden = true; input.focus(); }
    });
    document.addEventListener('click', function (event) {
      if (!event.target.closest('.search')) list.hidden = true;
    });
  }

  // ---- Theme ----------------------------------------------------------------------------
  var themes = ['os', 'light', 'dark'];
  var themeNames = { os: 'follows the system', light: 'light', dark: 'dark' };
  var themeIcons = { os: '◐', light: '☀', dark: '☾' };
  var themeButton = document.getElementById('theme-button');
  function showTheme() {
    var theme = root.dataset.theme || 'os';
    if (!themeButton) return;
    themeButton.textContent = themeIcons[theme] || '◐';
    themeButton.setAttribute('aria-label', 'Theme: ' + (themeNames[theme] || theme));
    themeButton.title = 'Theme: ' + (themeNames[theme] || theme) + ' (t)';
  }
  function nextTheme() {
    var theme = themes[(themes.indexOf(root.dataset.theme || 'os') + 1) % themes.length];
    root.dataset.theme = theme;
    try { localStorage.setItem('tsd-theme', theme); } catch { /* not remembered */ }
    showTheme();
  }
  if (themeButton) { themeButton.addEventListener('click', nextTheme); showTheme(); }

  // ---- Copy buttons ---------------------------------------------------------------------
  Array.prototype.forEach.call(document.querySelectorAll('.code-block pre'), function (pre) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy-button';
    button.textContent = 'Copy';
    button.setAttribute('aria-label', 'Copy the code');
    button.addEventListener('click', function () {
      var text = pre.innerText.replace(/\n$/, '');
      var done = function (label) { button.textContent = label; window.setTimeout(function () { button.textContent = 'Copy'; }, 1500); };
      if (navigator.clipboard) navigator.clipboard.writeText(text).then(function () { done('Copied'); }, function () { done('Press Ctrl+C'); });
      else done('Press Ctrl+C');
    });
    pre.parentNode.insertBefore(button, pre);
  });

  // ---- Scroll cues ----------------------------------------------------------------------
  // A frame whose content is wider than itself gets a shadow on the side that hides more.
  function watchOverflow(frame) {
    function update() {
      var overflow = frame.scrollWidth - frame.clientWidth > 1;
      var holder = frame.parentNode && frame.parentNode.classList && frame.parentNode.classList.contains('scroll-cue') ? frame.parentNode : null;
      if (!holder) return;
      holder.classList.toggle('more-right', overflow && frame.scrollLeft + frame.clientWidth < frame.scrollWidth - 1);
      holder.classList.toggle('more-left', overflow && frame.scrollLeft > 1);
      holder.classList.toggle('overflowing', overflow);
    }
    if (!frame.parentNode.classList.contains('scroll-cue')) {
      var holder = document.createElement('div');
      holder.className = 'scroll-cue';
      frame.parentNode.insertBefore(holder, frame);
      holder.appendChild(frame);
    }
    frame.addEventListener('scroll', update, { passive: true });
    window.addEventListener('resize', update);
    update();
  }
  Array.prototype.forEach.call(document.querySelectorAll('.table-scroll, .figure-frame, .katex-display'), watchOverflow);

  // ---- Figures full size ----------------------------------------------------------------
  Array.prototype.forEach.call(document.querySelectorAll('a.figure-open'), function (link) {
    link.addEventListener('click', function (event) {
      if (event.metaKey || event.ctrlKey || event.shiftKey || typeof document.createElement('dialog').showModal !== 'function') return;
      event.preventDefault();
      var dialog = document.createElement('dialog');
      dialog.className = 'figure-dialog';
      var close = document.createElement('button');
      close.type = 'button';
      close.className = 'figure-close';
      close.textContent = 'Close';
      close.addEventListener('click', function () { dialog.close(); });
      var frame = document.createElement('div');
      frame.className = 'figure-dialog-frame';
      var svg = link.querySelector('svg').cloneNode(true);
      svg.removeAttribute('id');
      frame.appendChild(svg);
      dialog.appendChild(close);
      dialog.appendChild(frame);
      var caption = link.closest('figure').querySelector('figcaption');
      if (caption) { var text = document.createElement('p'); text.className = 'figure-dialog-caption'; text.textContent = caption.textContent; dialog.appendChild(text); }
      dialog.addEventListener('click', function (clickEvent) { if (clickEvent.target === dialog) dialog.close(); });
      dialog.addEventListener('close', function () { dialog.remove(); link.focus(); });
      document.body.appendChild(dialog);
      dialog.showModal();
    });
  });

  // ---- On this page ---------------------------------------------------------------------
  var tocLinks = Array.prototype.slice.call(document.querySelectorAll('.toc a[href^="#"]'));
  if (tocLinks.length > 0 && 'IntersectionObserver' in window) {
    var headings = tocLinks.map(function (link) { return document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1))); });
    var mark = function () {
      var current = 0;
      var line = (parseFloat(getComputedStyle(root).scrollPaddingTop) || 80) + 8;
      headings.forEach(function (heading, i) { if (heading && heading.getBoundingClientRect().top <= line) current = i; });
      tocLinks.forEach(function (link, i) {
        if (i === current) link.setAttribute('aria-current', 'true');
        else link.removeAttribute('aria-current');
      });
    };
    var observer = new IntersectionObserver(mark, { rootMargin: '0px 0px -60% 0px' });
    headings.forEach(function (heading) { if (heading) observer.observe(heading); });
    window.addEventListener('scroll', mark, { passive: true });
    mark();
  }

  // ---- Keyboard shortcuts ---------------------------------------------------------------
  document.addEventListener('keydown', function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    if (document.querySelector('dialog[open]')) return;
    if ((event.key === '/' || event.key === 's') && input) { event.preventDefault(); input.focus(); input.select(); }
    else if (event.key === 't') nextTheme();
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      var link = document.querySelector(event.key === 'ArrowLeft' ? '.pager a[rel="prev"]' : '.pager a[rel="next"]');
      if (link) window.location.href = link.getAttribute('href');
    }
  });

  // ---- Menu on phones -------------------------------------------------------------------
  var menu = document.getElementById('menu-button');
  var sidebar = document.querySelector('.sidebar');
  if (menu && sidebar) {
    menu.addEventListener('click', function () {
      var open = sidebar.classList.toggle('open');
      menu.setAttribute('aria-expanded', open ? 'true' : 'false');
    });
  }
})();
