// The search page (templates/search.mustache): results from Pagefind's index (pagefind/,
// written by `nastavnik build --search-index`), drawn as a list of links. The query and the
// filters live in the address (?q=…&org=…&collection=…), so results can be shared and the
// Back button returns to them. The status line is a live region: «Найдено: N».
(function () {
  'use strict';
  var form = document.getElementById('search-form');
  if (!form) return;
  var input = document.getElementById('search-q');
  var org = document.getElementById('search-org');
  var collection = document.getElementById('search-collection');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var moreWrap = document.getElementById('search-more-wrap');
  var more = document.getElementById('search-more');
  var PAGE = 10;
  var NOTHING = 'Ничего не найдено. Проверьте написание или выберите «Все организации» и «Все разделы».';
  var pagefind = null;
  var found = [];
  var shown = 0;
  var run = 0;

  function load() {
    if (pagefind) return pagefind;
    var root = new URL(form.getAttribute('data-root') || './', location.href).pathname;
    pagefind = import(new URL(form.getAttribute('data-pagefind'), location.href).href).then(function (pf) {
      return Promise.resolve(pf.options({ baseUrl: root })).then(function () { return pf; });
    });
    return pagefind;
  }

  function russianCount(n) {
    var d = n % 10, h = n % 100;
    if (d === 1 && h !== 11) return n + ' страница';
    if (d >= 2 && d <= 4 && (h < 12 || h > 14)) return n + ' страницы';
    return n + ' страниц';
  }

  // Pagefind's excerpt is text with <mark> around the words found: only those two kinds of
  // node are copied, so nothing else of it can become markup.
  function excerpt(html) {
    var p = document.createElement('p');
    p.className = 'search-excerpt';
    var t = document.createElement('template');
    t.innerHTML = html;
    t.content.childNodes.forEach(function (n) {
      if (n.nodeType === 3) p.appendChild(document.createTextNode(n.textContent));
      else if (n.nodeName === 'MARK') {
        var m = document.createElement('mark');
        m.textContent = n.textContent;
        p.appendChild(m);
      } else p.appendChild(document.createTextNode(n.textContent));
    });
    return p;
  }

  function item(d) {
    var li = document.createElement('li');
    var h = document.createElement('h2');
    var a = document.createElement('a');
    a.href = d.url;
    a.textContent = (d.meta && d.meta.title) || d.url;
    h.appendChild(a);
    li.appendChild(h);
    var meta = [d.meta && d.meta.org, d.filters && d.filters.collection && d.filters.collection[0], d.meta && d.meta.date]
      .filter(Boolean);
    if (meta.length) {
      var m = document.createElement('p');
      m.className = 'meta';
      m.textContent = meta.join(' · ');
      li.appendChild(m);
    }
    if (d.excerpt) li.appendChild(excerpt(d.excerpt));
    return li;
  }

  function show(data) {
    data.forEach(function (d) { list.appendChild(item(d)); });
    shown += data.length;
    moreWrap.hidden = shown >= found.length;
  }

  function nextPage() {
    return Promise.all(found.slice(shown, shown + PAGE).map(function (r) { return r.data(); }));
  }

  // When no indexed word begins with a word of the query, Pagefind matches the longest
  // indexed word the query's word begins with: «абракадабра» finds the «А» of «А. С.». Results
  // that only have such a word of one or two letters are no answer.
  function letters(s) { return s.toLowerCase().replace(/[^0-9a-zа-яё]/g, ''); }
  function onlyStubs(d, words) {
    var marks = [];
    var t = document.createElement('template');
    t.innerHTML = d.excerpt || '';
    t.content.querySelectorAll('mark').forEach(function (m) { marks.push(letters(m.textContent)); });
    return marks.length > 0 && marks.every(function (m) { return m.length < 3; }) &&
      words.every(function (w) { return letters(w).length >= 3; });
  }

  function params() {
    var p = new URLSearchParams();
    if (input.value.trim()) p.set('q', input.value.trim());
    if (org.value) p.set('org', org.value);
    if (collection.value) p.set('collection', collection.value);
    return p;
  }

  function search(push) {
    var token = ++run;
    var q = input.value.trim();
    var filters = {};
    if (org.value) filters.org = org.value;
    if (collection.value) filters.collection = collection.value;
    var p = params().toString();
    var url = location.pathname + (p ? '?' + p : '');
    if (push && url !== location.pathname + location.search) history.pushState(null, '', url);
    list.textContent = '';
    list.hidden = true;
    moreWrap.hidden = true;
    found = [];
    shown = 0;
    if (!q) {
      status.textContent = 'Введите слово или несколько слов.';
      return Promise.resolve();
    }
    status.textContent = 'Ищем…';
    return load().then(function (pf) {
      return pf.search(q, { filters: filters });
    }).then(function (res) {
      if (token !== run) return;
      found = res.results;
      if (!found.length) {
        status.textContent = NOTHING;
        return;
      }
      return nextPage().then(function (data) {
        if (token !== run) return;
        var words = q.split(/\s+/);
        if (data.every(function (d) { return onlyStubs(d, words); })) {
          found = [];
          status.textContent = NOTHING;
          return;
        }
        list.hidden = false;
        show(data);
        status.textContent = 'Найдено: ' + russianCount(found.length) + '.';
      });
    }).catch(function () {
      if (token === run) status.textContent = 'Поиск сейчас не работает: не удалось загрузить индекс. Обновите страницу.';
    });
  }

  function fromAddress() {
    var p = new URLSearchParams(location.search);
    input.value = p.get('q') || '';
    // The options are typographed (no-break spaces): an address typed by hand may have plain ones.
    var plain = function (s) { return s.replace(/\s+/g, ' '); };
    var choose = function (select, value) {
      select.value = '';
      for (var i = 0; i < select.options.length; i++) {
        if (plain(select.options[i].value) === plain(value)) select.value = select.options[i].value;
      }
    };
    choose(org, p.get('org') || '');
    choose(collection, p.get('collection') || '');
    if (input.value) search(false);
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    search(true);
  });
  org.addEventListener('change', function () { if (input.value.trim()) search(true); });
  collection.addEventListener('change', function () { if (input.value.trim()) search(true); });
  more.addEventListener('click', function () {
    var first = list.children.length;
    var token = run;
    nextPage().then(function (data) {
      if (token !== run) return;
      show(data);
      // The first new result takes the focus, so the keyboard goes on from there.
      var link = list.children[first] && list.children[first].querySelector('a');
      if (link) link.focus();
    });
  });
  window.addEventListener('popstate', fromAddress);
  input.addEventListener('focus', function () { load(); }, { once: true });
  fromAddress();
})();
