// Live pages. The ticket list: when the server says a ticket this user may see changed, fetch
// this page again and swap the list in place. A ticket page: say that it changed (never swap it
// under someone typing). Without server-sent events (or while they fail), the list polls.
(function () {
  var area = document.getElementById('ticket-area');
  var changed = document.getElementById('ticket-changed');
  if (!area && !changed) { return; }
  var pending = false;
  function refresh() {
    if (!area || pending) { return; }
    pending = true;
    fetch(window.location.href, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var next = new DOMParser().parseFromString(html, 'text/html').getElementById('ticket-area');
        if (!next) { return; }
        // keep what the agent selected for a bulk change across the swap
        var checked = Array.prototype.map.call(area.querySelectorAll('input[name=ids]:checked'), function (i) { return i.value; });
        area.innerHTML = next.innerHTML;
        checked.forEach(function (id) {
          var box = area.querySelector('input[name=ids][value="' + id + '"]');
          if (box) { box.checked = true; }
        });
        area.setAttribute('data-refreshed', String(Date.now()));
      })
      .catch(function () { })
      .then(function () { pending = false; });
  }
  function heard(ticketId) {
    refresh();
    if (changed && changed.getAttribute('data-ticket') === ticketId) { changed.hidden = false; }
  }
  var poll = null;
  function startPolling() { if (area && !poll) { poll = setInterval(refresh, 15000); } }
  function stopPolling() { if (poll) { clearInterval(poll); poll = null; } }
  if (!window.EventSource) { startPolling(); return; }
  function connect() {
    var source = new EventSource('/events');
    source.onmessage = function (e) { heard(e.data); };
    source.onopen = function () {
      if (poll) { stopPolling(); refresh(); } // catch up on what was missed while polling
    };
    source.onerror = function () {
      startPolling();
      // a refused stream (503: Redis unreachable) is not retried by the browser: try again later
      if (source.readyState === EventSource.CLOSED) { setTimeout(connect, 30000); }
    };
  }
  connect();
})();
