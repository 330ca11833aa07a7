/* Bàn hỗ trợ (/staff), knowledge search: finds guidance passages (/api/search) and puts one, as plain text
 * with its source, into the reply box of the current chat. Plain ES2019; needs console-*.js,
 * staff-state.js, staff-view.js and staff-chats.js. */
(function (DVC) {
  'use strict';

  var $ = DVC.$, el = DVC.el, append = DVC.append, clear = DVC.clear, arr = DVC.arr, safeUrl = DVC.safeUrl;
  var desk = DVC.desk;

  var lastPassages = [];

  function onSearch(ev) {
    ev.preventDefault();
    var q = $('search-q').value.trim();
    var status = $('search-status');
    if (!q) {
      status.textContent = 'Nhập từ khóa cần tìm, ví dụ “đổi bằng lái xe”.';
      $('search-q').focus();
      return;
    }
    var btn = $('search-submit');
    btn.disabled = true;
    status.textContent = 'Đang tìm…';
    DVC.api('GET', '/api/search?q=' + encodeURIComponent(q) + '&k=5')
      .then(function (data) {
        var passages = arr(data && data.passages);
        lastPassages = passages;
        renderPassages(passages);
        if (!passages.length) status.textContent = 'Không tìm thấy đoạn hướng dẫn nào cho “' + q + '”.';
        else
          status.textContent =
            'Tìm thấy ' + passages.length + ' đoạn hướng dẫn.' +
            (data.grounded === false ? ' Không có đoạn nào khớp rõ với câu hỏi, anh/chị kiểm tra kỹ trước khi dùng.' : '');
      })
      .catch(function (e) {
        status.textContent = 'Không tìm được: ' + e.message;
      })
      .then(function () {
        btn.disabled = false;
      });
  }

  function renderPassages(passages) {
    var list = $('passages');
    clear(list);
    passages.forEach(function (p, index) {
      var li = el('li', 'passage');
      var score = typeof p.score === 'number' ? p.score.toFixed(2) : String(p.score || '');
      var badge = el('span', 'score', 'điểm ' + score);
      badge.title = 'Độ liên quan';
      var h = el('h3');
      var href = safeUrl(p.url);
      if (href) {
        h.appendChild(append(DVC.externalLink(String(p.title || p.id || 'Hướng dẫn'), href), el('span', 'sr-only', ' (mở trong thẻ mới)')));
      } else {
        h.textContent = String(p.title || p.id || 'Hướng dẫn');
      }
      var section = el('p', 'section', p.section ? 'Mục: ' + p.section : '');
      var text = el('p', 'text');
      DVC.richText(text, p.text);
      var insert = desk.button('btn btn-secondary btn-small insert', 'Đưa vào ô trả lời', function () {
        insertPassage(lastPassages[index]);
      });
      insert.setAttribute('aria-label', 'Đưa đoạn “' + String(p.title || '') + '” vào ô trả lời');
      append(li, badge, h, section, text, desk.actions(insert));
      list.appendChild(li);
    });
    updateInsertButtons();
  }

  /** "Đưa vào ô trả lời" is shown only while there is a chat to put the passage in. */
  function updateInsertButtons() {
    var has = !!desk.targetChat();
    var buttons = $('passages').querySelectorAll('button.insert');
    for (var i = 0; i < buttons.length; i++) buttons[i].hidden = !has;
  }

  function insertPassage(p) {
    var chat = desk.targetChat();
    if (!chat || !p) return;
    var plain = String(p.text || '')
      .replace(/\*\*([^*]+?)\*\*/g, '$1')
      .replace(/^\s{0,3}#{1,6}\s+/gm, '')
      .replace(/^(\s*)[-*+]\s+/gm, '$1• ')
      .trim();
    var parts = [plain];
    var href = safeUrl(p.url);
    parts.push('Nguồn: ' + String(p.title || '') + (href ? ' – ' + href : ''));
    var current = chat.textarea.value.trim();
    chat.textarea.value = ((current ? current + '\n\n' : '') + parts.join('\n')).slice(0, desk.MAX_STAFF_MESSAGE);
    chat.textarea.focus();
  }

  DVC.expose(desk, [onSearch, updateInsertButtons]);
})(window.DVC);
