// Lab readiness check: measures this machine and reports it to the kiosk.
// ES2017 at most: lab machines may run Chromium 69.
(function () {
  'use strict';

  var MACHINE_KEY = 'kiosk.check.machine';
  var form = document.getElementById('check-form');
  var machineInput = document.getElementById('machine');
  var startButton = document.getElementById('start');
  var formError = document.getElementById('form-error');

  function text(id, value) {
    document.getElementById(id).textContent = value;
  }

  function storageWorks() {
    try {
      var probe = 'kiosk.check.probe';
      window.localStorage.setItem(probe, '1');
      var ok = window.localStorage.getItem(probe) === '1';
      window.localStorage.removeItem(probe);
      return ok;
    } catch (e) {
      return false;
    }
  }

  function scriptFeaturesWork() {
    return typeof window.fetch === 'function' && typeof Promise === 'function' &&
      typeof Object.assign === 'function' && typeof Array.prototype.includes === 'function';
  }

  // One round trip to the server's clock: its duration, and how far this clock is from the server's
  // (taking the server's reading to be from the middle of the round trip).
  function sampleClock() {
    var sent = Date.now();
    return fetch('/api/v1/time', { cache: 'no-store' }).then(function (response) {
      if (!response.ok) { throw new Error('HTTP ' + response.status); }
      return response.json();
    }).then(function (body) {
      var received = Date.now();
      return { roundTripMs: received - sent, clockOffsetMs: Math.round((sent + received) / 2 - body.serverTime) };
    });
  }

  // The fastest of five samples is the least disturbed by the network.
  function measureClock() {
    var samples = [];
    var chain = Promise.resolve();
    for (var i = 0; i < 5; i++) {
      chain = chain.then(sampleClock).then(function (sample) { samples.push(sample); });
    }
    return chain.then(function () {
      return samples.reduce(function (best, sample) {
        return sample.roundTripMs < best.roundTripMs ? sample : best;
      });
    });
  }

  function show(check, verdict) {
    document.getElementById('result').hidden = false;
    var heading = document.getElementById('verdict');
    heading.className = verdict.passed ? 'verdict-pass' : 'verdict-fail';
    heading.textContent = verdict.passed ? '✔ 本机检测通过 · Ready' : '✘ 本机未通过检测 · Not ready';
    text('fact-browser', check.userAgent);
    text('fact-screen', check.screenWidth + ' × ' + check.screenHeight);
    text('fact-rtt', check.roundTripMs + ' ms');
    text('fact-clock', (check.clockOffsetMs >= 0 ? '+' : '') + (check.clockOffsetMs / 1000).toFixed(1) + ' s');
    text('fact-storage', check.storageWorks ? '可用 · works' : '不可用 · unavailable');
    var list = document.getElementById('problems');
    list.textContent = '';
    verdict.problems.concat(verdict.warnings).forEach(function (problem) {
      var item = document.createElement('li');
      item.className = verdict.problems.indexOf(problem) >= 0 ? 'problem' : 'warning';
      item.textContent = problem.message + ' · ' + problem.messageEn;
      list.appendChild(item);
    });
    heading.focus();
  }

  function fail(message) {
    formError.textContent = message;
    formError.hidden = false;
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var machine = machineInput.value.trim();
    formError.hidden = true;
    if (!machine) {
      fail('请先填写机位号 · Enter the seat label first');
      machineInput.focus();
      return;
    }
    try { window.localStorage.setItem(MACHINE_KEY, machine); } catch (e) { /* reported as storage */ }
    startButton.disabled = true;
    measureClock().then(function (clock) {
      var check = {
        machine: machine,
        userAgent: navigator.userAgent,
        screenWidth: window.screen.width,
        screenHeight: window.screen.height,
        clockOffsetMs: clock.clockOffsetMs,
        roundTripMs: clock.roundTripMs,
        storageWorks: storageWorks(),
        scriptFeaturesWork: scriptFeaturesWork()
      };
      return fetch('/api/v1/lab/checks', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(check)
      }).then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) { throw new Error(body.error.message + ' · ' + body.error.messageEn); }
          show(check, body);
        });
      });
    }).catch(function (error) {
      fail('检测未完成：' + error.message + ' · The check did not finish');
    }).then(function () {
      startButton.disabled = false;
    });
  });

  try {
    machineInput.value = window.localStorage.getItem(MACHINE_KEY) || '';
  } catch (e) { /* storage unavailable: the check will say so */ }
  document.getElementById('verdict').setAttribute('tabindex', '-1');
  machineInput.focus();
}());
