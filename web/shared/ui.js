// What the participant's page, the proctor console and the printable report share, as
// window.KioskUI: small helpers with one behaviour on every page.
//
//   $(id)                                document.getElementById
//   now()                                a steady clock in ms, for measuring intervals
//   pad(number)                          7 as "07"
//   duration(ms)                         12:34, or 1:02:03 from an hour on
//   bilingual(zh, en)                    Chinese first, English second (<span class="en">: smaller, grey)
//   localized(text)                      a { "zh-CN", en } text (or a plain string) as bilingual()
//   plain(text)                          the same as one string: the Chinese, else the English
//   element(tag, className, content)     a new element holding a string, a number or a node
//   setContent(node, content)            a node's content replaced by a string or a node (or nothing)
//   announce(text)                       said by screen readers through the page's #announcer
//   trapFocus(overlay, card, onEscape)   a modal dialog's keyboard: Tab stays inside, Esc calls onEscape
//   requestJson(method, url, body, headers)  a JSON request to the server that never throws
//
// Text goes into the page only as text nodes, never as HTML.
//
// ES2017 at most: lab machines may run Chromium 69.
(function () {
  'use strict';

  var FETCH_TIMEOUT_MS = 10000;

  function $(id) { return document.getElementById(id); }

  function now() {
    return (window.performance && performance.now) ? performance.now() : Date.now();
  }

  function pad(number) { return number < 10 ? '0' + number : String(number); }

  function duration(ms) {
    var seconds = Math.max(0, Math.ceil(ms / 1000));
    var hours = Math.floor(seconds / 3600);
    var minutes = Math.floor((seconds % 3600) / 60);
    var rest = seconds % 60;
    return (hours > 0 ? hours + ':' + pad(minutes) : pad(minutes)) + ':' + pad(rest);
  }

  // ---- DOM -----------------------------------------------------------------------------------

  function bilingual(zh, en) {
    var fragment = document.createDocumentFragment();
    fragment.appendChild(document.createTextNode(zh));
    if (en) {
      var span = document.createElement('span');
      span.className = 'en';
      span.textContent = en;
      fragment.appendChild(document.createTextNode(' '));
      fragment.appendChild(span);
    }
    return fragment;
  }

  function localized(text) {
    if (!text) { return document.createDocumentFragment(); }
    if (typeof text === 'string') { return document.createTextNode(text); }
    return bilingual(text['zh-CN'] || text.en || '', text['zh-CN'] ? (text.en || '') : '');
  }

  function plain(text) {
    if (!text) { return ''; }
    if (typeof text === 'string') { return text; }
    return text['zh-CN'] || text.en || '';
  }

  function element(tag, className, content) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (typeof content === 'string' || typeof content === 'number') {
      node.textContent = String(content);
    } else if (content) {
      node.appendChild(content);
    }
    return node;
  }

  function setContent(node, content) {
    node.textContent = '';
    if (content !== null && content !== undefined) {
      node.appendChild(typeof content === 'string' ? document.createTextNode(content) : content);
    }
  }

  // Emptied first, so that the same words said twice are said again.
  function announce(text) {
    var announcer = $('announcer');
    announcer.textContent = '';
    window.setTimeout(function () { announcer.textContent = text; }, 50);
  }

  // While `overlay` is shown: Tab and Shift+Tab cycle through what can take focus in `card`, focus
  // that lands outside goes back in, and Esc calls `onEscape`.
  function trapFocus(overlay, card, onEscape) {
    function focusables() {
      return Array.prototype.filter.call(card.querySelectorAll('button, input, select, textarea, [href], [tabindex]:not([tabindex="-1"])'),
        function (node) { return !node.disabled && !node.hidden && node.offsetParent !== null; });
    }

    document.addEventListener('keydown', function (event) {
      if (overlay.hidden) { return; }
      if (event.key === 'Escape' || event.key === 'Esc') {
        event.preventDefault();
        onEscape();
        return;
      }
      if (event.key === 'Tab') {
        var nodes = focusables();
        if (!nodes.length) { event.preventDefault(); return; }
        var index = nodes.indexOf(document.activeElement);
        var next = event.shiftKey ? (index <= 0 ? nodes.length - 1 : index - 1) : (index < 0 || index === nodes.length - 1 ? 0 : index + 1);
        event.preventDefault();
        nodes[next].focus();
      }
    });

    document.addEventListener('focusin', function (event) {
      if (!overlay.hidden && !card.contains(event.target)) {
        var nodes = focusables();
        if (nodes.length) { nodes[0].focus(); }
      }
    });
  }

  // ---- The server ----------------------------------------------------------------------------

  // Resolves to { status, ok, body (the parsed JSON or null), headers }; status 0 is a network
  // failure (server down, timeout). `headers`: more request headers, or nothing.
  function requestJson(method, url, body, headers) {
    var controller = typeof AbortController === 'function' ? new AbortController() : null;
    var timer = controller ? window.setTimeout(function () { controller.abort(); }, FETCH_TIMEOUT_MS) : 0;
    var init = { method: method, credentials: 'same-origin', cache: 'no-store', headers: { 'Accept': 'application/json' } };
    Object.keys(headers || {}).forEach(function (name) { init.headers[name] = headers[name]; });
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    if (controller) { init.signal = controller.signal; }
    return fetch(url, init).then(function (response) {
      return response.text().then(function (text) {
        window.clearTimeout(timer);
        var parsed = null;
        try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = null; }
        return { status: response.status, ok: response.ok, body: parsed, headers: response.headers };
      });
    }).catch(function (error) {
      window.clearTimeout(timer);
      return { status: 0, ok: false, body: null, headers: null, error: error };
    });
  }

  window.KioskUI = {
    $: $,
    now: now,
    pad: pad,
    duration: duration,
    bilingual: bilingual,
    localized: localized,
    plain: plain,
    element: element,
    setContent: setContent,
    announce: announce,
    trapFocus: trapFocus,
    requestJson: requestJson
  };
}());
