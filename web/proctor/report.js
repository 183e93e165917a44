// The printable completion report (测试完成情况) of one session: /proctor/report.html?session=ID.
// Everything from the server goes in as textContent.
//
// ES2017 at most: lab machines may run Chromium 69.
(function () {
  'use strict';

  var UI = window.KioskUI;
  var C = window.ProctorCommon;
  var $ = UI.$;
  var bilingual = UI.bilingual;
  var element = UI.element;
  var setContent = UI.setContent;

  function sessionParameter() {
    var match = /[?&]session=([^&#]*)/.exec(window.location.search);
    return match ? decodeURIComponent(match[1].replace(/\+/g, ' ')) : '';
  }

  function fail(content) {
    document.body.setAttribute('data-state', 'error');
    setContent($('report-message'), content);
    $('report-message').hidden = false;
    $('report').hidden = true;
  }

  function number(value) { return typeof value === 'number' ? String(value) : '0'; }

  function reasonRows(body, kind, counts) {
    body.textContent = '';
    var codes = Object.keys(counts || {}).filter(function (code) { return counts[code] > 0; });
    if (!codes.length) {
      var tr = element('tr');
      var cell = element('td', 'none', bilingual('无', 'none'));
      cell.colSpan = 2;
      tr.appendChild(cell);
      body.appendChild(tr);
      return;
    }
    codes.forEach(function (code) {
      var words = C.reasonWords(kind, code);
      var tr = element('tr');
      var name = element('th', null, bilingual(words[0], words[1]));
      name.scope = 'row';
      tr.appendChild(name);
      tr.appendChild(element('td', 'num', String(counts[code])));
      body.appendChild(tr);
    });
  }

  function markKind(status) { return status === 'excluded' ? 'excluded' : 'absent'; }

  function render(report) {
    var session = report.session || {};
    // The numbers as docs/staff-api.md has them, at the top level; the server sends them in `counts`.
    var counts = report.counts && typeof report.counts === 'object' ? report.counts : report;
    setContent($('r-site'), report.site ? UI.localized(report.site.name) : null);
    setContent($('r-session'), UI.localized(session.title));
    setContent($('r-date'), session.date || (session.opensAt ? C.dateText(session.opensAt) : ''));
    var window_ = C.sessionWindow(session);
    if (session.end && session.closesAt && C.hhmm(session.closesAt) !== session.end) {
      window_ += '（顺延至 ' + C.hhmm(session.closesAt) + '）';
    }
    setContent($('r-window'), window_);
    setContent($('r-id'), session.id || '');
    setContent($('r-generated'), C.dateTimeText(report.generatedAt));
    document.title = '测试完成情况 · ' + UI.plain(session.title);

    var note = $('r-state-note');
    if (session.state === 'open' || session.state === 'paused' || session.state === 'awaiting_start' || session.state === 'scheduled') {
      setContent(note, bilingual('注意：生成本报告时场次尚未结束，数字还会变化。', 'Note: the session had not ended when this report was made; the numbers may still change.'));
      note.hidden = false;
    } else {
      note.hidden = true;
    }

    ['sampled', 'present', 'finished', 'timedOut', 'notFinished', 'absent', 'excluded', 'notLoggedIn'].forEach(function (key) {
      setContent($('s-' + key), number(counts[key]));
    });
    // Never logged in and not marked: shown when the server counts them, so the row adds up to 应测.
    var showNotLoggedIn = typeof counts.notLoggedIn === 'number';
    $('h-notLoggedIn').hidden = !showNotLoggedIn;
    $('s-notLoggedIn').hidden = !showNotLoggedIn;
    reasonRows($('r-absent-reasons'), 'absent', counts.absentReasons);
    reasonRows($('r-excluded-reasons'), 'excluded', counts.excludedReasons);

    var list = $('r-participants');
    list.textContent = '';
    (report.participants || []).forEach(function (p, index) {
      var tr = element('tr', 'row-' + p.status);
      tr.setAttribute('data-id', p.id);
      tr.appendChild(element('td', 'num', String(index + 1)));
      tr.appendChild(element('td', 'pid', p.id));
      tr.appendChild(element('td', null, p.name || ''));
      tr.appendChild(element('td', null, p.className || ''));
      tr.appendChild(element('td', null, C.lookup(C.STATUSES, p.status)[0]));
      var reason = element('td', 'free-text');
      var text = p.reason ? C.reasonWords(markKind(p.status), p.reason)[0] : '';
      if (p.note) { text += (text ? '：' : '') + p.note; }
      reason.textContent = text;
      tr.appendChild(reason);
      list.appendChild(tr);
    });

    var incidents = report.incidents || [];
    var body = $('r-incidents');
    body.textContent = '';
    $('r-no-incidents').hidden = incidents.length > 0;
    body.parentNode.hidden = incidents.length === 0;
    incidents.forEach(function (incident) {
      var tr = element('tr');
      tr.appendChild(element('td', 'num', C.hhmm(incident.occurredAt)));
      tr.appendChild(element('td', null, C.incidentKindWords(incident.kind)[0]));
      tr.appendChild(element('td', 'who', (incident.participants || []).join('、') || '—'));
      var text = element('td', 'free-text');
      text.appendChild(element('div', 'incident-description', incident.description || ''));
      var action = element('div', 'incident-action');
      action.appendChild(element('span', 'label', '处理：'));
      action.appendChild(document.createTextNode(incident.action || ''));
      text.appendChild(action);
      tr.appendChild(text);
      tr.appendChild(element('td', null, incident.recordedBy || ''));
      body.appendChild(tr);
    });

    $('report-message').hidden = true;
    $('report').hidden = false;
    $('print').disabled = false;
    document.body.setAttribute('data-state', 'ready');
  }

  $('print').addEventListener('click', function () { window.print(); });

  var id = sessionParameter();
  if (!id) {
    fail(bilingual('地址里没有场次：请从控制台的“完成情况”打开报告。', 'No session in the address: open the report from the console.'));
    return;
  }
  // The site's time zone comes with the day plan; the report's own `site` may not carry it.
  C.api('GET', '/day').then(function (day) {
    var site = day.ok && day.body ? day.body.site : null;
    C.setTimeZone(site && site.timeZone);
    return C.api('GET', '/sessions/' + encodeURIComponent(id) + '/report');
  }).then(function (result) {
    if (result.ok && result.body) {
      if (result.body.site && result.body.site.timeZone) { C.setTimeZone(result.body.site.timeZone); }
      render(result.body);
      return;
    }
    var error = C.errorOf(result);
    var content = document.createDocumentFragment();
    content.appendChild(C.errorContent(error));
    if (result.status === 401) {
      content.appendChild(document.createTextNode(' '));
      var link = element('a', null, bilingual('去登录', 'Sign in'));
      link.href = '/proctor/';
      content.appendChild(link);
    }
    fail(content);
  });
}());
