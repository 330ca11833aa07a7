/* Trang quản trị (/admin), the questions: the most asked, those the assistant could not answer (grouped, the
 * guidance to add) and the answers citizens disliked (grouped, with their comments).
 * Plain ES2019; needs console-*.js and admin-widgets.js. */
(function (DVC) {
  'use strict';

  var $ = DVC.$, el = DVC.el, append = DVC.append, clear = DVC.clear, arr = DVC.arr, num = DVC.num;
  var admin = DVC.admin;
  var badge = admin.badge;

  /** Fills the list listId with item(x) for each of items; emptyId is shown when there are none. */
  function fill(listId, emptyId, items, item) {
    var list = $(listId);
    clear(list);
    items.forEach(function (x) {
      list.appendChild(item(x));
    });
    $(emptyId).hidden = items.length > 0;
  }

  /** A group of similar questions: its example, quoted, and how often. */
  function groupItem(g, countText) {
    var li = el('li');
    append(li, el('q', null, String(g.example || '')), ' ', badge('bad', num(g.count) + countText));
    return li;
  }

  function textList(texts, quote) {
    var ul = el('ul');
    texts.forEach(function (t) {
      ul.appendChild(el('li', null, quote ? '“' + String(t) + '”' : String(t)));
    });
    return ul;
  }

  function topItem(q) {
    var li = el('li');
    append(li, String(q.question || ''), ' ', badge('neutral', num(q.count) + ' lần'));
    return li;
  }

  function unansweredItem(g) {
    var li = groupItem(g, ' lần');
    var questions = arr(g.questions);
    if (questions.length > 1 || (questions.length === 1 && questions[0] !== g.example)) {
      var details = el('details');
      append(details, el('summary', null, 'Các câu hỏi tương tự (' + questions.length + ')'), textList(questions, false));
      li.appendChild(details);
    }
    return li;
  }

  function downvotedItem(g) {
    var li = groupItem(g, ' lượt chê');
    var comments = arr(g.comments).filter(function (c) {
      return c && String(c).trim();
    });
    if (comments.length) {
      var ul = textList(comments, true);
      ul.setAttribute('aria-label', 'Góp ý của người dân');
      li.appendChild(ul);
    } else {
      li.appendChild(el('p', 'hint', 'Không có góp ý kèm theo.'));
    }
    return li;
  }

  /** data: the overview (/api/admin/overview). */
  admin.renderQuestions = function (data) {
    fill('top-questions', 'top-empty', arr(data.topQuestions), topItem);
    fill('unanswered', 'unanswered-empty', arr(data.unanswered), unansweredItem);
    fill('downvoted', 'downvoted-empty', arr(data.downvoted), downvotedItem);
  };
})(window.DVC);
