// The search page (templates/search.mustache): finds pages in the index the build writes
// (search/data/, generator/search/index.h) and draws them as a list of links. A query's
// words are split, normalised and stemmed as the build did it (generator/search/words.h;
// RussianStemmer: the Snowball stemmer of search/data/stemmer.js); every word must be on a
// page. The query and the filters live in the address (?q=…&org=…&collection=…), so results
// can be shared and the Back button returns to them. The status line is a live region.
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
  var index = new URL(form.getAttribute('data-index'), location.href);
  var root = new URL(form.getAttribute('data-root') || './', location.href);
  // Opened as …/index.html, the page is served by a server that does not open a folder's
  // index.html itself (GitLab's artifacts of a merge request's preview): results link it.
  var folderIndex = /\/index\.html$/.test(location.pathname);
  var WORD = /[\p{L}\p{Nd}\p{Mn}\p{Cf}]+/gu;
  var meta = null;
  var chunks = {};
  var stemmer = null;
  var found = [];
  var terms = [];
  var shown = 0;
  var run = 0;

  // An index file's bytes: gzipped by the build (a server that unzipped it gives them as they are).
  function bytes(url, fresh) {
    return fetch(url, fresh ? { cache: 'no-cache' } : {}).then(function (r) {
      if (!r.ok) throw new Error(url + ': ' + r.status);
      return r.arrayBuffer();
    }).then(function (buffer) {
      var b = new Uint8Array(buffer);
      if (b[0] !== 0x1f || b[1] !== 0x8b) return b;
      var stream = new Blob([b]).stream().pipeThrough(new DecompressionStream('gzip'));
      return new Response(stream).arrayBuffer().then(function (x) { return new Uint8Array(x); });
    });
  }
  function json(url, fresh) {
    return bytes(url, fresh).then(function (b) { return JSON.parse(new TextDecoder().decode(b)); });
  }
  function load() {
    if (!meta) meta = json(new URL('meta.bin', index), true);
    return meta;
  }

  // A word as the build indexes it, or '' (generator/search/words.cpp: normalise_word).
  function normal(raw, longest) {
    var w = raw.normalize('NFC').toLowerCase().replace(/[\p{Mn}\p{Cf}]/gu, '').replace(/ё/g, 'е');
    return /[\p{L}\p{Nd}]/u.test(w) && Array.from(w).length <= longest ? w : '';
  }
  function stem(w) {
    if (!stemmer) stemmer = new RussianStemmer();
    return stemmer.stemWord(w);
  }

  // Code point order, the order of the build's UTF-8 bytes.
  function compare(a, b) {
    var i = 0, j = 0;
    while (i < a.length && j < b.length) {
      var x = a.codePointAt(i), y = b.codePointAt(j);
      if (x !== y) return x < y ? -1 : 1;
      i += x > 0xffff ? 2 : 1;
      j += y > 0xffff ? 2 : 1;
    }
    return i < a.length ? 1 : j < b.length ? -1 : 0;
  }

  // A chunk: terms, each with its pages (differences) and weights, as varints and bytes.
  function readChunk(b) {
    var map = new Map(), p = 0, text = new TextDecoder();
    function varint() {
      var v = 0, shift = 1, c;
      do { c = b[p++]; v += (c & 0x7f) * shift; shift *= 128; } while (c & 0x80);
      return v;
    }
    while (p < b.length) {
      var length = varint();
      var term = text.decode(b.subarray(p, p + length));
      p += length;
      var n = varint(), pages = new Uint32Array(n), weights = new Uint8Array(n), page = 0;
      for (var k = 0; k < n; k++) { page += varint(); pages[k] = page; weights[k] = b[p++]; }
      map.set(term, { pages: pages, weights: weights });
    }
    return map;
  }

  // The pages of `term`, or none.
  function postings(m, term) {
    var lo = 0, hi = m.chunks.length - 1;
    if (hi < 0 || compare(term, m.chunks[0][0]) < 0) return Promise.resolve(null);
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (compare(m.chunks[mid][0], term) <= 0) lo = mid; else hi = mid - 1;
    }
    var file = m.chunks[lo][1];
    if (!chunks[file]) chunks[file] = bytes(new URL(file, index)).then(readChunk);
    return chunks[file].then(function (map) { return map.get(term) || null; });
  }

  // Pages that have every term and filter, best first: the rarer a word on the site and the
  // more often on the page (in its title most), the higher; then in the site's order.
  function rank(m, lists, words) {
    if (lists.some(function (l) { return !l; })) return [];
    var order = lists.slice().sort(function (a, b) { return a.pages.length - b.pages.length; });
    var scores = new Map();
    order[0].pages.forEach(function (p) { scores.set(p, 0); });
    lists.forEach(function (l, t) {
      var idf = Math.log(1 + m.pages / l.pages.length);
      var next = new Map();
      for (var k = 0; k < l.pages.length; k++) {
        var s = scores.get(l.pages[k]);
        if (s !== undefined) next.set(l.pages[k], s + (t < words ? idf * (1 + Math.log(l.weights[k])) : 0));
      }
      scores = next;
    });
    return Array.from(scores).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; }).map(function (e) { return e[0]; });
  }

  function russianCount(n) {
    var d = n % 10, h = n % 100;
    if (d === 1 && h !== 11) return n + ' страница';
    if (d >= 2 && d <= 4 && (h < 12 || h > 14)) return n + ' страницы';
    return n + ' страниц';
  }

  // About 30 words of the page's text around the first word found, those found marked.
  function excerpt(text, longest) {
    var p = document.createElement('p');
    p.className = 'search-excerpt';
    var words = [], first = -1, m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) {
      var w = normal(m[0], longest);
      var hit = !!w && terms.indexOf(stem(w)) >= 0;
      if (hit && first < 0) first = words.length;
      words.push({ at: m.index, end: m.index + m[0].length, hit: hit });
    }
    if (!words.length) return p;
    var from = Math.max(0, first - 8), to = Math.min(words.length, from + 30);
    var at = from ? words[from].at : 0;
    if (from) p.appendChild(document.createTextNode('… '));
    for (var k = from; k < to; k++) {
      if (!words[k].hit) continue;
      p.appendChild(document.createTextNode(text.slice(at, words[k].at)));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(words[k].at, words[k].end);
      p.appendChild(mark);
      at = words[k].end;
    }
    var end = to < words.length ? words[to - 1].end : text.length;
    p.appendChild(document.createTextNode(text.slice(at, end) + (to < words.length ? ' …' : '')));
    return p;
  }

  function item(d, longest) {
    var li = document.createElement('li');
    var h = document.createElement('h2');
    var a = document.createElement('a');
    a.href = new URL(d.u + (folderIndex && /(^|\/)$/.test(d.u) ? 'index.html' : ''), root).href;
    a.textContent = d.t || d.u;
    h.appendChild(a);
    li.appendChild(h);
    var about = [d.o, d.c, d.d].filter(Boolean);
    if (about.length) {
      var m = document.createElement('p');
      m.className = 'meta';
      m.textContent = about.join(' · ');
      li.appendChild(m);
    }
    if (d.x) li.appendChild(excerpt(d.x, longest));
    return li;
  }

  function nextPage(token) {
    return load().then(function (m) {
      return Promise.all(found.slice(shown, shown + PAGE).map(function (page) {
        return json(new URL(m.set + '/' + page + '.json', index));
      })).then(function (data) {
        if (token !== run) return;
        data.forEach(function (d) { list.appendChild(item(d, m.longest)); });
        shown += data.length;
        moreWrap.hidden = shown >= found.length;
      });
    });
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
    if (typeof DecompressionStream === 'undefined' || typeof RussianStemmer === 'undefined') {
      status.textContent = 'Поиск не работает в этом браузере: обновите его или найдите нужное по списку организаций.';
      return Promise.resolve();
    }
    status.textContent = 'Ищем…';
    return load().then(function (m) {
      var stop = new Set(m.stop);
      var mine = [];
      (q.match(WORD) || []).forEach(function (raw) {
        var w = normal(raw, m.longest);
        if (!w || stop.has(w)) return;
        var term = stem(w);
        if (mine.indexOf(term) < 0) mine.push(term);
      });
      var filters = [];
      if (org.value) filters.push('~o:' + org.value);
      if (collection.value) filters.push('~c:' + collection.value);
      return Promise.all(mine.concat(filters).map(function (t) { return postings(m, t); })).then(function (lists) {
        if (token !== run) return;
        terms = mine;
        found = mine.length ? rank(m, lists, mine.length) : [];
        if (!found.length) {
          status.textContent = mine.length ? NOTHING : 'В запросе только служебные слова: добавьте слово, которое есть на нужной странице.';
          return;
        }
        return nextPage(token).then(function () {
          if (token !== run) return;
          list.hidden = false;
          status.textContent = 'Найдено: ' + russianCount(found.length) + '.';
        });
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
    nextPage(token).then(function () {
      if (token !== run) return;
      // The first new result takes the focus, so the keyboard goes on from there.
      var link = list.children[first] && list.children[first].querySelector('a');
      if (link) link.focus();
    });
  });
  window.addEventListener('popstate', fromAddress);
  input.addEventListener('focus', function () { load().catch(function () {}); }, { once: true });
  fromAddress();
})();
