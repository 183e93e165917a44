// The participant's page: login, waiting, answering one page at a time, autosave with an offline
// queue, countdown from the server's clock, submit, time-is-up.
//
// The server is the authority: it decides the state and the time left; this page only shows them.
// Every change is queued in order (persisted in localStorage, keyed by participant and session) and
// sent as PUT batches one at a time; what the server has not acknowledged survives a reload.
//
// ES2017 at most: lab machines may run Chromium 69.
(function () {
  'use strict';

  var API = '/api/v1';
  var POLL_WAITING_MS = 3000;     // waiting / paused: how often to ask whether the session opened
  var STATUS_POLL_MS = 3000;      // open: how often to ask the light status (a pause, a resume, extra time)
  var DEADLINE_POLL_MS = 2000;    // at 0: how often to ask until the server says the time is up
  var ENDED_POLL_MS = 15000;      // time is up: whether a proctor gave extra time
  var TEXT_DEBOUNCE_MS = 400;     // typing: how long to wait before queueing
  var MAX_BATCH = 50;
  var BACKOFF_MS = [1000, 2000, 4000, 8000, 10000];
  var WARN_BELOW_MS = 5 * 60 * 1000;
  var TEXT_SIZE_KEY = 'kiosk.largeText';
  var IDENTITY_KEY = 'kiosk.identity';

  // The helpers every page shares: web/shared/ui.js.
  var UI = window.KioskUI;
  var $ = UI.$;
  var now = UI.now;
  var pad = UI.pad;
  var bilingual = UI.bilingual;
  var localized = UI.localized;
  var plain = UI.plain;
  var element = UI.element;
  var setContent = UI.setContent;
  var announce = UI.announce;

  // ---- Small helpers -------------------------------------------------------------------------

  function store(key, value) {
    try {
      if (value === null) { window.localStorage.removeItem(key); } else { window.localStorage.setItem(key, JSON.stringify(value)); }
      return true;
    } catch (e) {
      return false;
    }
  }

  function load(key) {
    try {
      var text = window.localStorage.getItem(key);
      return text ? JSON.parse(text) : null;
    } catch (e) {
      return null;
    }
  }

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  function isAnswered(value) {
    return value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
  }

  function sameValue(a, b) {
    return JSON.stringify(isAnswered(a) ? a : null) === JSON.stringify(isAnswered(b) ? b : null);
  }

  function clockTime(ms) {
    var date = new Date(ms);
    return pad(date.getHours()) + ':' + pad(date.getMinutes());
  }

  // Full-width digits and punctuation from a Chinese input method, read as their ASCII forms.
  function halfWidth(text) {
    return text.replace(/[\uFF01-\uFF5E]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xFEE0);
    }).replace(/\u3002/g, '.');
  }

  function codePointLength(text) { return Array.from(text).length; }

  // Scrolls a node into view below the sticky top bar.
  function reveal(node) {
    var bar = $('topbar');
    var top = node.getBoundingClientRect().top + window.pageYOffset - (bar ? bar.offsetHeight : 0) - 12;
    window.scrollTo(0, Math.max(0, top));
  }

  // ---- The server ----------------------------------------------------------------------------

  // Never throws: status 0 is a network failure (server down, timeout).
  function api(method, path, body) { return UI.requestJson(method, API + path, body); }

  function errorOf(result) {
    var error = result.body && result.body.error;
    if (error && error.message) { return error; }
    if (result.status === 0) {
      return { code: 'network', message: '无法连接到服务器，请稍后再试。', messageEn: 'Cannot reach the server. Please try again shortly.' };
    }
    return { code: 'http_' + result.status, message: '服务器出错（' + result.status + '），请举手告诉监测员。', messageEn: 'Server error (' + result.status + '). Raise your hand to tell the proctor.' };
  }

  // ---- Larger text ---------------------------------------------------------------------------

  var textSizeButton = $('text-size');
  function applyTextSize(large) {
    document.documentElement.classList.toggle('large-text', large);
    textSizeButton.setAttribute('aria-pressed', large ? 'true' : 'false');
    textSizeButton.textContent = large ? 'A−' : 'A+';
    textSizeButton.title = large ? '恢复字体大小 · Normal text' : '放大字体 · Larger text';
  }
  textSizeButton.addEventListener('click', function () {
    var large = !document.documentElement.classList.contains('large-text');
    store(TEXT_SIZE_KEY, large);
    applyTextSize(large);
  });
  applyTextSize(load(TEXT_SIZE_KEY) === true);

  // ---- Screens -------------------------------------------------------------------------------

  var SCREENS = ['loading', 'login', 'waiting', 'answering', 'submitted', 'timeup'];
  var currentScreen = 'loading';
  function showScreen(name) {
    SCREENS.forEach(function (screen) { $('screen-' + screen).hidden = screen !== name; });
    document.body.setAttribute('data-screen', name);
    var changed = currentScreen !== name;
    currentScreen = name;
    $('save-status').hidden = name !== 'answering';
    if (name !== 'answering') { $('timer').hidden = true; }
    return changed;
  }

  function setTopbarTitle(content) { setContent($('topbar-title'), content); }

  // ---- Identity: who is logged in on this browser (for the queue's key and the titles) --------

  var identity = load(IDENTITY_KEY);  // { participant: {...}, session: {...} }

  function queueKey() {
    var participant = identity && identity.participant ? identity.participant.id : '_';
    var session = identity && identity.session ? identity.session.id : '_';
    return 'kiosk.queue.' + participant + '.' + session;
  }
  function seqKey() { return queueKey().replace('kiosk.queue.', 'kiosk.seq.'); }

  // ---- Attempt state --------------------------------------------------------------------------

  var attemptState = null;
  var instrument = null;
  var pages = [];          // [{ section, page, index }]
  var allItems = [];       // [{ item, pageIndex }] in document order
  var answers = {};        // variable -> value (only valid values)
  var hidden = {};         // item name -> hidden by its rule
  var parsedRules = {};
  var position = 0;
  var softAsked = {};      // page index -> the soft prompt has been shown there
  var pageViews = {};      // item name -> view of the current page's items
  var drafts = {};         // variable -> pending text/number timer

  // ---- Polling and the countdown --------------------------------------------------------------

  var pollTimer = 0;
  var refreshing = null;
  var deadlineAt = null;   // now()-based instant when the time left reaches 0, or null
  var frozenMs = null;     // while paused: the time left, not ticking
  var warned = false;
  var deadlinePassed = false;

  function schedulePoll(delay) {
    window.clearTimeout(pollTimer);
    pollTimer = window.setTimeout(function () { refreshAttempt(); }, delay);
  }

  // While answering: the light GET /attempt/status every few seconds, so that a pause, a resume or
  // extra time shows on the countdown at once; any other state than open gets the full refresh.
  function scheduleStatus() {
    window.clearTimeout(pollTimer);
    pollTimer = window.setTimeout(checkStatus, STATUS_POLL_MS);
  }

  function checkStatus() {
    pollTimer = 0;
    if (refreshing || attemptState !== 'open') { return; }
    api('GET', '/attempt/status').then(function (result) {
      if (attemptState !== 'open' || refreshing || pollTimer) { return; }  // something else took over meanwhile
      if (result.status === 401) {
        loginEnded();
        return;
      }
      if (!result.ok || !result.body || !result.body.state) {
        scheduleStatus();  // offline: the queue shows it; keep asking
        return;
      }
      if (result.body.state !== 'open') {
        refreshAttempt();
        return;
      }
      syncTime(result.body);
      scheduleStatus();
    });
  }

  function stopPolling() { window.clearTimeout(pollTimer); pollTimer = 0; }

  // From a GET or PUT reply (both carry `state`); no `remainingMs` means no time limit.
  function syncTime(body) {
    if (!body || !body.state) { return; }
    if (body.state === 'paused') {
      // The clock stands still; a reply without the time left keeps the countdown where it is.
      frozenMs = typeof body.remainingMs === 'number' ? Math.max(0, body.remainingMs) : remainingNow();
      deadlineAt = null;
    } else if (typeof body.remainingMs !== 'number') {
      deadlineAt = null;
      frozenMs = null;
    } else {
      frozenMs = null;
      deadlineAt = now() + Math.max(0, body.remainingMs);
      if (body.remainingMs > 0) { deadlinePassed = false; }
    }
    renderTimer();
  }

  function remainingNow() {
    if (frozenMs !== null) { return frozenMs; }
    if (deadlineAt === null) { return null; }
    return Math.max(0, deadlineAt - now());
  }

  function renderTimer() {
    var timer = $('timer');
    var remaining = remainingNow();
    if (remaining === null || currentScreen !== 'answering') {
      timer.hidden = true;
      return;
    }
    timer.hidden = false;
    $('timer-value').textContent = UI.duration(remaining);
    if (pausedTime) { pausedTime.textContent = UI.duration(remaining); }
    var low = remaining < WARN_BELOW_MS;
    timer.classList.toggle('low', low);
    timer.classList.toggle('frozen', frozenMs !== null);
    if (low && !warned && remaining > 0) {
      warned = true;
      announce('还剩不到 5 分钟，请抓紧作答。 Less than 5 minutes left.');
    }
    if (!low) { warned = false; }
    if (remaining <= 0 && attemptState === 'open' && !deadlinePassed) {
      deadlinePassed = true;
      refreshAttempt();
    }
  }

  var pausedTime = $('paused-time');
  window.setInterval(renderTimer, 250);

  // ---- GET /attempt: the server's word on where we are ----------------------------------------

  function refreshAttempt() {
    if (refreshing) { return refreshing; }
    stopPolling();
    refreshing = api('GET', '/attempt').then(function (result) {
      refreshing = null;
      if (result.status === 401 && currentScreen === 'submitted') { return; }  // submitting ended the login
      if (result.status === 401) {
        if (attemptState && attemptState !== 'submitted') { loginEnded(); } else { showLogin(null); }
        return;
      }
      if (!result.ok || !result.body) {
        if (currentScreen === 'loading') {
          var error = errorOf(result);
          setContent($('loading-text'), bilingual(error.message, error.messageEn));
        }
        schedulePoll(POLL_WAITING_MS);
        return;
      }
      applyAttempt(result.body);
    });
    return refreshing;
  }

  function applyAttempt(body) {
    var previous = attemptState;
    attemptState = body.state;
    syncTime(body);
    switch (body.state) {
      case 'waiting':
        showWaiting(body);
        schedulePoll(POLL_WAITING_MS);
        break;
      case 'open':
        var loaded = false;
        if (!instrument) {
          if (!body.instrument) {
            schedulePoll(POLL_WAITING_MS);
            return;
          }
          loadInstrument(body);
          loaded = true;
        }
        showAnswering();
        setPaused(false);
        if (loaded) { $('page-title').focus(); }
        if (previous !== 'open') { pump(); }
        if (remainingNow() === 0) { schedulePoll(DEADLINE_POLL_MS); } else { scheduleStatus(); }
        break;
      case 'paused':
        cancelSubmit();
        showAnswering();
        setPaused(true);
        schedulePoll(POLL_WAITING_MS);
        break;
      case 'submitted':
        finish('submitted', body.ackSeq);
        break;
      case 'timed_out':
      case 'closed':
        finish('timeup', body.ackSeq);
        break;
      default:
        schedulePoll(POLL_WAITING_MS);
    }
  }

  // ---- Login ---------------------------------------------------------------------------------

  var loginForm = $('login-form');
  var loginId = $('login-id');
  var loginCode = $('login-code');
  var loginButton = $('login-button');
  var loginError = $('login-error');
  var loginBusy = false;
  var throttleTimer = 0;

  function showLoginError(zh, en) {
    setContent(loginError, bilingual(zh, en));
    loginError.hidden = false;
  }

  function showLogin(error) {
    stopPolling();
    attemptState = null;
    instrument = null;
    setPaused(false);
    closeDialog();
    setTopbarTitle(bilingual('问卷', 'Questionnaire'));
    showScreen('login');
    if (error) { showLoginError(error.message, error.messageEn); } else { loginError.hidden = true; }
    loginId.focus();
  }

  // The server ended this computer's login (a proctor unlocked the participant for another computer,
  // or a newer login replaced it): back to the form, saying so.
  function loginEnded() {
    showLogin({
      code: 'not_logged_in',
      message: '本机的登录已结束（监测员可能已把你转到另一台电脑）。如需继续，请用同一编号和访问码重新登录，已答内容都在。',
      messageEn: 'The login on this computer has ended (the proctor may have moved you to another computer). To carry on, sign in again with the same ID and code; your answers are kept.'
    });
  }

  loginCode.addEventListener('input', function (event) {
    if (event.isComposing) { return; }
    var start = loginCode.selectionStart;
    var end = loginCode.selectionEnd;
    var upper = loginCode.value.toUpperCase();
    if (upper !== loginCode.value) {
      loginCode.value = upper;
      loginCode.setSelectionRange(start, end);
    }
  });

  function throttle(seconds) {
    var until = now() + seconds * 1000;
    loginButton.disabled = true;
    window.clearInterval(throttleTimer);
    function tick() {
      var left = Math.ceil((until - now()) / 1000);
      if (left <= 0) {
        window.clearInterval(throttleTimer);
        loginButton.disabled = false;
        showLoginError('现在可以再试一次。', 'You can try again now.');
        return;
      }
      var zh = left >= 120 ? '约 ' + Math.ceil(left / 60) + ' 分钟' : ' ' + left + ' 秒';
      var en = left >= 120 ? 'about ' + Math.ceil(left / 60) + ' min' : left + ' s';
      showLoginError('尝试次数过多，请在' + zh + '后再试，或举手请监测员帮助。', 'Too many attempts: try again in ' + en + ', or raise your hand for the proctor.');
    }
    tick();
    throttleTimer = window.setInterval(tick, 1000);
  }

  loginForm.addEventListener('submit', function (event) {
    event.preventDefault();
    if (loginBusy || loginButton.disabled) { return; }
    var id = loginId.value.trim();
    var code = loginCode.value.trim();
    if (!id) {
      showLoginError('请填写编号。', 'Enter your ID.');
      loginId.focus();
      return;
    }
    if (!code) {
      showLoginError('请填写访问码。', 'Enter your access code.');
      loginCode.focus();
      return;
    }
    loginBusy = true;
    loginButton.disabled = true;
    loginError.hidden = true;
    api('POST', '/login', { id: id, code: code }).then(function (result) {
      loginBusy = false;
      loginButton.disabled = false;
      if (result.ok && result.body) {
        identity = { participant: result.body.participant, session: result.body.session };
        store(IDENTITY_KEY, identity);
        loginCode.value = '';
        showScreen('loading');
        setContent($('loading-text'), bilingual('正在进入…', 'Loading…'));
        refreshAttempt().then(function () {
          if (currentScreen === 'login') {
            showLoginError('登录没有生效：这台电脑的浏览器可能禁止了 Cookie，请举手告诉监测员。',
              'The login did not hold: this browser may block cookies. Raise your hand to tell the proctor.');
          }
        });
        return;
      }
      var error = errorOf(result);
      if (result.status === 429) {
        var seconds = parseInt(result.headers && result.headers.get('Retry-After'), 10);
        throttle(isNaN(seconds) || seconds < 1 ? 30 : seconds);
        return;
      }
      showLoginError(error.message, error.messageEn);
      if (error.code === 'invalid_credentials') {
        loginCode.select();
        loginCode.focus();
      }
    });
  });

  // ---- Waiting -------------------------------------------------------------------------------

  function showWaiting(body) {
    var session = identity && identity.session;
    var participant = identity && identity.participant;
    setTopbarTitle(session ? localized(session.title) : bilingual('问卷', 'Questionnaire'));
    setContent($('waiting-who'), participant ? bilingual('你好，' + participant.name + '（' + participant.id + '）', '') : null);
    setContent($('waiting-title'), session ? localized(session.title) : null);
    var opensAt = body.opensAt || (session && session.opensAt);
    var when = $('waiting-when');
    setContent($('waiting-heading'), body.locked
      ? bilingual('请稍候', 'Please wait a moment')
      : bilingual('场次尚未开始', 'The session has not started yet'));
    if (body.locked) {
      // The session is open, but its sealed questionnaire waits for the proctor's key.
      setContent(when, bilingual('问卷尚未解密，请等待监测员输入当日密钥', 'The questionnaire is sealed: waiting for the proctor to enter the day\'s key'));
    } else if (opensAt && body.serverTime && opensAt > body.serverTime) {
      var minutes = Math.ceil((opensAt - body.serverTime) / 60000);
      setContent(when, bilingual('开始时间 ' + clockTime(opensAt) + '（约 ' + minutes + ' 分钟后）',
        'Opens at ' + clockTime(opensAt) + ' (in about ' + minutes + ' min)'));
    } else {
      setContent(when, bilingual('请等待监测员开始', 'Waiting for the proctor to start'));
    }
    showScreen('waiting');
  }

  // ---- The instrument ------------------------------------------------------------------------

  function variablesOf(item) {
    if (item.type === 'instruction') { return []; }
    if (item.type === 'matrix') { return (item.statements || []).map(function (s) { return s.name; }); }
    return [item.name];
  }

  function itemOfVariable(name) {
    for (var i = 0; i < allItems.length; i++) {
      if (variablesOf(allItems[i].item).indexOf(name) >= 0) { return allItems[i]; }
    }
    return null;
  }

  function loadInstrument(body) {
    instrument = body.instrument;
    pages = [];
    allItems = [];
    parsedRules = {};
    hidden = {};
    softAsked = {};
    instrument.sections.forEach(function (section) {
      section.pages.forEach(function (page) {
        var index = pages.length;
        pages.push({ section: section, page: page, index: index });
        page.items.forEach(function (item) { allItems.push({ item: item, pageIndex: index }); });
      });
    });
    answers = {};
    var serverAnswers = body.answers || {};
    Object.keys(serverAnswers).forEach(function (name) {
      if (isAnswered(serverAnswers[name])) { answers[name] = serverAnswers[name]; }
    });
    // What is still queued here and not yet acknowledged goes over the server's answers.
    loadQueue(body.ackSeq || 0);
    queue.entries.forEach(function (entry) {
      if (entry.seq > (body.ackSeq || 0)) {
        if (isAnswered(entry.value)) { answers[entry.item] = entry.value; } else { delete answers[entry.item]; }
      }
    });
    var start = queue.position !== null && queue.positionDirty ? queue.position : body.position;
    position = Math.max(0, Math.min(pages.length - 1, typeof start === 'number' ? start : 0));
    queue.position = position;
    applyRules(true);
    setTopbarTitle(localized(instrument.title));
    renderPage(false);  // focused once the screen is shown
  }

  function ruleHolds(item) {
    if (!item.relevant) { return true; }
    try {
      if (!has(parsedRules, item.name)) { parsedRules[item.name] = KioskRules.parse(item.relevant); }
      return KioskRules.evaluate(parsedRules[item.name], answers);
    } catch (e) {
      return true;  // the bundle checker refuses such rules; never hide a question because of a bug here
    }
  }

  // Skip rules, in document order (a rule names only earlier items, so one pass settles every chain):
  // a hidden item's answers are cleared and, when `send` is set, the clearing is queued.
  function applyRules(send) {
    var cleared = [];
    allItems.forEach(function (entry) {
      var item = entry.item;
      var visible = ruleHolds(item);
      hidden[item.name] = !visible;
      if (!visible) {
        variablesOf(item).forEach(function (name) {
          if (has(answers, name)) {
            delete answers[name];
            cleared.push(name);
          }
          cancelDraft(name);
        });
      }
    });
    if (send) { cleared.forEach(function (name) { enqueue(name, null); }); }
    Object.keys(pageViews).forEach(function (name) {
      var view = pageViews[name];
      var wasHidden = view.root.hidden;
      view.root.hidden = !!hidden[name];
      if (view.root.hidden && !wasHidden) { view.setMessage(null); }
      if (view.root.hidden !== wasHidden || variablesOf(view.item).some(function (v) { return cleared.indexOf(v) >= 0; })) {
        view.sync();
      }
    });
  }

  function setAnswer(name, value) {
    if (!isAnswered(value)) { value = null; }
    var before = has(answers, name) ? answers[name] : null;
    if (sameValue(before, value)) { return; }
    if (value === null) { delete answers[name]; } else { answers[name] = value; }
    enqueue(name, value);
    applyRules(true);
    updateProgress();
  }

  // ---- Rendering items -----------------------------------------------------------------------

  var itemsBox = $('items');

  function requirementBadge(item) {
    if (item.requirement !== 'required') { return null; }
    return element('span', 'badge', bilingual('必答', 'Required'));
  }

  function heading(item, tag, forId) {
    var node = element(tag, 'q');
    if (forId) { node.htmlFor = forId; }
    node.appendChild(element('span', 'q-text', localized(item.label)));
    var badge = requirementBadge(item);
    if (badge) { node.appendChild(badge); }
    return node;
  }

  function shell(item, grouped, forId) {
    var root = element('div', 'item item-' + item.type);
    root.id = 'item-' + item.name;
    root.setAttribute('data-name', item.name);
    var box = grouped ? element('fieldset', 'item-box') : element('div', 'item-box');
    box.appendChild(heading(item, grouped ? 'legend' : 'label', forId));
    if (item.hint) { box.appendChild(element('p', 'hint', localized(item.hint))); }
    root.appendChild(box);
    var message = element('p', 'item-message');
    message.setAttribute('role', 'alert');
    message.hidden = true;
    return { root: root, box: box, message: message };
  }

  function finishView(parts, item, view) {
    parts.box.appendChild(parts.message);
    view.root = parts.root;
    view.item = item;
    view.setMessage = function (text) {
      if (!text) {
        parts.message.hidden = true;
        parts.message.textContent = '';
        parts.root.classList.remove('has-error');
        return;
      }
      setContent(parts.message, bilingual(text[0], text[1]));
      parts.message.hidden = false;
      parts.root.classList.add('has-error');
    };
    if (!view.draftProblem) { view.draftProblem = function () { return null; }; }
    if (!view.focus) {
      view.focus = function () {
        var input = parts.root.querySelector('input:not([disabled]), select, textarea');
        if (input) { input.focus(); }
      };
    }
    return view;
  }

  function renderInstruction(item) {
    var root = element('div', 'item instruction');
    root.id = 'item-' + item.name;
    root.appendChild(element('p', 'instruction-text', localized(item.label)));
    return { root: root, item: item, sync: function () {}, setMessage: function () {}, draftProblem: function () { return null; }, focus: function () {} };
  }

  function choiceRow(type, name, option, id) {
    var label = element('label', 'choice');
    var input = document.createElement('input');
    input.type = type;
    input.name = name;
    input.value = String(option.code);
    input.id = id;
    label.htmlFor = id;
    label.appendChild(input);
    label.appendChild(element('span', 'choice-text', localized(option.label)));
    if (option.exclusive) { label.classList.add('exclusive'); }
    return { label: label, input: input };
  }

  function renderSingle(item) {
    var parts = shell(item, true);
    var list = element('div', 'choices');
    var inputs = item.options.map(function (option, index) {
      var row = choiceRow('radio', item.name, option, 'in-' + item.name + '-' + index);
      row.input.addEventListener('change', function () {
        if (row.input.checked) {
          view.setMessage(null);
          setAnswer(item.name, option.code);
        }
      });
      list.appendChild(row.label);
      return row.input;
    });
    parts.box.appendChild(list);
    var view = {
      sync: function () {
        inputs.forEach(function (input) { input.checked = answers[item.name] === Number(input.value); });
      }
    };
    return finishView(parts, item, view);
  }

  function renderMultiple(item) {
    var parts = shell(item, true);
    var list = element('div', 'choices');
    var min = item.minSelections || 0;
    var max = item.maxSelections || item.options.length;
    if (max < item.options.length) {
      parts.box.insertBefore(element('p', 'hint', bilingual('最多选 ' + max + ' 项', 'Choose at most ' + max)), parts.box.children[1] || null);
    }
    var rows = item.options.map(function (option, index) {
      var row = choiceRow('checkbox', item.name, option, 'in-' + item.name + '-' + index);
      row.option = option;
      list.appendChild(row.label);
      return row;
    });
    function selected() {
      return rows.filter(function (r) { return r.input.checked; }).map(function (r) { return r.option.code; });
    }
    rows.forEach(function (row) {
      row.input.addEventListener('change', function () {
        view.setMessage(null);
        if (row.input.checked) {
          rows.forEach(function (other) {
            if (other !== row && (row.option.exclusive || other.option.exclusive)) { other.input.checked = false; }
          });
          if (selected().length > max) {
            row.input.checked = false;
            view.setMessage(['最多只能选 ' + max + ' 项。', 'Choose at most ' + max + '.']);
            return;
          }
        }
        var codes = selected();
        if (codes.length > 0 && codes.length < min) {
          view.setMessage(['请至少选 ' + min + ' 项。', 'Choose at least ' + min + '.']);
          setAnswer(item.name, null);
          return;
        }
        setAnswer(item.name, codes.length ? codes : null);
      });
    });
    parts.box.appendChild(list);
    var view = {
      sync: function () {
        var value = answers[item.name] || [];
        rows.forEach(function (row) { row.input.checked = value.indexOf(row.option.code) >= 0; });
      },
      draftProblem: function () {
        var count = selected().length;
        if (count > 0 && count < min) { return ['请至少选 ' + min + ' 项。', 'Choose at least ' + min + '.']; }
        return null;
      }
    };
    return finishView(parts, item, view);
  }

  function renderDropdown(item) {
    var id = 'in-' + item.name;
    var parts = shell(item, false, id);
    var select = document.createElement('select');
    select.id = id;
    var empty = element('option', null, '请选择 · Choose');
    empty.value = '';
    select.appendChild(empty);
    item.options.forEach(function (option) {
      var node = element('option', null, plain(option.label) + (option.label.en ? ' · ' + option.label.en : ''));
      node.value = String(option.code);
      select.appendChild(node);
    });
    select.addEventListener('change', function () {
      view.setMessage(null);
      setAnswer(item.name, select.value === '' ? null : Number(select.value));
    });
    parts.box.appendChild(select);
    var view = {
      sync: function () { select.value = has(answers, item.name) ? String(answers[item.name]) : ''; }
    };
    return finishView(parts, item, view);
  }

  function renderMatrix(item) {
    var parts = shell(item, true);
    var table = element('table', 'matrix');
    var head = element('thead');
    var headRow = element('tr');
    headRow.appendChild(element('td', 'matrix-corner'));
    item.scale.forEach(function (point) {
      var th = element('th', 'matrix-scale', localized(point.label));
      th.scope = 'col';
      headRow.appendChild(th);
    });
    head.appendChild(headRow);
    table.appendChild(head);
    var bodyNode = element('tbody');
    var inputs = [];
    item.statements.forEach(function (statement, row) {
      var tr = element('tr');
      var th = element('th', 'matrix-statement', localized(statement.label));
      th.scope = 'row';
      th.id = 'st-' + statement.name;
      tr.appendChild(th);
      item.scale.forEach(function (point, column) {
        var td = element('td', 'matrix-cell');
        var label = element('label', 'cell');
        var input = document.createElement('input');
        input.type = 'radio';
        input.name = statement.name;
        input.value = String(point.code);
        input.id = 'in-' + statement.name + '-' + column;
        input.setAttribute('aria-label', plain(statement.label) + '：' + plain(point.label));
        label.htmlFor = input.id;
        label.appendChild(input);
        td.appendChild(label);
        tr.appendChild(td);
        input.addEventListener('change', function () {
          if (input.checked) {
            view.setMessage(null);
            setAnswer(statement.name, point.code);
          }
        });
        inputs.push(input);
      });
      tr.setAttribute('data-row', String(row));
      bodyNode.appendChild(tr);
    });
    table.appendChild(bodyNode);
    parts.box.appendChild(table);
    var view = {
      sync: function () {
        inputs.forEach(function (input) { input.checked = answers[input.name] === Number(input.value); });
      }
    };
    return finishView(parts, item, view);
  }

  function numberRule(item) {
    var min = item.min;
    var max = item.max;
    if (item.type === 'integer') {
      return ['请填 ' + min + ' 到 ' + max + ' 之间的整数', 'A whole number from ' + min + ' to ' + max];
    }
    var decimals = item.decimals === undefined || item.decimals === null ? 1 : item.decimals;
    return ['请填 ' + min + ' 到 ' + max + ' 之间的数' + (decimals > 0 ? '，最多 ' + decimals + ' 位小数' : '（整数）'),
      'A number from ' + min + ' to ' + max + (decimals > 0 ? ', at most ' + decimals + ' decimal' + (decimals > 1 ? 's' : '') : ', whole')];
  }

  // { value } for a valid entry (null when empty), { error: [zh, en] } otherwise.
  function parseNumber(item, raw) {
    var text = halfWidth(raw).replace(/\s+/g, '');
    if (text === '') { return { value: null }; }
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) {
      return { error: ['请只填数字。', 'Type a number, digits only.'] };
    }
    var value = Number(text);
    var decimals = item.type === 'integer' ? 0 : (item.decimals === undefined || item.decimals === null ? 1 : item.decimals);
    var fraction = (text.split('.')[1] || '').replace(/0+$/, '');
    if (fraction.length > decimals) {
      return { error: decimals === 0 ? ['请填整数，不要小数。', 'Type a whole number, without decimals.']
        : ['小数点后最多 ' + decimals + ' 位。', 'At most ' + decimals + ' digit' + (decimals > 1 ? 's' : '') + ' after the point.'] };
    }
    if (!isFinite(value) || value < item.min || value > item.max) {
      return { error: [text + ' 超出了范围：要在 ' + item.min + ' 到 ' + item.max + ' 之间。', text + ' is out of range: it must be from ' + item.min + ' to ' + item.max + '.'] };
    }
    return { value: value };
  }

  function renderNumber(item) {
    var id = 'in-' + item.name;
    var parts = shell(item, false, id);
    var row = element('div', 'number-row');
    var input = document.createElement('input');
    input.type = 'text';
    input.id = id;
    input.className = 'number';
    input.autocomplete = 'off';
    input.setAttribute('inputmode', item.type === 'integer' ? 'numeric' : 'decimal');
    input.maxLength = 16;
    row.appendChild(input);
    if (item.unit) { row.appendChild(element('span', 'unit', localized(item.unit))); }
    parts.box.appendChild(row);
    var rule = numberRule(item);
    var hintNode = element('p', 'range-hint', bilingual(rule[0], rule[1]));
    hintNode.id = id + '-hint';
    input.setAttribute('aria-describedby', hintNode.id);
    parts.box.appendChild(hintNode);
    function commit(showError) {
      cancelDraft(item.name);
      var parsed = parseNumber(item, input.value);
      if (parsed.error) {
        if (showError) { view.setMessage(parsed.error); }
        return;
      }
      view.setMessage(null);
      setAnswer(item.name, parsed.value);
    }
    input.addEventListener('input', function () {
      startDraft(item.name, function () { commit(false); });
    });
    input.addEventListener('blur', function () { commit(true); });
    input.addEventListener('keydown', function (event) {
      if (event.key === 'Enter') { commit(true); }
    });
    var view = {
      sync: function () {
        input.value = has(answers, item.name) ? String(answers[item.name]) : '';
      },
      draftProblem: function () {
        var parsed = parseNumber(item, input.value);
        if (parsed.error) { return parsed.error; }
        return null;
      },
      flush: function () { if (drafts[item.name]) { commit(false); } }
    };
    return finishView(parts, item, view);
  }

  function renderText(item) {
    var id = 'in-' + item.name;
    var parts = shell(item, false, id);
    var long = item.type === 'long_text';
    var maxLength = item.maxLength || (long ? 2000 : 100);
    var input = document.createElement(long ? 'textarea' : 'input');
    if (!long) { input.type = 'text'; }
    if (long) { input.rows = 5; }
    input.id = id;
    input.className = long ? 'long-text' : 'short-text';
    input.maxLength = maxLength;
    input.autocomplete = 'off';
    input.spellcheck = false;
    parts.box.appendChild(input);
    var counter = element('p', 'counter');
    counter.setAttribute('aria-live', 'off');
    parts.box.appendChild(counter);
    function count() {
      var used = codePointLength(input.value);
      counter.textContent = used + ' / ' + maxLength;
      counter.classList.toggle('full', used >= maxLength);
    }
    function commit() {
      cancelDraft(item.name);
      var value = input.value;
      if (codePointLength(value) > maxLength) { value = Array.from(value).slice(0, maxLength).join(''); }
      setAnswer(item.name, value === '' ? null : value);
    }
    input.addEventListener('input', function () {
      count();
      view.setMessage(null);
      startDraft(item.name, commit);
    });
    input.addEventListener('blur', function () { if (drafts[item.name]) { commit(); } });
    var view = {
      sync: function () {
        input.value = has(answers, item.name) ? String(answers[item.name]) : '';
        count();
      },
      flush: function () { if (drafts[item.name]) { commit(); } }
    };
    return finishView(parts, item, view);
  }

  var RENDERERS = {
    single_choice: renderSingle,
    multiple_choice: renderMultiple,
    dropdown: renderDropdown,
    matrix: renderMatrix,
    integer: renderNumber,
    decimal: renderNumber,
    short_text: renderText,
    long_text: renderText,
    instruction: renderInstruction
  };

  // Typing is queued after a pause; leaving the field, the page or the questionnaire queues it at once.
  function startDraft(name, commit) {
    window.clearTimeout(drafts[name] && drafts[name].timer);
    drafts[name] = { commit: commit, timer: window.setTimeout(function () { commit(); }, TEXT_DEBOUNCE_MS) };
  }
  function cancelDraft(name) {
    if (drafts[name]) {
      window.clearTimeout(drafts[name].timer);
      delete drafts[name];
    }
  }
  function flushDrafts() {
    Object.keys(drafts).forEach(function (name) {
      var draft = drafts[name];
      if (draft) { draft.commit(); }
    });
  }

  // ---- The page ------------------------------------------------------------------------------

  var prevButton = $('prev-button');
  var nextButton = $('next-button');
  var submitButton = $('submit-button');

  function renderPage(focusTitle) {
    var entry = pages[position];
    pageViews = {};
    itemsBox.textContent = '';
    setContent($('section-title'), localized(entry.section.title));
    setContent($('page-title'), localized(entry.page.title || entry.section.title));
    entry.page.items.forEach(function (item) {
      var render = RENDERERS[item.type];
      if (!render) { return; }
      var view = render(item);
      view.root.hidden = !!hidden[item.name];
      view.sync();
      pageViews[item.name] = view;
      itemsBox.appendChild(view.root);
    });
    var last = position === pages.length - 1;
    prevButton.hidden = position === 0;
    nextButton.hidden = last;
    submitButton.hidden = !last;
    updateProgress();
    window.scrollTo(0, 0);
    if (focusTitle) { $('page-title').focus(); }
  }

  function updateProgress() {
    if (!instrument) { return; }
    var total = 0;
    var done = 0;
    allItems.forEach(function (entry) {
      if (hidden[entry.item.name]) { return; }
      variablesOf(entry.item).forEach(function (name) {
        total += 1;
        if (isAnswered(answers[name])) { done += 1; }
      });
    });
    var share = total ? Math.round(done * 100 / total) : 0;
    setContent($('progress-page'), bilingual('第 ' + (position + 1) + ' / ' + pages.length + ' 页', 'Page ' + (position + 1) + ' of ' + pages.length));
    setContent($('progress-share'), bilingual('已答 ' + share + '%', share + '% answered'));
    $('progress-bar').style.width = share + '%';
  }

  // Whether an item counts as answered: every statement of a matrix, a choice within its limits.
  function itemAnswered(item) {
    var names = variablesOf(item);
    return names.length > 0 && names.every(function (name) { return isAnswered(answers[name]); });
  }

  function unansweredOn(pageIndex, requirements) {
    return allItems.filter(function (entry) {
      var item = entry.item;
      return entry.pageIndex === pageIndex && !hidden[item.name] && item.type !== 'instruction' &&
        requirements.indexOf(item.requirement || 'optional') >= 0 && !itemAnswered(item);
    }).map(function (entry) { return entry.item; });
  }

  // Shows a message at every required item without an answer and every invalid entry; focuses the first.
  function pageProblems() {
    var first = null;
    pages[position].page.items.forEach(function (item) {
      var view = pageViews[item.name];
      if (!view || hidden[item.name] || item.type === 'instruction') { return; }
      var problem = view.draftProblem();
      if (!problem && item.requirement === 'required' && !itemAnswered(item)) {
        problem = item.type === 'matrix' ? ['每一行都要作答。', 'Answer every row.'] : ['此题必须作答。', 'This question must be answered.'];
      }
      if (problem) {
        view.setMessage(problem);
        if (!first) { first = view; }
      }
    });
    if (first) {
      reveal(first.root);
      first.focus();
      announce('还有题目需要作答或改正。 Some questions need an answer or a correction.');
      return true;
    }
    return false;
  }

  function goTo(index) {
    position = Math.max(0, Math.min(pages.length - 1, index));
    queue.position = position;
    queue.positionDirty = true;
    saveQueue();
    renderPage(true);
    pump();
  }

  prevButton.addEventListener('click', function () {
    if (inputsLocked()) { return; }
    flushDrafts();
    goTo(position - 1);
  });

  nextButton.addEventListener('click', function () {
    if (inputsLocked()) { return; }
    flushDrafts();
    if (pageProblems()) { return; }
    var missing = unansweredOn(position, ['soft']);
    if (missing.length > 0 && !softAsked[position]) {
      softAsked[position] = true;
      var target = position + 1;
      openDialog({
        title: bilingual('还有题目没有作答', 'Some questions are unanswered'),
        body: element('p', 'big', bilingual('你还有 ' + missing.length + ' 题未作答，确定继续吗？',
          missing.length + ' question' + (missing.length > 1 ? 's' : '') + ' unanswered: continue anyway?')),
        buttons: [
          { id: 'soft-back', content: bilingual('返回作答', 'Go back and answer'), primary: false, action: function () {
            closeDialog();
            var view = pageViews[missing[0].name];
            if (view) { reveal(view.root); view.focus(); }
          } },
          { id: 'soft-continue', content: bilingual('继续', 'Continue'), primary: true, action: function () {
            closeDialog(true);
            goTo(target);
          } }
        ],
        cancel: function () { closeDialog(); }
      });
      return;
    }
    goTo(position + 1);
  });

  submitButton.addEventListener('click', function () {
    if (inputsLocked()) { return; }
    flushDrafts();
    if (pageProblems()) { return; }
    for (var i = 0; i < pages.length; i++) {
      if (unansweredOn(i, ['required']).length > 0) {
        goTo(i);
        pageProblems();
        return;
      }
    }
    openSubmitDialog();
  });

  // ---- Paused --------------------------------------------------------------------------------

  var pausedOverlay = $('paused');
  function setPaused(paused) {
    var was = !pausedOverlay.hidden;
    pausedOverlay.hidden = !paused;
    itemsBox.disabled = paused;
    prevButton.disabled = paused;
    nextButton.disabled = paused;
    submitButton.disabled = paused;
    if (paused && !was) {
      flushDrafts();
      $('paused-card').focus();
      announce('监测员已暂停。 Paused by the proctor.');
    }
    if (!paused && was && instrument) {
      announce('已继续，请作答。 The session carries on.');
      $('page-title').focus();
    }
  }

  function inputsLocked() { return attemptState !== 'open' || !dialog.hidden; }

  // ---- Dialogs: focus trapped, Esc cancels ---------------------------------------------------

  var dialog = $('dialog');
  var dialogCancel = null;
  var dialogOpener = null;

  function openDialog(options) {
    dialogOpener = document.activeElement;
    setContent($('dialog-title'), options.title);
    setContent($('dialog-body'), options.body);
    setDialogStatus(null);
    var buttons = $('dialog-buttons');
    buttons.textContent = '';
    var first = null;
    options.buttons.forEach(function (spec) {
      var button = element('button', spec.primary ? 'primary' : '', spec.content);
      button.type = 'button';
      button.id = spec.id;
      button.addEventListener('click', spec.action);
      buttons.appendChild(button);
      if (!first) { first = button; }
    });
    dialogCancel = options.cancel;
    dialog.hidden = false;
    $('app').setAttribute('aria-hidden', 'true');
    if (first) { first.focus(); }
  }

  // `keepFocus`: the caller moves focus itself (to the next page's title).
  function closeDialog(keepFocus) {
    if (dialog.hidden) { return; }
    dialog.hidden = true;
    dialogCancel = null;
    $('app').removeAttribute('aria-hidden');
    if (!keepFocus && dialogOpener && document.body.contains(dialogOpener) && dialogOpener.focus) { dialogOpener.focus(); }
    dialogOpener = null;
  }

  function setDialogStatus(content, kind) {
    var status = $('dialog-status');
    if (!content) {
      status.hidden = true;
      status.textContent = '';
      return;
    }
    setContent(status, content);
    status.className = 'dialog-status ' + (kind || '');
    status.hidden = false;
  }

  UI.trapFocus(dialog, $('dialog-card'), function () {
    if (dialogCancel) { dialogCancel(); }
  });

  // ---- Submit --------------------------------------------------------------------------------

  var submitting = false;
  var submitInFlight = false;

  function openSubmitDialog() {
    var body = document.createDocumentFragment();
    body.appendChild(element('p', null, bilingual('提交后就不能再修改答案了。', 'After submitting you cannot change your answers.')));
    var total = 0;
    var list = element('ul', 'unanswered');
    pages.forEach(function (entry, index) {
      var missing = unansweredOn(index, ['required', 'soft', 'optional']).length;
      if (!missing) { return; }
      total += missing;
      list.appendChild(element('li', null, bilingual('第 ' + (index + 1) + ' 页 ' + plain(entry.page.title || entry.section.title) + '：' + missing + ' 题未答',
        'page ' + (index + 1) + ': ' + missing + ' unanswered')));
    });
    if (total) {
      body.appendChild(element('p', 'big', bilingual('你还有 ' + total + ' 题未作答。', total + ' question' + (total > 1 ? 's' : '') + ' unanswered.')));
      body.appendChild(list);
    } else {
      body.appendChild(element('p', 'big', bilingual('所有题目都已作答。', 'Every question is answered.')));
    }
    openDialog({
      title: bilingual('确认提交问卷？', 'Submit the questionnaire?'),
      body: body,
      buttons: [
        { id: 'submit-cancel', content: bilingual('返回检查', 'Go back'), primary: false, action: cancelSubmit },
        { id: 'submit-confirm', content: bilingual('确认提交', 'Submit'), primary: true, action: confirmSubmit }
      ],
      cancel: cancelSubmit
    });
  }

  function cancelSubmit() {
    submitting = false;
    closeDialog();
  }

  function confirmSubmit() {
    if (submitting) { return; }
    submitting = true;
    var confirmButton = $('submit-confirm');
    if (confirmButton) { confirmButton.disabled = true; }
    maybeSubmit();
    pump();
  }

  // Submits once every queued answer has been acknowledged.
  function maybeSubmit() {
    if (!submitting || submitInFlight) { return; }
    if (queue.entries.length > 0 || sending) {
      if (failures > 0) {
        setDialogStatus(bilingual('离线：还有答案没有送到服务器。连接恢复后会自动提交，请不要关闭本页。',
          'Offline: some answers have not reached the server yet. The questionnaire is submitted as soon as the connection is back; keep this page open.'), 'warn');
      } else {
        setDialogStatus(bilingual('正在保存答案…', 'Saving your answers…'));
      }
      return;
    }
    submitInFlight = true;
    setDialogStatus(bilingual('正在提交…', 'Submitting…'));
    api('POST', '/attempt/submit', {}).then(function (result) {
      submitInFlight = false;
      if (!submitting) { return; }
      if (result.ok) {
        submitting = false;
        finish('submitted');
        return;
      }
      if (result.status === 401) { submitting = false; showLogin(errorOf(result)); return; }
      if (result.status === 409) { submitting = false; closeDialog(); refreshAttempt(); return; }
      var error = errorOf(result);
      setDialogStatus(bilingual(error.message + ' 正在重试…', error.messageEn + ' Retrying…'), 'warn');
      window.setTimeout(maybeSubmit, BACKOFF_MS[2]);
    });
  }

  // ---- The queue: in order, persisted, one PUT at a time ---------------------------------------

  var queue = { entries: [], position: null, positionDirty: false };
  var nextSeq = 1;
  var sending = false;
  var failures = 0;
  var retryTimer = 0;

  function loadQueue(ackSeq) {
    var saved = load(queueKey());
    queue = { entries: [], position: null, positionDirty: false };
    if (saved && Array.isArray(saved.entries)) {
      queue.entries = saved.entries.filter(function (entry) { return entry && typeof entry.seq === 'number' && typeof entry.item === 'string'; });
      queue.position = typeof saved.position === 'number' ? saved.position : null;
      queue.positionDirty = !!saved.positionDirty;
    }
    var lastSeq = load(seqKey());
    var highest = Math.max(typeof lastSeq === 'number' ? lastSeq : 0, ackSeq || 0);
    queue.entries.forEach(function (entry) { highest = Math.max(highest, entry.seq); });
    nextSeq = highest + 1;
  }

  function saveQueue() {
    store(queueKey(), { entries: queue.entries, position: queue.position, positionDirty: queue.positionDirty });
  }

  function enqueue(name, value) {
    var seq = nextSeq;
    nextSeq += 1;
    store(seqKey(), seq);
    var last = queue.entries[queue.entries.length - 1];
    if (last && last.item === name && !(sending && last.seq <= inFlightUpTo)) {
      // The same field again (typing): the newest value replaces the unsent one, with a new seq.
      last.value = value;
      last.seq = seq;
    } else {
      queue.entries.push({ item: name, value: value, seq: seq });
    }
    saveQueue();
    updateSaveStatus();
    pump();
  }

  var inFlightUpTo = 0;

  function pump() {
    if (sending || retryTimer || submitInFlight || attemptState !== 'open') { updateSaveStatus(); return; }
    var batch = queue.entries.slice(0, MAX_BATCH);
    if (!batch.length && !queue.positionDirty) {
      updateSaveStatus();
      maybeSubmit();
      return;
    }
    sending = true;
    inFlightUpTo = batch.length ? batch[batch.length - 1].seq : 0;
    var sentPosition = queue.position;
    updateSaveStatus();
    api('PUT', '/attempt/answers', {
      answers: batch.map(function (entry) { return { item: entry.item, value: entry.value, seq: entry.seq }; }),
      position: sentPosition,
      clientTime: Date.now()
    }).then(function (result) {
      sending = false;
      inFlightUpTo = 0;
      handlePutResult(result, batch, sentPosition);
    });
  }

  function removeEntries(batch) {
    queue.entries = queue.entries.filter(function (entry) { return batch.indexOf(entry) < 0; });
  }

  function finished() {
    return attemptState === 'submitted' || attemptState === 'timed_out' || attemptState === 'closed';
  }

  function handlePutResult(result, batch, sentPosition) {
    if (finished()) { return; }  // a reply that arrives after the end changes nothing
    if (result.ok) {
      failures = 0;
      removeEntries(batch);
      if (queue.position === sentPosition) { queue.positionDirty = false; }
      saveQueue();
      var body = result.body || {};
      syncTime(body);
      updateSaveStatus();
      if (body.state && body.state !== 'open') {
        refreshAttempt();
        return;
      }
      pump();
      return;
    }
    if (result.status === 422) {
      failures = 0;
      var error = (result.body && result.body.error) || {};
      var bad = Array.isArray(error.items) ? error.items : [];
      var names = bad.map(function (entry) { return entry.item; });
      var dropped = batch.filter(function (entry) { return names.indexOf(entry.item) >= 0; });
      if (!dropped.length) { dropped = batch; }  // nothing named: the batch can never be accepted
      removeEntries(dropped);
      saveQueue();
      bad.forEach(function (entry) {
        var owner = itemOfVariable(entry.item);
        var view = owner && pageViews[owner.item.name];
        if (view) { view.setMessage([entry.message || error.message, entry.messageEn || error.messageEn]); }
      });
      if (!bad.length) { announce((error.message || '') + ' ' + (error.messageEn || '')); }
      pump();
      return;
    }
    if (result.status === 409) {
      refreshAttempt();
      return;
    }
    if (result.status === 401) {
      loginEnded();
      return;
    }
    // 503 (storage full, shutting down), a network failure or anything else: keep it all, retry.
    failures += 1;
    updateSaveStatus();
    maybeSubmit();
    var delay = BACKOFF_MS[Math.min(failures - 1, BACKOFF_MS.length - 1)];
    retryTimer = window.setTimeout(function () {
      retryTimer = 0;
      pump();
    }, delay);
  }

  var saveStatus = $('save-status');
  var saveStatusText = $('save-status-text');
  var lastStatus = null;
  function updateSaveStatus() {
    var status;
    if (queue.entries.length === 0) {
      status = 'saved';
    } else if (failures > 0) {
      status = 'offline';
    } else {
      status = 'saving';
    }
    if (status === lastStatus) { return; }
    lastStatus = status;
    saveStatus.className = 'save-status ' + status;
    saveStatus.setAttribute('data-status', status);
    if (status === 'saved') {
      setContent(saveStatusText, bilingual('已保存', 'Saved'));
    } else if (status === 'saving') {
      setContent(saveStatusText, bilingual('保存中…', 'Saving…'));
    } else {
      setContent(saveStatusText, bilingual('离线，答案已暂存在本机', 'Offline: answers kept on this computer'));
    }
  }

  // ---- Answering, done ----------------------------------------------------------------------

  function showAnswering() {
    if (instrument) { setTopbarTitle(localized(instrument.title)); }
    if (showScreen('answering')) {
      updateSaveStatus();
      renderTimer();
    }
  }

  // `ackSeq`: the server's highest stored seq, to tell what this computer still held unsent.
  function finish(kind, ackSeq) {
    if (kind === 'submitted') { attemptState = 'submitted'; } else if (!finished()) { attemptState = 'timed_out'; }
    stopPolling();
    window.clearTimeout(retryTimer);
    retryTimer = 0;
    submitting = false;
    closeDialog(true);
    setPaused(false);
    var session = identity && identity.session;
    setTopbarTitle(session ? localized(session.title) : bilingual('问卷', 'Questionnaire'));
    var held = queue.entries;
    if (!instrument) {  // after a reload the queue was never loaded: look at what is stored here
      var saved = load(queueKey());
      held = (saved && Array.isArray(saved.entries) ? saved.entries : []).filter(function (entry) {
        return entry && entry.seq > (ackSeq || 0);
      });
    }
    var unsent = held.filter(function (entry) { return isAnswered(entry.value); }).length;
    if (kind === 'submitted' || unsent === 0) {
      store(queueKey(), null);
      store(seqKey(), null);
      store(IDENTITY_KEY, null);  // lab machines are shared: no name stays behind once the sitting is over
    }
    // Otherwise what never reached the server stays here: should a proctor give extra time, the page
    // comes back (it keeps asking) and sends it.
    queue = { entries: [], position: null, positionDirty: false };
    instrument = null;
    pageViews = {};
    itemsBox.textContent = '';
    if (kind === 'submitted') {
      showScreen('submitted');
      $('screen-submitted').querySelector('h1').focus();
    } else {
      var lost = $('timeup-lost');
      if (unsent > 0) {
        setContent(lost, bilingual('有 ' + unsent + ' 个答案在时间到之前没能送到服务器，请举手告诉监测员。',
          unsent + ' answer' + (unsent > 1 ? 's' : '') + ' did not reach the server before the time was up: raise your hand to tell the proctor.'));
        lost.hidden = false;
      } else {
        lost.hidden = true;
      }
      setContent($('timeup-saved'), unsent > 0
        ? bilingual('服务器收到的答案都已保存。', 'Every answer the server received was saved.')
        : bilingual('你的答案已保存。', 'Your answers were saved.'));
      if (showScreen('timeup')) { $('screen-timeup').querySelector('h1').focus(); }
      schedulePoll(ENDED_POLL_MS);
    }
  }

  // Question content is not for copying (the monitoring's confidentiality rule).
  ['copy', 'cut'].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var target = event.target;
      var editable = target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA');
      if (!editable && currentScreen === 'answering') { event.preventDefault(); }
    });
  });
  document.addEventListener('contextmenu', function (event) {
    if (currentScreen === 'answering') { event.preventDefault(); }
  });

  window.addEventListener('beforeunload', function () { flushDrafts(); });

  // ---- Start ---------------------------------------------------------------------------------

  refreshAttempt();
}());
