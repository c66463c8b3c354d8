/* nastavnik: the one small script of the theme. Every page works without it. */
(function () {
  'use strict';
  var doc = document, root = doc.documentElement, KEY = 'nastavnik-vi';

  /* Registers with data-sortable: a column header becomes a button that sorts by the
     cells' data-sort values; aria-sort tells screen readers the order. */
  function makeSortable(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, column) {
      if (!th.hasAttribute('data-sort-type')) return;
      var button = doc.createElement('button');
      button.type = 'button';
      button.className = 'sort-button';
      button.textContent = th.textContent;
      th.textContent = '';
      th.appendChild(button);
      button.addEventListener('click', function () {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(headers, function (other) { other.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[column].getAttribute('data-sort') || '';
          var y = b.cells[column].getAttribute('data-sort') || '';
          return ascending ? x.localeCompare(y, 'ru') : y.localeCompare(x, 'ru');
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }
  /* A long text version starts folded, a button opens it (whole without the script, in print). */
  doc.querySelectorAll('.document-text.long').forEach(function (s, i) {
    var body = s.querySelector('.document-text-body'), b = doc.createElement('button');
    body.id = 'document-text-' + (i + 1);
    b.type = 'button';
    b.className = 'document-text-toggle';
    b.setAttribute('aria-controls', body.id);
    function set(open) {
      s.classList.toggle('collapsed', !open);
      b.setAttribute('aria-expanded', open);
      b.textContent = open ? 'Свернуть текст' : 'Показать текст полностью';
    }
    b.onclick = function () { set(s.classList.contains('collapsed')); };
    body.after(b);
    set(false);
  });
  /* Tables that turn into cards on a phone (class "stack"; tables of texts too, once they
     have their captions): a screen reader that stops taking a table for one when its
     display changes hears a table all the same (the roles), and a cell without a caption
     of its own takes its column's name. */
  doc.querySelectorAll('.prose table').forEach(function (table) { table.classList.add('stack'); });
  doc.querySelectorAll('table.stack').forEach(function (table) {
    var names = table.tHead ? Array.prototype.map.call(table.tHead.rows[0].cells, function (th) {
      return th.textContent.replace(/\s+/g, ' ').trim();
    }) : [];
    table.setAttribute('role', 'table');
    Array.prototype.forEach.call(table.querySelectorAll(':scope > thead, :scope > tbody'), function (group) {
      group.setAttribute('role', 'rowgroup');
    });
    Array.prototype.forEach.call(table.rows, function (row) {
      row.setAttribute('role', 'row');
      Array.prototype.forEach.call(row.cells, function (cell, column) {
        var header = cell.tagName === 'TH';
        cell.setAttribute('role', !header ? 'cell' : cell.getAttribute('scope') === 'row' ? 'rowheader' : 'columnheader');
        if (!header && !cell.hasAttribute('data-label') && names[column]) cell.setAttribute('data-label', names[column]);
      });
    });
  });

  doc.querySelectorAll('table[data-sortable]').forEach(function (table) {
    makeSortable(table);
    table.classList.add('sortable'); /* on a phone the buttons stay above the cards */
  });

  /* Menus (<details class="menu">): folded on a phone, open on a wider screen. The style
     sheet shows a wide screen's links by itself where the browser can; this keeps the
     element's state, which screen readers announce, in step, and opens it elsewhere. */
  var wide = window.matchMedia && window.matchMedia('(min-width: 48rem)');
  if (wide) {
    var menus = doc.querySelectorAll('details.menu');
    var fit = function () { menus.forEach(function (menu) { menu.open = wide.matches; }); };
    fit();
    if (wide.addEventListener) wide.addEventListener('change', fit);
    else if (wide.addListener) wide.addListener(fit);
  }

  /* Version for the visually impaired. The settings are classes on <html>, kept in
     localStorage; an inline script in <head> puts them back before the first paint.
     Each group: [name, legend, [[class suffix ('' = default), label, sample class]...]]. */
  var GROUPS = [
    ['size', 'Размер шрифта', [['', 'Обычный'], ['1', 'Крупный'], ['2', 'Очень крупный'], ['3', 'Огромный']]],
    ['scheme', 'Цвета', [['', 'Как на\u00a0сайте'], ['bw', 'Чёрным по\u00a0белому', 'vi-bw'], ['wb', 'Белым по\u00a0чёрному', 'vi-wb'],
      ['blue', 'Тёмно-синим по\u00a0голубому', 'vi-blue'], ['brown', 'Коричневым по\u00a0бежевому', 'vi-brown']]],
    ['img', 'Изображения', [['', 'Показывать'], ['off', 'Скрыть']]],
    ['ls', 'Интервал между буквами', [['', 'Обычный'], ['1', 'Увеличенный'], ['2', 'Большой']]],
    ['lh', 'Межстрочный интервал', [['', 'Обычный'], ['1', 'Полуторный'], ['2', 'Двойной']]],
    ['font', 'Шрифт', [['', 'Без засечек'], ['serif', 'С\u00a0засечками']]]
  ];

  function classOf(group, value) {
    if (!value) return '';
    if (group === 'img') return 'vi-noimg';
    if (group === 'font') return 'vi-serif';
    return 'vi-' + group + '-' + value;
  }

  function current(group) {
    var options = GROUPS.filter(function (g) { return g[0] === group; })[0][2];
    for (var i = 1; i < options.length; i++) {
      if (root.classList.contains(classOf(group, options[i][0]))) return options[i][0];
    }
    return '';
  }

  /* With images off, an image with a text alternative leaves its text in its place. */
  function showAlternatives(on) {
    doc.querySelectorAll('.vi-alt').forEach(function (span) { span.remove(); });
    if (!on) return;
    doc.querySelectorAll('main img[alt]').forEach(function (img) {
      if (!img.alt) return;
      var span = doc.createElement('span');
      span.className = 'vi-alt';
      span.setAttribute('aria-hidden', 'true'); /* the hidden image's alt is the text for screen readers */
      span.textContent = img.alt;
      img.insertAdjacentElement('afterend', span);
    });
  }

  function save() {
    var classes = root.className.split(/\s+/).filter(function (c) { return /^vi-/.test(c); });
    if (classes.length) classes.unshift('vi');
    root.className = classes.join(' ');
    try {
      if (classes.length) localStorage.setItem(KEY, root.className);
      else localStorage.removeItem(KEY);
    } catch (e) { /* private mode: the choice lasts for this page only */ }
  }

  function set(group, value) {
    GROUPS.forEach(function (g) {
      if (g[0] !== group) return;
      g[2].forEach(function (option) {
        var c = classOf(group, option[0]);
        if (c) root.classList.toggle(c, option[0] === value);
      });
    });
    save();
    if (group === 'img') showAlternatives(value === 'off');
  }

  var control = doc.getElementById('vi-control');
  if (control) {
    var panel = doc.createElement('div');
    panel.id = 'vi-panel';
    panel.className = 'vi-panel';
    panel.setAttribute('role', 'region');
    panel.setAttribute('aria-label', 'Настройки версии для слабовидящих');
    panel.hidden = true;
    var html = '<div class="wrap"><div class="vi-groups">';
    GROUPS.forEach(function (g) {
      html += '<fieldset><legend>' + g[1] + '</legend><div class="vi-options">';
      g[2].forEach(function (option) {
        html += '<label' + (option[2] ? ' class="' + option[2] + '"' : '') + '><input type="radio" name="vi-' + g[0] +
          '" value="' + option[0] + '"> ' + option[1] + '</label>';
      });
      html += '</div></fieldset>';
    });
    html += '</div><div class="vi-actions"><button type="button" class="button" data-vi="reset">Обычная версия сайта</button>' +
      '<button type="button" class="button" data-vi="close">Закрыть настройки</button>' +
      '<a href="' + control.getAttribute('href') + '">Как ещё увеличить текст и\u00a0изменить цвета</a></div></div>';
    panel.innerHTML = html;

    var button = doc.createElement('button');
    button.type = 'button';
    button.id = control.id;
    button.className = control.className;
    button.textContent = control.textContent;
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('aria-controls', panel.id);
    control.replaceWith(button);
    button.parentNode.insertAdjacentElement('afterend', panel);

    var sync = function () {
      panel.querySelectorAll('input').forEach(function (input) {
        input.checked = input.value === current(input.name.slice(3));
      });
    };
    var open = function (show) {
      panel.hidden = !show;
      button.setAttribute('aria-expanded', String(show));
      if (show) {
        sync();
        panel.querySelector('input:checked').focus();
      }
    };
    button.addEventListener('click', function () { open(panel.hidden); });
    panel.addEventListener('change', function (event) {
      set(event.target.name.slice(3), event.target.value);
    });
    panel.addEventListener('click', function (event) {
      var action = event.target.getAttribute('data-vi');
      if (action === 'reset') {
        GROUPS.forEach(function (g) { set(g[0], ''); });
        sync();
      } else if (action === 'close') {
        open(false);
        button.focus();
      }
    });
    doc.addEventListener('keydown', function (event) {
      if (event.key !== 'Escape' || panel.hidden) return;
      var inside = panel.contains(doc.activeElement);
      open(false);
      if (inside || doc.activeElement === button) button.focus();
    });
  }
  if (root.classList.contains('vi-noimg')) showAlternatives(true);
})();
