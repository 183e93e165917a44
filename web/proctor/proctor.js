// The proctor console: staff login, the day plan with each session's state and its start, pause,
// resume and end; a session's live roster (refreshed every 1.5 s) with per-participant extra time,
// unlock and absent/excluded marks; incidents; completion reports; lab readiness; the audit log.
//
// The server is the authority: it decides every state and enforces every role; this page shows
// what it says. Times are the server's (each answer's serverTime), shown in the site's time zone.
// Text from the server (names, notes, reasons, descriptions) only ever goes in as textContent.
//
// ES2017 at most: lab machines may run Chromium 69.
(function () {
  'use strict';

  var UI = window.KioskUI;
  var C = window.ProctorCommon;
  var $ = UI.$;
  var api = C.api;
  var announce = UI.announce;
  var bilingual = UI.bilingual;
  var element = UI.element;
  var setContent = UI.setContent;
  var setText = C.setText;

  var ROSTER_MS = 1500;     // the live roster
  var DAY_MS = 5000;        // the day plan (states and counts)
  var TICK_MS = 500;        // the clock, countdowns and "last seen"
  var STALE_SEEN_MS = 30000;
  var TABS = ['day', 'roster', 'incidents', 'report', 'lab', 'audit'];

  var me = null;            // { name, role }
  var site = null;
  var sessions = [];
  var sessionsById = {};
  var selectedId = null;    // the session the roster, incidents and report look at
  var currentTab = null;
  var dayTimer = 0;
  var rosterTimer = 0;
  var rosterLoading = false;

  function canAct() { return !!me && me.role !== 'inspector'; }

  function delivered(session) { return session && session.state !== 'not_delivered' && session.delivered !== false; }

  function encode(id) { return encodeURIComponent(id); }

  function sessionPath(id) { return '/sessions/' + encode(id); }

  function participantPath(sessionId, participantId) {
    return sessionPath(sessionId) + '/participants/' + encode(participantId);
  }

  function visible(node) { return !!node && node.offsetParent !== null && !node.disabled; }

  // A button busy with its request: it keeps the focus (a disabled button would lose it) and
  // ignores further presses until the answer.
  function setBusy(button, busy) {
    if (busy) { button.setAttribute('aria-disabled', 'true'); } else { button.removeAttribute('aria-disabled'); }
  }

  function busy(button) { return button.getAttribute('aria-disabled') === 'true'; }

  // ---- Screens -------------------------------------------------------------------------------

  var SCREENS = ['loading', 'login', 'console'];
  function showScreen(name) {
    SCREENS.forEach(function (screen) { $('screen-' + screen).hidden = screen !== name; });
    document.body.setAttribute('data-screen', name);
    var inside = name === 'console';
    $('clock').hidden = !inside;
    $('user').hidden = !inside;
    $('logout').hidden = !inside;
  }

  // A message above the panels: an error from an action taken outside a dialog, or a confirmation.
  var noticeTimer = 0;
  function showNotice(content, kind) {
    var notice = $('notice');
    window.clearTimeout(noticeTimer);
    if (!content) {
      notice.hidden = true;
      notice.textContent = '';
      return;
    }
    notice.className = 'notice ' + (kind || 'error');
    notice.setAttribute('role', kind === 'ok' ? 'status' : 'alert');
    setContent(notice, content);
    var close = element('button', 'small notice-close', bilingual('关闭', 'Dismiss'));
    close.type = 'button';
    close.addEventListener('click', function () { showNotice(null); });
    notice.appendChild(close);
    notice.hidden = false;
    if (kind === 'ok') { noticeTimer = window.setTimeout(function () { showNotice(null); }, 8000); }
  }

  function showError(error, what) {
    var content = document.createDocumentFragment();
    if (what) { content.appendChild(element('strong', null, what[0] + '：')); }
    content.appendChild(C.errorContent(error));
    showNotice(content, 'error');
  }

  // A login that ended (logged out elsewhere, expired, the account disabled): back to the form.
  function lostLogin(result) {
    if (result.status !== 401) { return false; }
    stopTimers();
    closeDialog(true);
    me = null;
    C.setCsrfToken(null);
    showLogin({ message: '登录已结束，请重新登录。', messageEn: 'Your login has ended. Please sign in again.' });
    return true;
  }

  // A panel's list from the server, given to `render`; a failure goes above the panels.
  function loadPanel(path, failure, render) {
    api('GET', path).then(function (result) {
      if (lostLogin(result)) { return; }
      if (!result.ok || !result.body) {
        showError(C.errorOf(result), failure);
        return;
      }
      render(result.body);
    });
  }

  // ---- Login ---------------------------------------------------------------------------------

  var loginForm = $('login-form');
  var loginName = $('login-name');
  var loginPassword = $('login-password');
  var loginButton = $('login-button');
  var loginError = $('login-error');
  var loginBusy = false;

  function showLoginError(error) {
    setContent(loginError, bilingual(error.message, error.messageEn));
    loginError.hidden = false;
  }

  function showLogin(error) {
    stopTimers();
    showNotice(null);
    showScreen('login');
    loginPassword.value = '';
    if (error) { showLoginError(error); } else { loginError.hidden = true; }
    if (loginName.value) { loginPassword.focus(); } else { loginName.focus(); }
  }

  loginForm.addEventListener('submit', function (event) {
    event.preventDefault();
    if (loginBusy) { return; }
    var name = loginName.value.trim();
    var password = loginPassword.value;
    if (!name) {
      showLoginError({ message: '请填写姓名。', messageEn: 'Enter your name.' });
      loginName.focus();
      return;
    }
    if (!password) {
      showLoginError({ message: '请填写密码。', messageEn: 'Enter your password.' });
      loginPassword.focus();
      return;
    }
    loginBusy = true;
    loginButton.disabled = true;
    loginError.hidden = true;
    api('POST', '/login', { name: name, password: password }).then(function (result) {
      loginBusy = false;
      loginButton.disabled = false;
      if (result.ok && result.body && result.body.staff) {
        loginPassword.value = '';
        enter(result.body);
        return;
      }
      var error = C.errorOf(result);
      if (result.status === 429) {
        var seconds = parseInt(result.headers && result.headers.get('Retry-After'), 10);
        if (!isNaN(seconds) && seconds > 0) {
          var minutes = Math.ceil(seconds / 60);
          error = {
            code: error.code,
            message: error.message + '（约 ' + minutes + ' 分钟后可再试）',
            messageEn: error.messageEn + ' (try again in about ' + minutes + ' min)'
          };
        }
      }
      showLoginError(error);
      loginPassword.select();
      loginPassword.focus();
    });
  });

  $('logout').addEventListener('click', function () {
    var button = $('logout');
    if (busy(button)) { return; }
    setBusy(button, true);
    api('POST', '/logout', {}).then(function () {
      setBusy(button, false);
      me = null;
      C.setCsrfToken(null);
      closeDialog(true);
      showLogin(null);
    });
  });

  // In: the header, the day plan, then the tab the address asks for.
  function enter(body) {
    me = body.staff;
    C.setCsrfToken(body.csrfToken);
    setText($('user-name'), me.name);
    var role = C.lookup(C.ROLES, me.role);
    setContent($('user-role'), bilingual(role[0], role[1]));
    $('user-role').setAttribute('data-role', me.role);
    document.body.setAttribute('data-role', me.role);
    document.body.classList.toggle('read-only', !canAct());
    $('day-readonly').hidden = canAct();
    $('incident-form').hidden = !canAct();
    $('incident-readonly').hidden = canAct();
    showScreen('console');
    renderClock();
    var route = parseHash();
    if (route.session) { selectedId = route.session; }
    loadDay().then(function () {
      selectTab(route.tab || 'day', false);
      var tab = $('tab-' + currentTab);
      if (tab) { tab.focus(); }
    });
    scheduleDay();
  }

  function stopTimers() {
    window.clearTimeout(dayTimer);
    window.clearTimeout(rosterTimer);
    dayTimer = 0;
    rosterTimer = 0;
  }

  // ---- Tabs ----------------------------------------------------------------------------------

  function parseHash() {
    var parts = (window.location.hash || '').replace(/^#/, '').split('/');
    var tab = TABS.indexOf(parts[0]) >= 0 ? parts[0] : null;
    var session = parts[1] ? decodeURIComponent(parts[1]) : null;
    return { tab: tab, session: session };
  }

  function writeHash() {
    var hash = '#' + currentTab + (selectedId ? '/' + encode(selectedId) : '');
    if (window.location.hash !== hash && window.history && history.replaceState) {
      history.replaceState(null, '', hash);
    }
  }

  function selectTab(name, focus) {
    currentTab = name;
    TABS.forEach(function (tab) {
      var button = $('tab-' + tab);
      var selected = tab === name;
      button.setAttribute('aria-selected', selected ? 'true' : 'false');
      button.tabIndex = selected ? 0 : -1;
      $('panel-' + tab).hidden = !selected;
    });
    if (focus) { $('tab-' + name).focus(); }
    writeHash();
    window.clearTimeout(rosterTimer);
    rosterTimer = 0;
    if (name === 'day') { renderDay(); }
    if (name === 'roster') { showRosterPanel(); }
    if (name === 'incidents') { showIncidentsPanel(); }
    if (name === 'report') { renderReports(); }
    if (name === 'lab') { loadLab(); }
    if (name === 'audit') { loadAudit(); }
  }

  var tabList = $('tabs');
  TABS.forEach(function (tab) {
    $('tab-' + tab).addEventListener('click', function () { selectTab(tab, true); });
  });
  tabList.addEventListener('keydown', function (event) {
    var index = TABS.indexOf(currentTab);
    var next = null;
    if (event.key === 'ArrowRight' || event.key === 'Right') { next = (index + 1) % TABS.length; }
    if (event.key === 'ArrowLeft' || event.key === 'Left') { next = (index - 1 + TABS.length) % TABS.length; }
    if (event.key === 'Home') { next = 0; }
    if (event.key === 'End') { next = TABS.length - 1; }
    if (next === null) { return; }
    event.preventDefault();
    selectTab(TABS[next], true);
  });

  // ---- The day plan --------------------------------------------------------------------------

  function scheduleDay() {
    window.clearTimeout(dayTimer);
    dayTimer = window.setTimeout(function () {
      loadDay().then(scheduleDay);
    }, DAY_MS);
  }

  function loadDay() {
    return api('GET', '/day').then(function (result) {
      if (lostLogin(result)) { return; }
      if (!result.ok || !result.body) {
        if (!sessions.length) { showError(C.errorOf(result), ['未能读取今日安排', 'Could not load the day plan']); }
        return;
      }
      site = result.body.site || null;
      if (site) {
        C.setTimeZone(site.timeZone);
        setContent($('site-name'), UI.localized(site.name));
        renderClock();
      }
      setSessions(result.body.sessions || []);
    });
  }

  function setSessions(list) {
    sessions = list;
    sessionsById = {};
    sessions.forEach(function (session) { sessionsById[session.id] = session; });
    if (!selectedId || !delivered(sessionsById[selectedId])) { selectedId = defaultSession(); }
    var dates = {};
    sessions.forEach(function (session) { if (session.date) { dates[session.date] = true; } });
    setText($('day-date'), Object.keys(dates).sort().join('、'));
    renderSessionSelects();
    renderDay();
    if (currentTab === 'report') { renderReports(); }
  }

  // The session a proctor most likely means: one running, else the next one, else the last.
  function defaultSession() {
    var list = sessions.filter(delivered);
    var rank = { open: 0, paused: 0, awaiting_start: 1, scheduled: 2 };
    var best = null;
    list.forEach(function (session) {
      var score = Object.prototype.hasOwnProperty.call(rank, session.state) ? rank[session.state] : 3;
      if (!best || score < best.score) { best = { score: score, id: session.id }; }
    });
    if (best && best.score < 3) { return best.id; }
    return list.length ? list[list.length - 1].id : null;
  }

  function replaceSession(session) {
    if (!session || !session.id) { return; }
    sessionsById[session.id] = session;
    sessions = sessions.map(function (old) { return old.id === session.id ? session : old; });
    if (roster.session && roster.session.id === session.id) { roster.session = session; }
    renderDay();
    renderRosterHead();
  }

  function countsText(counts) {
    if (!counts) { return null; }
    var box = element('div', 'counts');
    box.appendChild(element('div', 'counts-total', bilingual('应测 ' + (counts.sampled || 0), 'sampled')));
    var detail = element('div', 'counts-detail');
    C.STATUS_ORDER.forEach(function (status) {
      if (!counts[status]) { return; }
      var part = element('span', 'count count-' + status, C.STATUSES[status][0] + ' ' + counts[status]);
      part.title = C.STATUSES[status][1];
      detail.appendChild(part);
      detail.appendChild(document.createTextNode(' '));
    });
    if (detail.childNodes.length) { box.appendChild(detail); }
    return box;
  }

  // Start / pause / resume / end for one session, made once and updated in place (focus stays).
  function sessionActions(prefix) {
    var box = element('div', 'actions');
    var buttons = {};
    var current = null;
    [
      ['start', '开始', 'Start', 'primary'],
      ['unseal', '输入密钥', 'Enter key', 'primary'],
      ['pause', '暂停全场', 'Pause all', 'warn'],
      ['resume', '继续', 'Resume', 'primary'],
      ['end', '提前结束', 'End early', 'danger']
    ].forEach(function (spec) {
      var button = element('button', 'small ' + spec[3], bilingual(spec[1], spec[2]));
      button.type = 'button';
      button.id = prefix + '-' + spec[0];
      button.setAttribute('data-action', spec[0]);
      button.hidden = true;
      button.addEventListener('click', function () {
        if (current) { sessionAction(spec[0], current, box); }
      });
      box.appendChild(button);
      buttons[spec[0]] = button;
    });
    return {
      node: box,
      buttons: buttons,
      update: function (session) {
        current = session;
        var state = session ? session.state : null;
        var act = canAct() && delivered(session);
        buttons.start.hidden = !(act && (state === 'scheduled' || state === 'awaiting_start' ||
          (state === 'closed' && !session.startedAt)));
        // After a restart a sealed instrument is locked again: the running session needs the key.
        buttons.unseal.hidden = !(act && session.locked && (state === 'open' || state === 'paused'));
        buttons.pause.hidden = !(act && state === 'open');
        buttons.resume.hidden = !(act && state === 'paused');
        buttons.end.hidden = !(act && (state === 'open' || state === 'paused'));
      }
    };
  }

  // After an action the button pressed may be gone (暂停 becomes 继续): focus its successor.
  function refocus(box, preferred) {
    var active = document.activeElement;
    if (active && active !== document.body && visible(active) && !$('dialog').contains(active)) { return; }
    for (var i = 0; i < preferred.length; i++) {
      var button = box.querySelector('[data-action="' + preferred[i] + '"]');
      if (visible(button)) { button.focus(); return; }
    }
  }

  var FOLLOWS = { start: ['pause', 'end'], unseal: ['pause', 'resume', 'end'], pause: ['resume', 'end'], resume: ['pause', 'end'], end: ['monitor'] };

  function afterSessionAction(action, session, box, words) {
    replaceSession(session);
    var title = UI.plain(session.title);
    showNotice(bilingual(title + '：' + words[0], words[1]), 'ok');
    announce(title + '：' + words[0]);
    var row = box.parentNode && box.parentNode.parentNode;
    refocus(box, FOLLOWS[action]);
    if (document.activeElement === document.body && row) {
      var other = row.querySelector('button:not([hidden])');
      if (other) { other.focus(); }
    }
    if (currentTab === 'roster') { loadRoster(); }
  }

  function sessionAction(action, session, box) {
    showNotice(null);
    if (action === 'start') {
      if (session.locked) { keyDialog(session, box, true); } else { startSession(session, box, null); }
    }
    if (action === 'unseal') { keyDialog(session, box, false); }
    if (action === 'pause') { pauseDialog(session, box); }
    if (action === 'resume') { resumeSession(session, box); }
    if (action === 'end') { endDialog(session, box); }
  }

  function startSession(session, box, reason) {
    var button = box.querySelector('[data-action="start"]');
    if (busy(button)) { return; }
    setBusy(button, true);
    api('POST', sessionPath(session.id) + '/start', reason ? { reason: reason } : {}).then(function (result) {
      setBusy(button, false);
      if (lostLogin(result)) { return; }
      if (result.ok && result.body) {
        afterSessionAction('start', result.body, box, ['已开始', 'started']);
        return;
      }
      var error = C.errorOf(result);
      if (error.code === 'reason_required') {
        startReasonDialog(session, box, error, button);
        return;
      }
      showError(error, ['未能开始', 'Could not start']);
    });
  }

  function startReasonDialog(session, box, error, opener) {
    var body = document.createDocumentFragment();
    var explain = element('p', 'dialog-lead', bilingual(
      '现在不在“' + UI.plain(session.title) + '”的时间窗口（' + C.sessionWindow(session) + '）内。在窗口之外开始，需要写明理由，理由会记入操作日志。',
      'It is outside the session\'s window. Starting it now needs a written reason, which goes to the audit log.'));
    body.appendChild(explain);
    body.appendChild(element('p', 'dialog-server', C.errorContent(error)));
    reasonDialog('start', session, box, {
      title: bilingual('在时间窗口之外开始', 'Start outside the window'),
      body: body,
      confirm: bilingual('开始', 'Start'),
      kind: 'primary',
      placeholder: '例如：停电，推迟开始 · e.g. power cut, started late',
      required: ['请写明理由。', 'Write the reason.'],
      opener: opener,
      done: ['已开始', 'started']
    });
  }

  // The day's key for a sealed instrument: asked at the start (then the session starts), or for a
  // session already running after a restart. The key goes to the server only; nothing keeps it.
  function keyDialog(session, box, thenStart) {
    var body = document.createDocumentFragment();
    body.appendChild(element('p', 'dialog-lead', bilingual(
      thenStart
        ? '“' + UI.plain(session.title) + '”的问卷已加密。请输入监测中心下发的当日密钥，解密后场次即开始。'
        : '服务器重启后，“' + UI.plain(session.title) + '”的问卷重新加密，学生正在等待。请再次输入当日密钥。',
      thenStart
        ? 'The questionnaire is sealed. Type the day\'s key from the monitoring centre; the session starts once it unseals.'
        : 'The server restarted, so the questionnaire is sealed again and participants are waiting. Type the day\'s key again.')));
    var key = labelledField(body, 'input', 'seal-key', 'seal-key', bilingual('当日密钥', 'The day\'s key'));
    key.type = 'text';
    key.autocomplete = 'off';
    key.spellcheck = false;
    key.maxLength = 40;
    key.setAttribute('autocapitalize', 'characters');
    key.setAttribute('aria-describedby', 'seal-key-hint');
    key.setAttribute('aria-required', 'true');
    key.placeholder = 'XXXX-XXXX-XXXX-XXXX-XXXX';
    var hint = element('p', 'minor', bilingual('共 20 个字符，每 4 个一组；大小写、空格和短横线都可以不管。',
      '20 characters in groups of four; case, spaces and dashes do not matter.'));
    hint.id = 'seal-key-hint';
    body.appendChild(hint);
    var sessionURL = sessionPath(session.id);
    openDialog({
      title: bilingual((thenStart ? '开始并解密：' : '输入密钥：') + UI.plain(session.title),
        thenStart ? 'Unseal and start' : 'Enter the day\'s key'),
      body: body,
      confirm: { id: 'seal-confirm', content: thenStart ? bilingual('解密并开始', 'Unseal and start') : bilingual('解密', 'Unseal'), kind: 'primary' },
      focus: key,
      opener: box.querySelector('[data-action="' + (thenStart ? 'start' : 'unseal') + '"]'),
      validate: function () {
        var typed = key.value.replace(/[\s\-_.\u00B7\u2010-\u2015\u2212]/g, '');
        if (typed.length !== 20) {
          key.focus();
          return ['当日密钥应为 20 个字符（现在是 ' + typed.length + ' 个）。', 'The day\'s key has 20 characters (' + typed.length + ' typed).'];
        }
        return null;
      },
      submit: function () {
        var typed = key.value;
        return api('POST', sessionURL + '/unseal', { key: typed }).then(function (result) {
          if (!result.ok || !thenStart) { return result; }
          return api('POST', sessionURL + '/start', {}).then(function (started) {
            // Unsealed, but outside the window: the start needs a written reason, in its own dialog.
            var error = started.ok ? null : C.errorOf(started);
            if (error && error.code === 'reason_required') { return { ok: true, reasonNeeded: error }; }
            return started;
          });
        });
      },
      done: function (result) {
        if (result.reasonNeeded) {
          startReasonDialog(session, box, result.reasonNeeded, box.querySelector('[data-action="start"]'));
          return;
        }
        afterSessionAction(thenStart ? 'start' : 'unseal', result.body, box,
          thenStart ? ['已解密并开始', 'unsealed and started'] : ['已解密，学生可以继续作答', 'unsealed; participants carry on']);
      }
    });
  }

  function pauseDialog(session, box) {
    var body = document.createDocumentFragment();
    body.appendChild(element('p', 'dialog-lead', bilingual(
      '暂停后，所有学生的计时都会停止，暂时不能作答；继续后，每个人的截止时间顺延暂停的时长。',
      'Every participant\'s clock stops and answering is blocked; on resume every deadline moves by the pause.')));
    reasonDialog('pause', session, box, {
      title: bilingual('暂停全场：' + UI.plain(session.title), 'Pause the whole room'),
      body: body,
      confirm: bilingual('暂停全场', 'Pause all'),
      kind: 'warn',
      placeholder: '例如：停电 · e.g. power cut',
      done: ['已暂停全场', 'paused']
    });
  }

  function resumeSession(session, box) {
    var button = box.querySelector('[data-action="resume"]');
    if (busy(button)) { return; }
    setBusy(button, true);
    api('POST', sessionPath(session.id) + '/resume', {}).then(function (result) {
      setBusy(button, false);
      if (lostLogin(result)) { return; }
      if (result.ok && result.body) {
        afterSessionAction('resume', result.body, box, ['已继续，截止时间已顺延', 'resumed; deadlines moved']);
        return;
      }
      showError(C.errorOf(result), ['未能继续', 'Could not resume']);
    });
  }

  function endDialog(session, box) {
    var body = document.createDocumentFragment();
    body.appendChild(element('p', 'dialog-lead warn-text', bilingual(
      '提前结束后，仍在作答的学生按超时处理，任何人都不能再登录本场次。此操作不能撤销。',
      'Everyone still answering is closed as timed out and nobody can log in to it again. This cannot be undone.')));
    reasonDialog('end', session, box, {
      title: bilingual('提前结束：' + UI.plain(session.title), 'End the session early'),
      body: body,
      confirm: bilingual('提前结束', 'End now'),
      kind: 'danger',
      required: ['请写明提前结束的理由。', 'Write why the session ends early.'],
      done: ['已结束', 'ended']
    });
  }

  // A session action asked for in a dialog with a reason field below `options.body`; the reason
  // must be written when `options.required` (what to say otherwise) is given.
  function reasonDialog(action, session, box, options) {
    var reason = reasonField(options.body, action + '-reason', !!options.required, options.placeholder);
    openDialog({
      title: options.title,
      body: options.body,
      confirm: { id: action + '-confirm', content: options.confirm, kind: options.kind },
      focus: reason,
      opener: options.opener,
      validate: options.required ? function () { return requireText(reason, options.required); } : null,
      submit: function () {
        var text = reason.value.trim();
        return api('POST', sessionPath(session.id) + '/' + action, text ? { reason: text } : {});
      },
      done: function (result) { afterSessionAction(action, result.body, box, options.done); }
    });
  }

  var dayRows = {};
  var dayKey = null;

  function renderDay() {
    var body = $('day-body');
    var key = sessions.map(function (session) { return session.id; }).join('\n');
    if (key !== dayKey) {
      dayKey = key;
      dayRows = {};
      body.textContent = '';
      sessions.forEach(function (session) {
        var row = makeDayRow(session);
        dayRows[session.id] = row;
        body.appendChild(row.tr);
      });
    }
    $('day-empty').hidden = sessions.length > 0;
    sessions.forEach(function (session) { updateDayRow(dayRows[session.id], session); });
  }

  function makeDayRow(session) {
    var tr = element('tr');
    tr.id = 'day-' + session.id;
    tr.setAttribute('data-session', session.id);
    var row = { tr: tr, cells: {} };
    ['time', 'session', 'state', 'counts', 'actions'].forEach(function (name) {
      var cell = element('td', 'col-' + name);
      row.cells[name] = cell;
      tr.appendChild(cell);
    });
    row.actions = sessionActions('day-' + session.id);
    row.cells.actions.appendChild(row.actions.node);
    if (delivered(session)) {
      var monitor = element('button', 'small', bilingual('监控', 'Monitor'));
      monitor.type = 'button';
      monitor.id = 'day-' + session.id + '-monitor';
      monitor.setAttribute('data-action', 'monitor');
      monitor.addEventListener('click', function () {
        selectSession(session.id);
        selectTab('roster', true);
      });
      row.actions.node.appendChild(monitor);
    }
    return row;
  }

  function updateDayRow(row, session) {
    var isDelivered = delivered(session);
    row.tr.className = isDelivered ? 'state-' + session.state : 'not-delivered';
    row.tr.setAttribute('data-state', session.state);
    var key = JSON.stringify([session.start, session.end, session.closesAt, session.durationMinutes, session.title,
      session.proctorStart, session.practice, session.state, session.counts, isDelivered, session.sealed, session.locked]);
    if (row.key === key) { row.actions.update(session); return; }
    row.key = key;

    var time = element('div', 'window', C.sessionWindow(session));
    var timeBox = document.createDocumentFragment();
    timeBox.appendChild(time);
    if (session.end && session.closesAt && C.hhmm(session.closesAt) !== session.end && isDelivered) {
      var moved = element('div', 'moved', '顺延至 ' + C.hhmm(session.closesAt));
      moved.title = 'Now ends ' + C.hhmm(session.closesAt);
      timeBox.appendChild(moved);
    }
    if (session.durationMinutes) {
      var each = element('div', 'minor', '每人 ' + session.durationMinutes + ' 分钟');
      each.title = session.durationMinutes + ' min each';
      timeBox.appendChild(each);
    }
    setContent(row.cells.time, timeBox);

    var title = document.createDocumentFragment();
    title.appendChild(element('div', 'session-title', UI.localized(session.title)));
    var tags = element('div', 'tags');
    tags.appendChild(element('span', 'session-id', session.id));
    if (session.proctorStart && isDelivered) { tags.appendChild(element('span', 'tag', bilingual('监测员开始', 'proctor starts'))); }
    if (session.practice) { tags.appendChild(element('span', 'tag', bilingual('练习', 'practice'))); }
    if (session.sealed) {
      tags.appendChild(element('span', session.locked ? 'tag tag-locked' : 'tag',
        session.locked ? bilingual('已加密 · 待输入密钥', 'sealed: key needed') : bilingual('已解密', 'unsealed')));
    }
    title.appendChild(tags);
    setContent(row.cells.session, title);

    setContent(row.cells.state, C.badge('session', session.state, C.lookup(C.SESSION_STATES, session.state)));
    setContent(row.cells.counts, isDelivered ? countsText(session.counts) : element('span', 'minor', '—'));
    row.actions.update(session);
  }

  // ---- Sessions to choose from (roster, incidents) --------------------------------------------

  function sessionOptionText(session) {
    return C.sessionWindow(session) + '  ' + UI.plain(session.title);
  }

  function fillSelect(select, options, value) {
    var key = JSON.stringify(options);
    if (select.getAttribute('data-key') !== key) {
      select.setAttribute('data-key', key);
      select.textContent = '';
      options.forEach(function (option) {
        var node = element('option', null, option[1]);
        node.value = option[0];
        select.appendChild(node);
      });
    }
    if (value !== undefined && value !== null && select.value !== value) { select.value = value; }
  }

  function renderSessionSelects() {
    var options = sessions.filter(delivered).map(function (session) { return [session.id, sessionOptionText(session)]; });
    fillSelect($('roster-session'), options, selectedId || '');
    fillSelect($('incident-session'), options.concat([['', '全天（不属于某一场次） · The whole day']]), null);
    var filter = options.map(function (option) { return [option[0], '本场次：' + option[1]]; });
    fillSelect($('incident-filter'), filter.concat([['*', '全天所有事件 · Every incident today']]), null);
  }

  function selectSession(id) {
    if (id === selectedId) { return; }
    selectedId = id;
    $('roster-session').value = id || '';
    resetRoster();
    writeHash();
  }

  // ---- The live roster ------------------------------------------------------------------------

  var roster = { sessionId: null, session: null, participants: [], receivedAt: 0, serverTime: 0, rows: {}, key: null, error: null };

  function resetRoster() {
    roster = { sessionId: null, session: null, participants: [], receivedAt: 0, serverTime: 0, rows: {}, key: null, error: null };
    $('roster-body').textContent = '';
    $('roster-summary').textContent = '';
    $('roster-stale').hidden = true;
    fillSelect($('roster-class'), [['', '全部班级 · All classes']], '');
    renderRosterHead();
  }

  $('roster-session').addEventListener('change', function () {
    selectSession(this.value);
    loadRoster();
  });

  $('roster-class').addEventListener('change', function () { renderRoster(); });

  var rosterActions = sessionActions('roster');
  $('roster-actions').appendChild(rosterActions.node);

  function showRosterPanel() {
    if (roster.sessionId !== selectedId) { resetRoster(); }
    $('roster-session').value = selectedId || '';
    renderRosterHead();
    loadRoster();
  }

  function scheduleRoster() {
    window.clearTimeout(rosterTimer);
    if (currentTab !== 'roster' || !me) { return; }
    rosterTimer = window.setTimeout(loadRoster, ROSTER_MS);
  }

  function loadRoster() {
    var id = selectedId;
    if (!id) {
      $('roster-empty').hidden = false;
      setContent($('roster-empty'), bilingual('今天没有由本机施测的场次。', 'No session is delivered here today.'));
      return;
    }
    if (rosterLoading) { return; }
    rosterLoading = true;
    window.clearTimeout(rosterTimer);
    api('GET', sessionPath(id) + '/roster').then(function (result) {
      rosterLoading = false;
      if (lostLogin(result)) { return; }
      if (id !== selectedId) { loadRoster(); return; }
      if (!result.ok || !result.body) {
        var error = C.errorOf(result);
        var stale = $('roster-stale');
        var when = roster.receivedAt ? C.hhmmss(roster.serverTime) : '';
        setContent(stale, bilingual('未能刷新：' + error.message + (when ? '（显示的是 ' + when + ' 的情况）' : ''),
          'Could not refresh: ' + error.messageEn));
        stale.hidden = false;
        scheduleRoster();
        return;
      }
      $('roster-stale').hidden = true;
      roster.sessionId = id;
      roster.session = result.body.session || sessionsById[id] || null;
      roster.participants = result.body.participants || [];
      roster.receivedAt = UI.now();
      roster.serverTime = typeof result.body.serverTime === 'number' ? result.body.serverTime : C.serverNow();
      if (result.body.session) {
        sessionsById[id] = result.body.session;
        sessions = sessions.map(function (old) { return old.id === id ? result.body.session : old; });
        renderDay();
      }
      renderRosterHead();
      renderRoster();
      scheduleRoster();
    });
  }

  function renderRosterHead() {
    var session = roster.session && roster.session.id === selectedId ? roster.session : sessionsById[selectedId];
    var state = $('roster-state');
    if (!session) {
      state.textContent = '';
      setText($('roster-meta'), '');
      rosterActions.update(null);
      return;
    }
    var key = session.state;
    if (state.getAttribute('data-state') !== key) {
      state.setAttribute('data-state', key);
      setContent(state, C.badge('session', key, C.lookup(C.SESSION_STATES, key)));
    }
    rosterActions.update(session);
    var meta = '时间窗口 ' + C.sessionWindow(session);
    if (session.closesAt) { meta += ' · 结束于 ' + C.hhmm(session.closesAt); }
    if (session.durationMinutes) { meta += ' · 每人 ' + session.durationMinutes + ' 分钟'; }
    if (session.startedAt) { meta += ' · 开始于 ' + C.hhmm(session.startedAt); }
    if (session.state === 'paused' && session.pausedAt) { meta += ' · 暂停于 ' + C.hhmm(session.pausedAt); }
    if (session.pausedMs) { meta += ' · 累计暂停 ' + Math.round(session.pausedMs / 60000) + ' 分钟'; }
    setText($('roster-meta'), meta);
  }

  function classesOf(participants) {
    var seen = {};
    var list = [];
    participants.forEach(function (p) {
      var name = p.className || '';
      if (name && !seen[name]) { seen[name] = true; list.push(name); }
    });
    return list;
  }

  function renderRoster() {
    var participants = roster.participants;
    var classSelect = $('roster-class');
    var chosen = classSelect.value;
    fillSelect(classSelect, [['', '全部班级 · All classes']].concat(classesOf(participants).map(function (name) { return [name, name]; })), null);
    if (chosen && classesOf(participants).indexOf(chosen) >= 0) { classSelect.value = chosen; } else { classSelect.value = ''; }
    var filter = classSelect.value;

    var body = $('roster-body');
    var key = roster.sessionId + '\n' + participants.map(function (p) { return p.id; }).join('\n');
    if (key !== roster.key) {
      roster.key = key;
      roster.rows = {};
      body.textContent = '';
      participants.forEach(function (p) {
        var row = makeRosterRow(p);
        roster.rows[p.id] = row;
        body.appendChild(row.tr);
      });
    }
    var counts = {};
    var shown = 0;
    participants.forEach(function (p) {
      var row = roster.rows[p.id];
      row.data = p;
      row.tr.hidden = !!filter && p.className !== filter;
      if (!row.tr.hidden) {
        shown += 1;
        counts[p.status] = (counts[p.status] || 0) + 1;
      }
      updateRosterRow(row, p);
    });
    var empty = $('roster-empty');
    empty.hidden = participants.length > 0;
    if (!participants.length) { setContent(empty, bilingual('这个场次的名单上没有人。', 'Nobody is on this session\'s roster.')); }
    renderSummary(counts, shown);
    tickRoster();
  }

  function renderSummary(counts, total) {
    var list = $('roster-summary');
    var key = JSON.stringify([counts, total]);
    if (list.getAttribute('data-key') === key) { return; }
    list.setAttribute('data-key', key);
    list.textContent = '';
    var all = element('li', 'summary-total');
    all.appendChild(element('span', 'summary-label', bilingual('共', 'total')));
    all.appendChild(element('span', 'summary-count', String(total)));
    list.appendChild(all);
    C.STATUS_ORDER.forEach(function (status) {
      var item = element('li', 'summary-' + status + (counts[status] ? '' : ' zero'));
      item.setAttribute('data-status', status);
      item.appendChild(element('span', 'summary-label', C.STATUSES[status][0]));
      item.title = C.STATUSES[status][1];
      item.appendChild(element('span', 'summary-count', String(counts[status] || 0)));
      list.appendChild(item);
    });
  }

  function makeRosterRow(p) {
    var tr = element('tr');
    tr.id = 'p-' + p.id;
    tr.setAttribute('data-id', p.id);
    var row = { tr: tr, cells: {}, parts: {} };
    ['who', 'class', 'status', 'page', 'progress', 'left', 'seen', 'machine', 'extra', 'row-actions'].forEach(function (name) {
      var cell = element(name === 'who' ? 'th' : 'td', 'col-' + name);
      if (name === 'who') { cell.scope = 'row'; }
      row.cells[name] = cell;
      tr.appendChild(cell);
    });
    row.parts.id = element('span', 'pid');
    row.parts.name = element('span', 'pname');
    row.cells.who.appendChild(row.parts.id);
    row.cells.who.appendChild(document.createTextNode(' '));
    row.cells.who.appendChild(row.parts.name);

    row.parts.badge = element('span', 'badge-slot');
    row.parts.mark = element('span', 'mark-note');
    row.cells.status.appendChild(row.parts.badge);
    row.cells.status.appendChild(row.parts.mark);

    var track = element('span', 'bar-track');
    row.parts.bar = element('span', 'bar-fill');
    track.appendChild(row.parts.bar);
    track.setAttribute('aria-hidden', 'true');
    row.parts.share = element('span', 'bar-text');
    row.cells.progress.appendChild(track);
    row.cells.progress.appendChild(row.parts.share);

    row.parts.label = element('span', 'machine-label');
    row.cells.machine.appendChild(row.parts.label);

    var button = element('button', 'small row-button', '操作');
    button.type = 'button';
    button.id = 'act-' + p.id;
    button.setAttribute('aria-haspopup', 'dialog');
    button.addEventListener('click', function () { participantMenu(row.data); });
    row.button = button;
    row.cells['row-actions'].appendChild(button);
    return row;
  }

  function updateRosterRow(row, p) {
    var tr = row.tr;
    tr.setAttribute('data-status', p.status);
    tr.className = 'row-' + p.status;
    setText(row.parts.id, p.id);
    setText(row.parts.name, p.name);
    setText(row.cells['class'], p.className || '');
    if (row.parts.badge.getAttribute('data-status') !== p.status) {
      row.parts.badge.setAttribute('data-status', p.status);
      setContent(row.parts.badge, C.badge('status', p.status, C.lookup(C.STATUSES, p.status)));
    }
    var mark = p.mark;
    setText(row.parts.mark, mark ? C.reasonWords(mark.kind, mark.reason)[0] + (mark.note ? '：' + mark.note : '') : '');
    row.parts.mark.title = mark && mark.note ? mark.note : '';
    var hasPage = typeof p.page === 'number' && typeof p.pages === 'number' && p.pages > 0;
    setText(row.cells.page, hasPage ? p.page + ' / ' + p.pages : '—');
    var hasShare = hasPage && typeof p.answered === 'number' && typeof p.answerable === 'number' && p.answerable > 0;
    var share = hasShare ? Math.min(100, Math.round(p.answered * 100 / p.answerable)) : 0;
    var width = share + '%';
    if (row.parts.bar.style.width !== width) { row.parts.bar.style.width = width; }
    row.cells.progress.classList.toggle('none', !hasShare);
    setText(row.parts.share, hasShare ? p.answered + '/' + p.answerable + ' · ' + share + '%' : '—');
    var machine = p.machine || {};
    setText(row.parts.label, machine.label || machine.address || '—');
    row.parts.label.classList.toggle('address', !machine.label && !!machine.address);
    row.cells.machine.title = machine.label && machine.address ? machine.label + ' · ' + machine.address : (machine.address || '');
    setText(row.cells.extra, p.extraMinutes ? '+' + p.extraMinutes + ' 分' : '');
    row.button.setAttribute('aria-label', '操作：' + p.id + ' ' + (p.name || '') + ' · Actions');
    row.button.hidden = !canAct();
  }

  // Between refreshes: the time left counts down (not while paused), "last seen" counts up.
  function remainingOf(p) {
    if (typeof p.remainingMs !== 'number') { return null; }
    var session = roster.session;
    var running = p.status === 'answering' && !(session && session.state === 'paused');
    return Math.max(0, p.remainingMs - (running ? UI.now() - roster.receivedAt : 0));
  }

  function seenText(ms) {
    var seconds = Math.max(0, Math.floor(ms / 1000));
    if (seconds < 60) { return seconds + ' 秒前'; }
    if (seconds < 3600) { return Math.floor(seconds / 60) + ' 分钟前'; }
    return null;
  }

  function tickRoster() {
    if (!roster.sessionId) { return; }
    var serverNowMs = roster.serverTime + (UI.now() - roster.receivedAt);
    roster.participants.forEach(function (p) {
      var row = roster.rows[p.id];
      if (!row || row.tr.hidden) { return; }
      var remaining = remainingOf(p);
      var finished = p.status === 'submitted' || p.status === 'timed_out' || p.status === 'absent' || p.status === 'excluded' || p.status === 'closed';
      var shown = remaining !== null && !finished;
      setText(row.cells.left, shown ? UI.duration(remaining) : '—');
      row.cells.left.classList.toggle('frozen', shown && (p.status === 'paused' || (!!roster.session && roster.session.state === 'paused')));
      row.cells.left.classList.toggle('low', shown && remaining < 5 * 60000);
      if (typeof p.lastSeenAt === 'number') {
        var ago = serverNowMs - p.lastSeenAt;
        setText(row.cells.seen, seenText(ago) || C.hhmm(p.lastSeenAt));
        row.cells.seen.classList.toggle('late', ago > STALE_SEEN_MS && (p.status === 'answering' || p.status === 'waiting'));
      } else {
        setText(row.cells.seen, '—');
        row.cells.seen.classList.remove('late');
      }
    });
  }

  // ---- Per-participant actions -----------------------------------------------------------------

  function participantTitle(p) { return p.name + '（' + p.id + '）'; }

  function participantMenu(p) {
    if (!canAct() || !p) { return; }
    var session = roster.session || sessionsById[selectedId];
    var body = document.createDocumentFragment();
    var facts = element('dl', 'facts-list');
    function fact(zh, en, value) {
      facts.appendChild(element('dt', null, bilingual(zh, en)));
      facts.appendChild(element('dd', null, value));
    }
    var status = C.lookup(C.STATUSES, p.status);
    fact('状态', 'Status', status[0]);
    fact('班级', 'Class', p.className || '—');
    var remaining = remainingOf(p);
    if (remaining !== null) { fact('剩余时间', 'Time left', UI.duration(remaining)); }
    if (p.extraMinutes) { fact('已加时', 'Extra time', p.extraMinutes + ' 分钟'); }
    if (p.machine && (p.machine.label || p.machine.address)) {
      fact('机位', 'Machine', [p.machine.label, p.machine.address].filter(Boolean).join(' · '));
    }
    if (p.mark) {
      fact(p.mark.kind === 'excluded' ? '免测' : '缺考', p.mark.kind === 'excluded' ? 'Excluded' : 'Absent',
        C.reasonWords(p.mark.kind, p.mark.reason)[0] + (p.mark.note ? '：' + p.mark.note : ''));
    }
    body.appendChild(facts);

    var finished = p.status === 'submitted';
    var ended = session && (session.state === 'ended');
    var actions = element('div', 'menu-actions');
    var options = [];
    if (!p.mark && !finished && !ended && p.status !== 'not_logged_in') {
      options.push(['extra', '延长时间', 'Extra time', function () { extraTimeDialog(p); }]);
    }
    if (!p.mark && !finished && p.status !== 'not_logged_in' && p.status !== 'closed') {
      options.push(['unlock', '解锁换机', 'Unlock for another computer', function () { unlockDialog(p); }]);
    }
    if (!p.mark && (p.status === 'not_logged_in' || p.status === 'waiting' || p.status === 'closed')) {
      options.push(['mark', '标记缺考 / 免测', 'Mark absent or excluded', function () { markDialog(p); }]);
    }
    if (p.mark) {
      options.push(['clear', '清除标记', 'Clear the mark', function () { clearMarkDialog(p); }]);
    }
    options.forEach(function (option) {
      var button = element('button', 'menu-button', bilingual(option[1], option[2]));
      button.type = 'button';
      button.id = 'menu-' + option[0];
      button.addEventListener('click', option[3]);
      actions.appendChild(button);
    });
    if (!options.length) {
      actions.appendChild(element('p', 'minor', bilingual('此人现在没有可做的操作。', 'Nothing can be done for this participant now.')));
    }
    body.appendChild(actions);
    openDialog({
      title: bilingual(participantTitle(p), ''),
      body: body,
      cancelLabel: bilingual('关闭', 'Close'),
      focus: actions.querySelector('button')
    });
  }

  function afterParticipantAction(words) {
    showNotice(bilingual(words[0], words[1]), 'ok');
    announce(words[0]);
    loadRoster();
  }

  function extraTimeDialog(p) {
    var body = document.createDocumentFragment();
    body.appendChild(element('p', 'dialog-lead', bilingual(
      '截止时间顺延所加的分钟数。已超时的学生，如新的截止时间还没到，可以继续作答。',
      'The deadline moves by the minutes given; a participant who timed out may carry on while the new deadline is ahead.')));
    var minutes = labelledField(body, 'input', 'extra-minutes', 'minutes', bilingual('加时（分钟，1–240）', 'Minutes, 1–240'));
    minutes.inputMode = 'numeric';
    minutes.maxLength = 3;
    minutes.autocomplete = 'off';
    minutes.value = '5';
    var reason = reasonField(body, 'extra-reason', true, '例如：电脑死机，换机 · e.g. the computer froze');
    openDialog({
      title: bilingual('延长时间：' + participantTitle(p), 'Extra time'),
      body: body,
      confirm: { id: 'extra-confirm', content: bilingual('延长', 'Add time'), kind: 'primary' },
      focus: minutes,
      validate: function () {
        var value = parseInt(minutes.value.replace(/[\uFF10-\uFF19]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xFEE0); }), 10);
        if (!/^\s*\S+\s*$/.test(minutes.value) || isNaN(value) || value < 1 || value > 240) {
          minutes.focus();
          return ['请填写 1 到 240 之间的整数。', 'Enter a whole number from 1 to 240.'];
        }
        minutes.value = String(value);
        return requireText(reason, ['请写明加时的理由。', 'Write the reason for the extra time.']);
      },
      submit: function () {
        return api('POST', participantPath(selectedId, p.id) + '/extra-time', { minutes: parseInt(minutes.value, 10), reason: reason.value.trim() });
      },
      done: function () {
        afterParticipantAction([participantTitle(p) + ' 已加时 ' + minutes.value + ' 分钟', 'extra time given']);
      }
    });
  }

  function unlockDialog(p) {
    var body = document.createDocumentFragment();
    body.appendChild(element('p', 'dialog-lead', bilingual(
      '解锁后，' + p.name + ' 在原来电脑上的登录立即失效；请让他/她在另一台电脑上用同一编号和访问码重新登录，已答内容全部保留。',
      'The login on the old computer ends at once; the participant signs in again on another computer with the same ID and code and finds every answer.')));
    var reason = reasonField(body, 'unlock-reason', false, '例如：电脑死机 · e.g. the computer froze');
    openDialog({
      title: bilingual('解锁换机：' + participantTitle(p), 'Unlock for another computer'),
      body: body,
      confirm: { id: 'unlock-confirm', content: bilingual('解锁', 'Unlock'), kind: 'primary' },
      focus: reason,
      submit: function () {
        var text = reason.value.trim();
        return api('POST', participantPath(selectedId, p.id) + '/unlock', text ? { reason: text } : {});
      },
      done: function () {
        afterParticipantAction([participantTitle(p) + ' 已解锁，可在另一台电脑上重新登录', 'unlocked']);
      }
    });
  }

  function markDialog(p) {
    var body = document.createDocumentFragment();
    var kinds = element('fieldset', 'radio-row');
    kinds.appendChild(element('legend', null, bilingual('标记为', 'Mark as')));
    var kindInputs = {};
    [['absent', '缺考', 'Absent'], ['excluded', '免测', 'Excluded']].forEach(function (spec, index) {
      var label = element('label', 'radio');
      var input = document.createElement('input');
      input.type = 'radio';
      input.name = 'mark-kind';
      input.value = spec[0];
      input.id = 'mark-kind-' + spec[0];
      input.checked = index === 0;
      label.htmlFor = input.id;
      label.appendChild(input);
      label.appendChild(element('span', null, bilingual(spec[1], spec[2])));
      kinds.appendChild(label);
      kindInputs[spec[0]] = input;
    });
    body.appendChild(kinds);
    var reason = labelledField(body, 'select', 'mark-reason', 'wide', bilingual('原因', 'Reason'));
    var note = labelledField(body, 'textarea', 'mark-note', 'wide', bilingual('说明（原因为“其他”时必填）', 'Note (required for "other")'));
    note.rows = 2;
    note.maxLength = 500;
    function kind() { return kindInputs.excluded.checked ? 'excluded' : 'absent'; }
    function fillReasons() {
      reason.textContent = '';
      C.MARK_REASONS[kind()].forEach(function (spec) {
        var option = element('option', null, spec[1] + ' · ' + spec[2]);
        option.value = spec[0];
        reason.appendChild(option);
      });
    }
    fillReasons();
    Object.keys(kindInputs).forEach(function (name) { kindInputs[name].addEventListener('change', fillReasons); });
    openDialog({
      title: bilingual('标记缺考 / 免测：' + participantTitle(p), 'Mark absent or excluded'),
      body: body,
      confirm: { id: 'mark-confirm', content: bilingual('标记', 'Mark'), kind: 'primary' },
      focus: kindInputs.absent,
      validate: function () {
        if (reason.value === 'other') { return requireText(note, ['原因为“其他”时请写明说明。', 'Write a note when the reason is "other".']); }
        return null;
      },
      submit: function () {
        var payload = { kind: kind(), reason: reason.value };
        var text = note.value.trim();
        if (text) { payload.note = text; }
        return api('PUT', participantPath(selectedId, p.id) + '/mark', payload);
      },
      done: function () {
        var words = kind() === 'excluded' ? ['免测', 'excluded'] : ['缺考', 'absent'];
        afterParticipantAction([participantTitle(p) + ' 已标记为' + words[0], 'marked ' + words[1]]);
      }
    });
  }

  function clearMarkDialog(p) {
    var body = document.createDocumentFragment();
    var kind = p.mark && p.mark.kind === 'excluded' ? ['免测', 'excluded'] : ['缺考', 'absent'];
    body.appendChild(element('p', 'dialog-lead', bilingual(
      '清除 ' + p.name + ' 的' + kind[0] + '标记后，他/她可以登录作答（例如迟到的学生）。',
      'Clearing the ' + kind[1] + ' mark lets the participant log in (a late arrival, say).')));
    openDialog({
      title: bilingual('清除标记：' + participantTitle(p), 'Clear the mark'),
      body: body,
      confirm: { id: 'clear-confirm', content: bilingual('清除标记', 'Clear'), kind: 'primary' },
      submit: function () { return api('DELETE', participantPath(selectedId, p.id) + '/mark'); },
      done: function () { afterParticipantAction([participantTitle(p) + ' 的标记已清除', 'mark cleared']); }
    });
  }

  // ---- Dialogs: one at a time, focus trapped, Esc cancels, focus goes back where it was ---------

  var dialog = $('dialog');
  var dialogCard = $('dialog-card');
  var dialogError = $('dialog-error');
  var current = null;   // { spec, opener, busy }

  // A label and the field it names, added to `container`; the field is returned.
  function labelledField(container, tag, id, className, label) {
    var labelNode = element('label', null, label);
    labelNode.htmlFor = id;
    container.appendChild(labelNode);
    var field = document.createElement(tag);
    field.id = id;
    field.className = className;
    container.appendChild(field);
    return field;
  }

  function reasonField(container, id, required, placeholder) {
    var field = labelledField(container, 'textarea', id, 'wide',
      bilingual(required ? '理由（必填）' : '理由（可不填）', required ? 'Reason (required)' : 'Reason (optional)'));
    field.rows = 3;
    field.maxLength = 2000;
    if (placeholder) { field.placeholder = placeholder; }
    if (required) { field.setAttribute('aria-required', 'true'); }
    return field;
  }

  function requireText(field, words) {
    if (field.value.trim()) { return null; }
    field.focus();
    return words;
  }

  function openDialog(spec) {
    var opener = current ? current.opener : (spec.opener || document.activeElement);
    current = { spec: spec, opener: opener, busy: false };
    setContent($('dialog-title'), spec.title);
    setContent($('dialog-body'), spec.body);
    dialogError.hidden = true;
    dialogError.textContent = '';
    var buttons = $('dialog-buttons');
    buttons.textContent = '';
    var cancel = element('button', null, spec.cancelLabel || bilingual('取消', 'Cancel'));
    cancel.type = 'button';
    cancel.id = 'dialog-cancel';
    cancel.addEventListener('click', function () { closeDialog(); });
    buttons.appendChild(cancel);
    if (spec.confirm) {
      var confirm = element('button', spec.confirm.kind || 'primary', spec.confirm.content);
      confirm.type = 'submit';
      confirm.id = spec.confirm.id || 'dialog-confirm';
      buttons.appendChild(confirm);
    }
    dialog.hidden = false;
    $('app').setAttribute('aria-hidden', 'true');
    var first = spec.focus || (spec.confirm ? cancel : cancel);
    first.focus();
  }

  // `keepFocus`: the caller moves focus itself.
  function closeDialog(keepFocus) {
    if (dialog.hidden) { return; }
    var opener = current && current.opener;
    dialog.hidden = true;
    current = null;
    $('app').removeAttribute('aria-hidden');
    $('dialog-body').textContent = '';
    if (!keepFocus && opener && document.body.contains(opener) && visible(opener)) { opener.focus(); }
  }

  function showDialogError(words) {
    setContent(dialogError, bilingual(words[0], words[1]));
    dialogError.hidden = false;
  }

  dialogCard.addEventListener('submit', function (event) {
    event.preventDefault();
    if (!current || current.busy || !current.spec.submit) { return; }
    var spec = current.spec;
    dialogError.hidden = true;
    var problem = spec.validate ? spec.validate() : null;
    if (problem) {
      showDialogError(problem);
      return;
    }
    var state = current;
    state.busy = true;
    var confirm = $('dialog-buttons').querySelector('button[type="submit"]');
    if (confirm) { setBusy(confirm, true); }
    spec.submit().then(function (result) {
      state.busy = false;
      if (confirm) { setBusy(confirm, false); }
      if (current !== state) { return; }
      if (lostLogin(result)) { return; }
      if (result.ok) {
        closeDialog();
        if (spec.done) { spec.done(result); }
        return;
      }
      var error = C.errorOf(result);
      showDialogError([error.message, error.messageEn]);
      if (confirm) { confirm.focus(); }
    });
  });

  // A message about what was typed goes once the typing changes.
  dialogCard.addEventListener('input', function () { dialogError.hidden = true; });
  dialogCard.addEventListener('change', function () { dialogError.hidden = true; });

  UI.trapFocus(dialog, dialogCard, function () {
    if (!current || !current.busy) { closeDialog(); }
  });

  // ---- Incidents -----------------------------------------------------------------------------

  var incidentKind = $('incident-kind');
  C.INCIDENT_KINDS.forEach(function (spec) {
    var option = element('option', null, spec[1] + ' · ' + spec[2]);
    option.value = spec[0];
    incidentKind.appendChild(option);
  });

  var incidentTime = $('incident-time');
  var timeEdited = false;
  incidentTime.addEventListener('input', function () { timeEdited = true; });

  var pickRoster = { sessionId: undefined, participants: [] };

  function showIncidentsPanel() {
    var filter = $('incident-filter');
    if (selectedId && filter.querySelector('option[value="' + selectedId + '"]')) { filter.value = selectedId; }
    var form = $('incident-session');
    if (!form.getAttribute('data-touched')) { form.value = selectedId || ''; }
    if (!timeEdited) { incidentTime.value = C.hhmm(C.serverNow()); }
    loadPickList();
    loadIncidents();
  }

  $('incident-filter').addEventListener('change', loadIncidents);

  $('incident-session').addEventListener('change', function () {
    this.setAttribute('data-touched', '1');
    loadPickList();
  });

  function loadIncidents() {
    var filter = $('incident-filter').value;
    var path = '/incidents' + (filter && filter !== '*' ? '?session=' + encode(filter) : '');
    loadPanel(path, ['未能读取应急事件', 'Could not load the incidents'], function (body) {
      renderIncidents(body.incidents || []);
    });
  }

  function sessionLabel(id) {
    if (!id) { return '全天'; }
    var session = sessionsById[id];
    return session ? UI.plain(session.title) : id;
  }

  function renderIncidents(list) {
    var body = $('incident-body');
    body.textContent = '';
    $('incident-empty').hidden = list.length > 0;
    $('incident-table').hidden = list.length === 0;
    var today = C.dateText(C.serverNow());
    list.forEach(function (incident) {
      var tr = element('tr');
      tr.setAttribute('data-incident', String(incident.id));
      var when = element('td', 'col-when');
      when.appendChild(element('div', 'strong', C.hhmm(incident.occurredAt)));
      if (C.dateText(incident.occurredAt) !== today) { when.appendChild(element('div', 'minor', C.dateText(incident.occurredAt))); }
      tr.appendChild(when);
      var kind = element('td', 'col-kind');
      var words = C.incidentKindWords(incident.kind);
      kind.appendChild(element('div', 'strong', words[0]));
      kind.appendChild(element('div', 'minor', sessionLabel(incident.sessionId)));
      tr.appendChild(kind);
      var people = incident.participants || [];
      tr.appendChild(element('td', 'col-who-list', people.length ? people.join('、') : '—'));
      var text = element('td', 'col-text');
      text.appendChild(element('div', 'free-text incident-description', incident.description || ''));
      var action = element('div', 'free-text incident-action');
      action.appendChild(element('span', 'label', '处理：'));
      action.appendChild(document.createTextNode(incident.action || ''));
      text.appendChild(action);
      tr.appendChild(text);
      var by = element('td', 'col-by');
      by.appendChild(element('div', null, incident.recordedBy || ''));
      if (incident.recordedAt) { by.appendChild(element('div', 'minor', C.hhmm(incident.recordedAt))); }
      tr.appendChild(by);
      body.appendChild(tr);
    });
  }

  // The roster of the incident's session, as checkboxes.
  function loadPickList() {
    var id = $('incident-session').value;
    var list = $('incident-pick-list');
    if (pickRoster.sessionId === id) { return; }
    pickRoster = { sessionId: id, participants: [] };
    list.textContent = '';
    if (!id) {
      list.appendChild(element('p', 'minor', bilingual('全天事件：请在下面输入涉及学生的编号。', 'A day-wide incident: type the IDs below.')));
      return;
    }
    api('GET', sessionPath(id) + '/roster').then(function (result) {
      if (lostLogin(result) || pickRoster.sessionId !== id) { return; }
      if (!result.ok || !result.body) {
        list.appendChild(element('p', 'error', C.errorContent(C.errorOf(result))));
        return;
      }
      pickRoster.participants = result.body.participants || [];
      pickRoster.participants.forEach(function (p) {
        var label = element('label', 'pick-item');
        var box = document.createElement('input');
        box.type = 'checkbox';
        box.value = p.id;
        box.id = 'pick-' + p.id;
        label.htmlFor = box.id;
        label.appendChild(box);
        label.appendChild(element('span', 'pick-id', p.id));
        label.appendChild(element('span', 'pick-name', p.name || ''));
        list.appendChild(label);
      });
      if (!pickRoster.participants.length) {
        list.appendChild(element('p', 'minor', bilingual('名单为空。', 'The roster is empty.')));
      }
    });
  }

  function typedIds() {
    var known = {};
    pickRoster.participants.forEach(function (p) { known[p.id.toUpperCase()] = p.id; });
    return $('incident-ids').value.split(/[\s,，、;；]+/).filter(Boolean).map(function (id) {
      return known[id.toUpperCase()] || id;
    });
  }

  // HH:MM (full-width digits and colon welcome) on the server's date, as an instant.
  function occurredAt() {
    var text = incidentTime.value.replace(/[\uFF10-\uFF19\uFF1A]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xFEE0); }).trim();
    var match = /^(\d{1,2})[:.](\d{2})$/.exec(text) || /^(\d{2})(\d{2})$/.exec(text);
    if (!match) { return null; }
    var hour = parseInt(match[1], 10);
    var minute = parseInt(match[2], 10);
    if (hour > 23 || minute > 59) { return null; }
    var today = C.zoned(C.serverNow());
    return C.instantOf(today.year, today.month, today.day, hour, minute);
  }

  function incidentError(words) {
    var node = $('incident-error');
    setContent(node, bilingual(words[0], words[1]));
    node.hidden = false;
  }

  $('incident-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var errorNode = $('incident-error');
    var done = $('incident-done');
    errorNode.hidden = true;
    done.hidden = true;
    var at = occurredAt();
    if (at === null) {
      incidentError(['时间请写成 HH:MM，例如 14:05。', 'Write the time as HH:MM, e.g. 14:05.']);
      incidentTime.focus();
      return;
    }
    var description = $('incident-description');
    var action = $('incident-action');
    if (!description.value.trim()) {
      incidentError(['请填写情况描述。', 'Describe what happened.']);
      description.focus();
      return;
    }
    if (!action.value.trim()) {
      incidentError(['请填写处理措施。', 'Write the action taken.']);
      action.focus();
      return;
    }
    var ids = [];
    var seen = {};
    Array.prototype.forEach.call($('incident-pick-list').querySelectorAll('input:checked'), function (box) { ids.push(box.value); });
    ids = ids.concat(typedIds()).filter(function (id) {
      var key = id.toUpperCase();
      if (seen[key]) { return false; }
      seen[key] = true;
      return true;
    });
    var payload = {
      sessionId: $('incident-session').value || null,
      kind: incidentKind.value,
      occurredAt: at,
      participants: ids,
      description: description.value.trim(),
      action: action.value.trim()
    };
    var button = $('incident-submit');
    if (busy(button)) { return; }
    setBusy(button, true);
    api('POST', '/incidents', payload).then(function (result) {
      setBusy(button, false);
      if (lostLogin(result)) { return; }
      if (!result.ok || !result.body) {
        var error = C.errorOf(result);
        incidentError([error.message, error.messageEn]);
        return;
      }
      var incident = result.body;
      var words = C.incidentKindWords(incident.kind);
      setContent(done, bilingual('已记录：' + C.hhmm(incident.occurredAt) + ' ' + words[0] + '（记录人：' + (incident.recordedBy || '') + '，' +
        C.hhmm(incident.recordedAt || C.serverNow()) + '）', 'Recorded by ' + (incident.recordedBy || '')));
      done.hidden = false;
      description.value = '';
      action.value = '';
      $('incident-ids').value = '';
      Array.prototype.forEach.call($('incident-pick-list').querySelectorAll('input:checked'), function (box) { box.checked = false; });
      timeEdited = false;
      incidentTime.value = C.hhmm(C.serverNow());
      announce('应急事件已记录');
      loadIncidents();
    });
  });

  // ---- Completion reports ---------------------------------------------------------------------

  // Rebuilt from scratch, with focus put back on the element of the same id.
  function rebuild(container, build) {
    var active = document.activeElement;
    var focusedId = active && container.contains(active) ? active.id : null;
    container.textContent = '';
    build(container);
    if (focusedId && $(focusedId)) { $(focusedId).focus(); }
  }

  var reportsKey = null;
  function renderReports() {
    var list = sessions.filter(delivered);
    var key = JSON.stringify(list.map(function (s) { return [s.id, s.state, s.counts]; }));
    if (key === reportsKey && $('report-body').children.length) { return; }
    reportsKey = key;
    rebuild($('report-body'), function (body) {
      list.forEach(function (session) {
        var counts = session.counts || {};
        var tr = element('tr');
        tr.setAttribute('data-session', session.id);
        var title = element('td');
        title.appendChild(element('div', 'session-title', UI.localized(session.title)));
        title.appendChild(element('div', 'minor', C.sessionWindow(session) + ' · ' + session.id));
        tr.appendChild(title);
        var state = element('td');
        state.appendChild(C.badge('session', session.state, C.lookup(C.SESSION_STATES, session.state)));
        tr.appendChild(state);
        tr.appendChild(element('td', 'num', String(counts.sampled || 0)));
        tr.appendChild(element('td', 'num', String(counts.submitted || 0)));
        tr.appendChild(element('td', 'num', (counts.absent || 0) + ' / ' + (counts.excluded || 0)));
        var link = element('a', 'button-link', bilingual('打开报告', 'Open report'));
        link.href = '/proctor/report.html?session=' + encode(session.id);
        link.target = '_blank';
        link.rel = 'noopener';
        link.id = 'report-link-' + session.id;
        var cell = element('td');
        cell.appendChild(link);
        tr.appendChild(cell);
        if (session.id === selectedId) { tr.className = 'selected'; }
        body.appendChild(tr);
      });
    });
  }

  // ---- Lab readiness ---------------------------------------------------------------------------

  $('lab-refresh').addEventListener('click', loadLab);

  function loadLab() {
    loadPanel('/lab-checks', ['未能读取机房检测结果', 'Could not load the readiness reports'], function (body) {
      renderLab(body.machines || []);
    });
  }

  function renderLab(machines) {
    machines = machines.slice().sort(function (a, b) {
      if (a.passed !== b.passed) { return a.passed ? -1 : 1; }
      return String(a.machine).localeCompare(String(b.machine), 'zh-CN', { numeric: true });
    });
    var passed = machines.filter(function (m) { return m.passed; }).length;
    setContent($('lab-summary'), bilingual('共 ' + machines.length + ' 台，通过 ' + passed + ' 台，未通过 ' + (machines.length - passed) + ' 台。',
      machines.length + ' machines: ' + passed + ' ready, ' + (machines.length - passed) + ' not ready.'));
    $('lab-empty').hidden = machines.length > 0;
    rebuild($('lab-body'), function (body) {
      machines.forEach(function (m) {
        var tr = element('tr', m.passed ? 'passed' : 'failed');
        tr.setAttribute('data-machine', m.machine);
        var name = element('th');
        name.scope = 'row';
        name.appendChild(element('div', 'strong', m.machine));
        name.appendChild(element('div', 'minor', m.clientAddress || ''));
        tr.appendChild(name);
        var result = element('td');
        result.appendChild(C.badge('lab', m.passed ? 'passed' : 'failed', m.passed ? ['✔ 通过', 'Ready'] : ['✘ 未通过', 'Not ready']));
        tr.appendChild(result);
        tr.appendChild(element('td', 'num', m.screenWidth + '×' + m.screenHeight));
        tr.appendChild(element('td', 'num', m.roundTripMs + ' ms'));
        var offset = typeof m.clockOffsetMs === 'number' ? (m.clockOffsetMs >= 0 ? '+' : '') + (m.clockOffsetMs / 1000).toFixed(1) + ' s' : '';
        tr.appendChild(element('td', 'num', offset));
        tr.appendChild(element('td', null, m.storageWorks ? '可用' : '不可用'));
        var problems = element('td', 'problems-cell');
        (m.problems || []).forEach(function (code) {
          var words = C.lookup(C.LAB_PROBLEMS, code);
          problems.appendChild(element('div', 'problem', bilingual(words[0], words[1])));
        });
        if (!(m.problems || []).length) { problems.appendChild(element('span', 'minor', '—')); }
        tr.appendChild(problems);
        var when = element('td', 'minor');
        if (m.receivedAt) {
          when.appendChild(element('div', null, C.hhmm(m.receivedAt)));
          when.appendChild(element('div', null, C.dateText(m.receivedAt)));
        }
        tr.appendChild(when);
        body.appendChild(tr);
      });
    });
  }

  // ---- Audit log --------------------------------------------------------------------------------

  $('audit-refresh').addEventListener('click', loadAudit);

  var AUDIT_ACTIONS = {
    'staff.login': ['登录', 'Login'],
    'staff.logout': ['退出', 'Logout'],
    'session.start': ['开始场次', 'Start'],
    'session.pause': ['暂停全场', 'Pause'],
    'session.resume': ['继续', 'Resume'],
    'session.end': ['提前结束', 'End early'],
    'participant.extra_time': ['延长时间', 'Extra time'],
    'participant.unlock': ['解锁换机', 'Unlock'],
    'participant.mark': ['标记缺考/免测', 'Mark'],
    'participant.unmark': ['清除标记', 'Clear mark'],
    'participant.clear_mark': ['清除标记', 'Clear mark'],
    'incident.record': ['记录应急事件', 'Incident'],
    'staff.add': ['新增工作人员账号', 'Staff account added'],
    'staff.password': ['更改密码', 'Password changed'],
    'staff.disable': ['停用账号', 'Account disabled'],
    'codes.issue': ['生成访问码', 'Access codes issued'],
    'codes.reissue': ['重新生成全部访问码', 'Access codes reissued'],
    'bundle.install': ['载入数据包', 'Bundle loaded'],
    'instrument.replace': ['更换问卷', 'Instrument replaced'],
    'instrument.remove': ['删除问卷', 'Instrument removed'],
    'roster.add': ['名单新增', 'Roster: added'],
    'roster.remove': ['名单删除', 'Roster: removed'],
    'roster.change': ['名单修改', 'Roster: changed']
  };

  function auditWords(action) {
    if (Object.prototype.hasOwnProperty.call(AUDIT_ACTIONS, action)) { return AUDIT_ACTIONS[action]; }
    var normal = String(action || '').replace(/[-_ ]/g, '.').toLowerCase();
    var keys = Object.keys(AUDIT_ACTIONS);
    for (var i = 0; i < keys.length; i++) {
      if (keys[i].replace(/_/g, '.') === normal) { return AUDIT_ACTIONS[keys[i]]; }
    }
    return null;
  }

  // { "minutes": "5", "session": "G4-Q1" } as "minutes: 5 · session: G4-Q1".
  function detailText(detail) {
    if (detail === null || detail === undefined || detail === '') { return ''; }
    if (typeof detail !== 'object') { return String(detail); }
    return Object.keys(detail).map(function (key) {
      var value = detail[key];
      return key + ': ' + (value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value));
    }).join(' · ');
  }

  function loadAudit() {
    loadPanel('/audit?limit=200', ['未能读取操作日志', 'Could not load the audit log'], function (body) {
      renderAudit(body.entries || []);
    });
  }

  function renderAudit(entries) {
    $('audit-empty').hidden = entries.length > 0;
    var today = C.dateText(C.serverNow());
    rebuild($('audit-body'), function (body) {
      entries.forEach(function (entry) {
        var tr = element('tr');
        tr.setAttribute('data-action', entry.action || '');
        var when = element('td', 'col-when');
        when.appendChild(element('div', null, C.hhmmss(entry.at)));
        if (C.dateText(entry.at) !== today) { when.appendChild(element('div', 'minor', C.dateText(entry.at))); }
        tr.appendChild(when);
        tr.appendChild(element('td', 'col-actor', entry.actor || ''));
        var action = element('td', 'col-action');
        var words = auditWords(entry.action);
        if (words) { action.appendChild(element('div', null, words[0])); }
        action.appendChild(element('div', 'minor code', entry.action || ''));
        tr.appendChild(action);
        tr.appendChild(element('td', 'col-subject free-text', entry.subject || ''));
        var reason = element('td', 'col-reason');
        if (entry.reason) { reason.appendChild(element('div', 'free-text audit-reason', entry.reason)); }
        var detail = detailText(entry.detail);
        if (detail) { reason.appendChild(element('div', 'minor free-text audit-detail', detail)); }
        tr.appendChild(reason);
        body.appendChild(tr);
      });
    });
  }

  // ---- The clock ---------------------------------------------------------------------------------

  function renderClock() { setText($('clock-value'), C.hhmmss(C.serverNow())); }

  window.setInterval(function () {
    if (!me) { return; }
    renderClock();
    if (currentTab === 'roster') { tickRoster(); }
  }, TICK_MS);

  // ---- Start: a login this browser already holds? ------------------------------------------------

  api('GET', '/me').then(function (result) {
    if (result.ok && result.body && result.body.staff) {
      enter(result.body);
      return;
    }
    if (result.status === 401 || result.status === 404 || result.status === 403) {
      showLogin(null);
      return;
    }
    setContent($('loading-text'), C.errorContent(C.errorOf(result)));
    window.setTimeout(function () { window.location.reload(); }, 5000);
  });
}());
