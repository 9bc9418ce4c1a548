// Live ticket list: when the server says a ticket this user may see changed, fetch this page
// again and swap the list in place. Without server-sent events (or while they fail), poll.
(function () {
  var area = document.getElementById('ticket-area');
  if (!area) { return; }
  var pending = false;
  function refresh() {
    if (pending) { return; }
    pending = true;
    fetch(window.location.href, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var next = new DOMParser().parseFromString(html, 'text/html').getElementById('ticket-area');
        if (next) { area.innerHTML = next.innerHTML; area.setAttribute('data-refreshed', String(Date.now())); }
      })
      .catch(function () { })
      .then(function () { pending = false; });
  }
  var poll = null;
  function startPolling() { if (!poll) { poll = setInterval(refresh, 15000); } }
  if (!window.EventSource) { startPolling(); return; }
  var source = new EventSource('/events');
  source.onmessage = function () { refresh(); };
  source.onopen = function () { if (poll) { clearInterval(poll); poll = null; } };
  source.onerror = function () { startPolling(); }; // the browser reconnects by itself; poll meanwhile
})();
