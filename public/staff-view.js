/* Bàn hỗ trợ (/staff), the building blocks the lists share: a conversation (transcript) with the reason
 * for the request, inline errors, buttons, counters, screen reader announcements, and keeping one DOM node
 * per handoff across updates. Citizen text stays text; only the bot's answers go through DVC.richText.
 * Plain ES2019; needs console-*.js and staff-state.js. */
(function (DVC) {
  'use strict';

  var $ = DVC.$, el = DVC.el, append = DVC.append, clear = DVC.clear, formatTime = DVC.formatTime;
  var desk = DVC.desk;

  var ROLE_LABEL = { citizen: 'Người dân', bot: 'Trợ lý', staff: 'Cán bộ', system: 'Hệ thống' };

  /** The short code staff and citizen use for a conversation: "Người dân 3FA9C1". */
  function shortId(h) {
    return String(h.sessionId || h.id || '').replace(/[^0-9a-zA-Z]/g, '').slice(0, 6).toUpperCase();
  }

  function announce(text) {
    var node = $('announce');
    node.textContent = '';
    window.setTimeout(function () {
      node.textContent = text;
    }, 50);
  }

  /** An empty, focusable transcript list (filled by showConversation). */
  function transcriptList(label) {
    var list = el('ol', 'transcript');
    list.setAttribute('aria-label', label);
    list.tabIndex = 0;
    return list;
  }

  /** <details> with a summary and node.list, a transcript list labelled label. */
  function foldedTranscript(node, label, summary, open) {
    node.list = transcriptList(label);
    var details = el('details');
    if (open) details.open = true;
    append(details, el('summary', null, summary), node.list);
    return details;
  }

  /**
   * Builds node.root, a queue or call-back item <li class=className>: a head of headParts, node.hint, node.reason,
   * the folded transcript (fold: [label, summary, open]), node.error and the actions with btn.
   */
  function handoffItem(node, className, headParts, fold, btn) {
    node.root = el('li', className);
    var head = append.apply(null, [el('div', 'item-head')].concat(headParts));
    node.hint = el('p', 'hint');
    node.reason = el('div');
    var details = foldedTranscript(node, fold[0], fold[1], fold[2]);
    node.error = inlineError();
    append(node.root, head, node.hint, node.reason, details, node.error, actions(btn));
    return node;
  }

  function renderTranscript(list, messages) {
    var nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    clear(list);
    if (!messages.length) append(list, el('li', 'msg system', 'Chưa có tin nhắn.'));
    messages.forEach(function (m) {
      var role = ROLE_LABEL[m.role] ? m.role : 'system';
      var li = el('li', 'msg ' + role);
      var who = ROLE_LABEL[role];
      if (role === 'staff' && m.name) who += ' ' + m.name;
      if (role === 'system') {
        // Events (request, taken, phone left…): one compact line.
        li.textContent = (m.at ? formatTime(m.at) + ' · ' : '') + String(m.text || '');
        list.appendChild(li);
        return;
      }
      var meta = el('span', 'meta', who + (m.at ? ' · ' + formatTime(m.at) : ''));
      li.appendChild(meta);
      // Citizen and staff text stays literal; the bot's answers are its markdown subset.
      if (role === 'bot') DVC.richText(li, m.text);
      else li.appendChild(document.createTextNode(String(m.text || '')));
      list.appendChild(li);
    });
    if (nearBottom || !list.dataset.filled) {
      list.scrollTop = list.scrollHeight;
      // A list built before it is in the page has no height yet: scroll once it is laid out.
      window.requestAnimationFrame(function () {
        list.scrollTop = list.scrollHeight;
      });
    }
    list.dataset.filled = '1';
  }

  function transcriptSig(messages) {
    var last = messages[messages.length - 1];
    return messages.length + '|' + (last ? last.at + last.text : '');
  }

  function reasonLine(h) {
    var p = el('p', 'reason');
    append(p, el('b', null, 'Lý do: '), h.reason ? String(h.reason) : 'Người dân muốn gặp cán bộ (không ghi lý do).');
    return p;
  }

  /** Fills node.reason and node.list for handoff h; the list is rebuilt only when the messages changed. */
  function showConversation(node, h, messages) {
    clear(node.reason);
    node.reason.appendChild(reasonLine(h));
    var sig = transcriptSig(messages);
    if (sig !== node.sig) {
      renderTranscript(node.list, messages);
      node.sig = sig;
    }
  }

  function inlineError() {
    var p = el('p', 'error');
    p.setAttribute('role', 'alert');
    p.hidden = true;
    return p;
  }

  function showError(node, message) {
    node.error.textContent = message;
    node.error.hidden = false;
  }

  /** <button type="button"> calling onClick. */
  function button(className, text, onClick) {
    var btn = el('button', className, text);
    btn.type = 'button';
    btn.addEventListener('click', onClick);
    return btn;
  }

  /** <div class="actions"> with the given buttons. */
  function actions() {
    var div = el('div', 'actions');
    append.apply(null, [div].concat(Array.prototype.slice.call(arguments)));
    return div;
  }

  /** Keeps one DOM node per key, in order, reusing nodes so focus and drafts survive updates. */
  function syncList(container, nodes, items, create, update) {
    var seen = {};
    items.forEach(function (item, index) {
      var key = String(item.id);
      seen[key] = true;
      var node = nodes[key];
      if (!node) node = nodes[key] = create(item);
      update(node, item);
      var at = container.children[index];
      if (at !== node.root) container.insertBefore(node.root, at || null);
    });
    Object.keys(nodes).forEach(function (key) {
      if (!seen[key]) {
        var root = nodes[key].root;
        if (root.parentNode) root.parentNode.removeChild(root);
        delete nodes[key];
      }
    });
  }

  function setCount(id, n) {
    var node = $(id);
    node.textContent = String(n);
    node.className = 'count' + (n ? '' : ' zero');
  }

  DVC.expose(desk, [shortId, announce, transcriptList, foldedTranscript, handoffItem, showConversation]);
  DVC.expose(desk, [inlineError, showError, button, actions, syncList, setCount]);
})(window.DVC);
