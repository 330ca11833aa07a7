/* Bàn hỗ trợ (/staff), the desk's model: the handoff lists from the server (waiting, taken, call-backs),
 * the messages kept locally until the server's transcript has them, and what changed between two snapshots
 * (announced to screen readers). First of the staff-*.js files: it creates DVC.desk, which they share.
 * Plain ES2019; needs console-dom.js, console-format.js and console-session.js. */
(function (DVC) {
  'use strict';

  var arr = DVC.arr, parseTime = DVC.parseTime, session = DVC.session;

  var desk = (DVC.desk = {});
  var state = (desk.state = {
    waiting: [],
    taken: [],
    callbacks: [],
    snapshotAt: 0,
    extras: {}, // handoffId -> messages received or sent since the last snapshot
    knownWaiting: null, // ids seen in the previous snapshot (null before the first)
    myIds: null,
    lastChatId: null,
  });
  /** handoffId -> the DOM node of its item, per list (see render in staff.js). */
  desk.nodes = { chats: {}, queue: {}, callbacks: {}, others: {} };

  function isMine(h) {
    var u = session.user;
    return !!u && (h.takenBy === u.username || (!!u.name && h.takenBy === u.name));
  }

  function byCreated(a, b) {
    return (parseTime(a.createdAt) || 0) - (parseTime(b.createdAt) || 0);
  }

  function applySnapshot(waiting, taken, callbacks) {
    state.snapshotAt = Date.now();
    state.waiting = arr(waiting).slice().sort(byCreated);
    state.taken = arr(taken).slice().sort(byCreated);
    state.callbacks = arr(callbacks).slice().sort(byCreated);

    // Drop the locally kept messages the server now has in its transcript.
    var extras = {};
    state.taken.forEach(function (h) {
      var local = state.extras[h.id];
      if (!local || !local.length) return;
      var transcript = arr(h.transcript);
      var used = [];
      var lastServerAt = 0;
      transcript.forEach(function (m) {
        lastServerAt = Math.max(lastServerAt, parseTime(m.at) || 0);
      });
      var keep = local.filter(function (m) {
        for (var i = transcript.length - 1; i >= 0; i--) {
          if (!used[i] && transcript[i].role === m.role && transcript[i].text === m.text) {
            used[i] = true;
            return false;
          }
        }
        // Citizen messages carry the server's time: if the server has later messages, it has this one too.
        return !(m.role === 'citizen' && (parseTime(m.at) || 0) <= lastServerAt);
      });
      if (keep.length) extras[h.id] = keep;
    });
    state.extras = extras;

    // Announcements: new citizens waiting, own conversations closed elsewhere.
    var waitingIds = {};
    var newcomers = 0;
    state.waiting.forEach(function (h) {
      waitingIds[h.id] = true;
      if (state.knownWaiting && !state.knownWaiting[h.id]) newcomers++;
    });
    var myIds = {};
    state.taken.forEach(function (h) {
      if (isMine(h)) myIds[h.id] = true;
    });
    if (newcomers) desk.announce(newcomers === 1 ? 'Có một người dân mới đang chờ hỗ trợ.' : 'Có ' + newcomers + ' người dân mới đang chờ hỗ trợ.');
    if (state.myIds) {
      Object.keys(state.myIds).forEach(function (id) {
        if (!myIds[id]) desk.announce('Một cuộc trò chuyện của anh/chị đã kết thúc.');
      });
    }
    state.knownWaiting = waitingIds;
    state.myIds = myIds;
    desk.render();
  }

  /** One handoff as the server now has it (after take or close). */
  function upsertHandoff(h) {
    function without(list) {
      return list.filter(function (x) {
        return String(x.id) !== String(h.id);
      });
    }
    state.waiting = without(state.waiting);
    state.taken = without(state.taken);
    if (h.state === 'waiting') state.waiting = state.waiting.concat([h]).sort(byCreated);
    if (h.state === 'taken') state.taken = state.taken.concat([h]).sort(byCreated);
    if (h.state === 'closed') state.callbacks = without(state.callbacks);
    else {
      state.callbacks = state.callbacks.map(function (x) {
        return String(x.id) === String(h.id) ? h : x;
      });
    }
    if (state.myIds) {
      if (h.state === 'taken' && isMine(h)) state.myIds[h.id] = true;
      else delete state.myIds[h.id];
    }
    if (state.knownWaiting && h.state !== 'waiting') delete state.knownWaiting[h.id];
    desk.render();
  }

  /** Keeps a message sent or received live until a snapshot's transcript has it. */
  function keepMessage(id, message) {
    var list = state.extras[id] || (state.extras[id] = []);
    list.push(message);
  }

  function transcriptOf(h) {
    return arr(h.transcript).concat(state.extras[h.id] || []);
  }

  /** Forgets the lists (on logout). */
  function resetState() {
    state.waiting = [];
    state.taken = [];
    state.callbacks = [];
    state.extras = {};
  }

  DVC.expose(desk, [isMine, applySnapshot, upsertHandoff, keepMessage, transcriptOf, resetState]);
})(window.DVC);
