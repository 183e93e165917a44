// What the proctor console and the printable report share: the staff API with its CSRF token, the
// server's clock, times in the site's time zone, Chinese labels and badges. The DOM helpers every
// page shares are in web/shared/ui.js (every text from the server, names and notes included, goes
// in as textContent).
//
// ES2017 at most: lab machines may run Chromium 69.
(function () {
  'use strict';

  var STAFF_API = '/api/v1/staff';

  var UI = window.KioskUI;
  var now = UI.now;
  var pad = UI.pad;
  var element = UI.element;

  // ---- DOM -----------------------------------------------------------------------------------

  // Changes a node's text only when it differs (a live table refreshed every second keeps still).
  function setText(node, text) {
    text = text === null || text === undefined ? '' : String(text);
    if (node.textContent !== text) { node.textContent = text; }
  }

  // ---- The server's clock --------------------------------------------------------------------

  var clock = { serverTime: null, at: 0 };

  function noteServerTime(serverTime) {
    if (typeof serverTime === 'number' && isFinite(serverTime)) {
      clock.serverTime = serverTime;
      clock.at = now();
    }
  }

  // The server's time now, counted on from its last reading; the machine's own clock is not trusted.
  function serverNow() {
    if (clock.serverTime === null) { return Date.now(); }
    return clock.serverTime + (now() - clock.at);
  }

  // ---- Times in the site's time zone ---------------------------------------------------------

  var zone = { name: null, format: null };

  function setTimeZone(name) {
    if (!name || name === zone.name) { return; }
    try {
      zone.format = new Intl.DateTimeFormat('en-US', {
        timeZone: name, hour12: false, year: 'numeric', month: '2-digit', day: '2-digit',
        hour: '2-digit', minute: '2-digit', second: '2-digit'
      });
      zone.format.formatToParts(0);
      zone.name = name;
    } catch (e) {
      zone.format = null;  // an unknown zone or an old browser: the machine's own zone
      zone.name = null;
    }
  }

  // { year, month (1-12), day, hour, minute, second } of an instant in the site's time zone.
  function zoned(ms) {
    if (zone.format) {
      var parts = {};
      zone.format.formatToParts(new Date(ms)).forEach(function (part) {
        if (part.type !== 'literal') { parts[part.type] = parseInt(part.value, 10); }
      });
      return {
        year: parts.year, month: parts.month, day: parts.day,
        hour: parts.hour === 24 ? 0 : parts.hour, minute: parts.minute, second: parts.second
      };
    }
    var date = new Date(ms);
    return {
      year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate(),
      hour: date.getHours(), minute: date.getMinutes(), second: date.getSeconds()
    };
  }

  // The instant of a wall-clock time in the site's time zone (two rounds settle a DST edge).
  function instantOf(year, month, day, hour, minute) {
    var wall = Date.UTC(year, month - 1, day, hour, minute, 0);
    var guess = wall;
    for (var i = 0; i < 2; i++) {
      var parts = zoned(guess);
      var seen = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
      guess += wall - seen;
    }
    return guess;
  }

  function hhmm(ms) {
    if (ms === null || ms === undefined) { return ''; }
    var parts = zoned(ms);
    return pad(parts.hour) + ':' + pad(parts.minute);
  }

  function hhmmss(ms) {
    if (ms === null || ms === undefined) { return ''; }
    var parts = zoned(ms);
    return pad(parts.hour) + ':' + pad(parts.minute) + ':' + pad(parts.second);
  }

  function dateText(ms) {
    var parts = zoned(ms);
    return parts.year + '-' + pad(parts.month) + '-' + pad(parts.day);
  }

  function dateTimeText(ms) {
    if (ms === null || ms === undefined) { return ''; }
    return dateText(ms) + ' ' + hhmmss(ms);
  }

  // ---- The staff API -------------------------------------------------------------------------

  var csrf = { token: null };

  function setCsrfToken(token) { csrf.token = token || null; }

  // Never throws: status 0 is a network failure (server down, timeout). A change refused for its CSRF
  // token (the login was renewed in another tab, say) is tried once more with the token /me gives now.
  function api(method, path, body) {
    return send(method, path, body).then(function (result) {
      var code = result.body && result.body.error && result.body.error.code;
      if (method === 'GET' || result.status !== 403 || code !== 'csrf_token_invalid' || path === '/me') { return result; }
      return send('GET', '/me').then(function (me) {
        if (!me.ok || !me.body || !me.body.csrfToken) { return result; }
        csrf.token = me.body.csrfToken;
        return send(method, path, body);
      });
    });
  }

  function send(method, path, body) {
    var headers = method !== 'GET' && csrf.token ? { 'X-CSRF-Token': csrf.token } : null;
    return UI.requestJson(method, STAFF_API + path, body, headers).then(function (result) {
      if (result.body && typeof result.body === 'object') { noteServerTime(result.body.serverTime); }
      return result;
    });
  }

  // The server's { code, message, messageEn }, or one made up for a network failure or a bare status.
  function errorOf(result) {
    var error = result.body && result.body.error;
    if (error && (error.message || error.messageEn)) {
      return { code: error.code || '', message: error.message || error.messageEn, messageEn: error.messageEn || '' };
    }
    if (result.status === 0) {
      return { code: 'network', message: '无法连接到服务器，请稍后再试。', messageEn: 'Cannot reach the server. Please try again shortly.' };
    }
    return { code: 'http_' + result.status, message: '服务器出错（' + result.status + '）。', messageEn: 'Server error (' + result.status + ').' };
  }

  function errorContent(error) {
    return UI.bilingual(error.message, error.messageEn);
  }

  // ---- Words ---------------------------------------------------------------------------------

  var ROLES = {
    proctor: ['监测员', 'Proctor'],
    officer: ['信息员', 'Information officer'],
    inspector: ['督学', 'Inspector']
  };

  var SESSION_STATES = {
    not_delivered: ['不由本机施测', 'Not delivered here'],
    scheduled: ['未到时间', 'Scheduled'],
    awaiting_start: ['等待开始', 'Awaiting start'],
    open: ['进行中', 'Open'],
    paused: ['已暂停', 'Paused'],
    ended: ['已提前结束', 'Ended early'],
    closed: ['已结束', 'Closed']
  };

  var STATUSES = {
    not_logged_in: ['未登录', 'Not logged in'],
    waiting: ['等待中', 'Waiting'],
    answering: ['作答中', 'Answering'],
    paused: ['已暂停', 'Paused'],
    submitted: ['已提交', 'Submitted'],
    timed_out: ['超时', 'Timed out'],
    closed: ['未作答', 'Never opened'],
    absent: ['缺考', 'Absent'],
    excluded: ['免测', 'Excluded']
  };
  var STATUS_ORDER = ['not_logged_in', 'waiting', 'answering', 'paused', 'submitted', 'timed_out', 'closed', 'absent', 'excluded'];

  var MARK_REASONS = {
    absent: [
      ['sick', '病假', 'Sick leave'],
      ['personal_leave', '事假', 'Personal leave'],
      ['transferred', '转学或休学', 'Transferred or suspended'],
      ['other', '其他', 'Other']
    ],
    excluded: [
      ['special_needs', '特殊教育需要', 'Special educational needs'],
      ['language', '语言障碍', 'Language barrier'],
      ['other', '其他', 'Other']
    ]
  };

  var INCIDENT_KINDS = [
    ['power', '停电', 'Power cut'],
    ['network', '网络故障', 'Network fault'],
    ['device', '设备故障', 'Device fault'],
    ['illness', '学生身体不适', 'A student taken ill'],
    ['discipline', '违纪', 'Discipline'],
    ['other', '其他', 'Other']
  ];

  var LAB_PROBLEMS = {
    screen_too_small: ['屏幕小于 1024×768', 'Screen under 1024×768'],
    slow_network: ['网络往返超过 1 秒', 'Round trip over 1 s'],
    storage_unavailable: ['本地存储不可用', 'Local storage unavailable'],
    browser_too_old: ['浏览器版本过旧', 'Browser too old'],
    clock_off: ['时钟偏差超过 5 分钟', 'Clock off by over 5 minutes']
  };

  function lookup(table, key) {
    if (Object.prototype.hasOwnProperty.call(table, key)) { return table[key]; }
    return [String(key === null || key === undefined ? '' : key), ''];
  }

  function pairOf(list, key) {
    for (var i = 0; i < list.length; i++) {
      if (list[i][0] === key) { return [list[i][1], list[i][2]]; }
    }
    return [String(key === null || key === undefined ? '' : key), ''];
  }

  function reasonWords(kind, code) {
    return pairOf(MARK_REASONS[kind] || MARK_REASONS.absent.concat(MARK_REASONS.excluded), code);
  }

  function incidentKindWords(kind) { return pairOf(INCIDENT_KINDS, kind); }

  // A small coloured label: the state or status word in Chinese, English below.
  function badge(kind, key, words) {
    var node = element('span', 'badge-state ' + kind + '-' + key);
    node.setAttribute('data-state', key);
    node.appendChild(element('span', 'zh', words[0]));
    if (words[1]) {
      node.appendChild(element('span', 'en', words[1]));
      node.title = words[1];
    }
    return node;
  }

  function sessionWindow(session) {
    var start = session.start || (session.opensAt ? hhmm(session.opensAt) : '');
    var end = session.end || '';
    return end ? start + '–' + end : start + ' 起';
  }

  window.ProctorCommon = {
    setText: setText,
    noteServerTime: noteServerTime,
    serverNow: serverNow,
    setTimeZone: setTimeZone,
    zoned: zoned,
    instantOf: instantOf,
    hhmm: hhmm,
    hhmmss: hhmmss,
    dateText: dateText,
    dateTimeText: dateTimeText,
    api: api,
    setCsrfToken: setCsrfToken,
    errorOf: errorOf,
    errorContent: errorContent,
    ROLES: ROLES,
    SESSION_STATES: SESSION_STATES,
    STATUSES: STATUSES,
    STATUS_ORDER: STATUS_ORDER,
    MARK_REASONS: MARK_REASONS,
    INCIDENT_KINDS: INCIDENT_KINDS,
    LAB_PROBLEMS: LAB_PROBLEMS,
    lookup: lookup,
    reasonWords: reasonWords,
    incidentKindWords: incidentKindWords,
    badge: badge,
    sessionWindow: sessionWindow
  };
}());
