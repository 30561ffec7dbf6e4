// The Switchboard operations page: polls the clients and rooms endpoints (through
// /admin/api/, which carries the browser's credentials) and two metrics every 2 s; all text
// via textContent.
(() => {
  'use strict';
  const POLL_MILLIS = 2000;
  const WINDOW_MILLIS = 10 * 60 * 1000;
  // location.origin, never a relative URL: a page opened as http://user:pw@host/ would
  // make fetch() refuse URLs that carry credentials.
  const api = (path) => location.origin + path;
  const rates = [];
  const connected = [];
  let lastDelivered = null;

  const $ = (id) => document.getElementById(id);

  function cell(row, text, className) {
    const td = document.createElement('td');
    td.textContent = (text === null || text === undefined) ? '' : String(text);
    if (className) {
      td.className = className;
    }
    row.appendChild(td);
    return td;
  }

  function status(text, ok) {
    $('status').textContent = text;
    $('status').className = 'status ' + (ok ? 'ok' : 'error');
  }

  async function metric(name) {
    const response = await fetch(api('/actuator/metrics/' + name), { cache: 'no-store' });
    if (!response.ok) {
      return 0; // not registered yet: nothing happened
    }
    const body = await response.json();
    return body.measurements.reduce((sum, m) => sum + m.value, 0);
  }

  async function disconnect(id, button) {
    button.disabled = true;
    const response = await fetch(api('/admin/api/clients/' + encodeURIComponent(id)), { method: 'DELETE' });
    $('message-result').textContent = response.ok ? 'disconnected ' + id : 'disconnect ' + id + ': HTTP ' + response.status;
    poll();
  }

  // Rows are kept per client and updated in place, so a Disconnect button stays put
  // between polls.
  const clientRows = new Map();
  const FIELDS = [['id', 'id'], ['protocol', 'protocol'], ['remoteAddress', 'address'], ['nick', 'nick'],
    ['room', 'room'], ['connectedAt', 'since'], ['messagesIn', 'num in'], ['messagesOut', 'num out'],
    ['outboxBytes', 'num outbox']];

  function clientRow(client) {
    let row = clientRows.get(client.id);
    if (!row) {
      row = document.createElement('tr');
      row.dataset.id = client.id;
      for (const [, className] of FIELDS) {
        cell(row, '', className);
      }
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'disconnect';
      button.textContent = 'Disconnect';
      button.addEventListener('click', () => disconnect(client.id, button));
      cell(row, null).appendChild(button);
      clientRows.set(client.id, row);
    }
    FIELDS.forEach(([field], i) => {
      const value = field === 'connectedAt' ? new Date(client.connectedAt).toLocaleString() : client[field];
      const text = (value === null || value === undefined) ? '' : String(value);
      if (row.cells[i].textContent !== text) {
        row.cells[i].textContent = text;
      }
    });
    return row;
  }

  function renderClients(clients) {
    const body = document.querySelector('#clients tbody');
    const seen = new Set(clients.map((client) => client.id));
    for (const [id, row] of clientRows) {
      if (!seen.has(id)) {
        row.remove();
        clientRows.delete(id);
      }
    }
    clients.forEach((client, i) => {
      const row = clientRow(client);
      if (body.children[i] !== row) {
        body.insertBefore(row, body.children[i] || null);
      }
    });
    $('client-count').textContent = String(clients.length);
  }

  // 1023 B, 1.5 KB, 12.0 MB (1 KB = 1024 B, as switchboard.history.max-bytes counts).
  function size(bytes) {
    if (bytes < 1024) {
      return bytes + ' B';
    }
    const units = ['KB', 'MB', 'GB'];
    let value = bytes / 1024;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return value.toFixed(1) + ' ' + units[unit];
  }

  // Every room with members, a topic or history (the rooms endpoint, sorted by name).
  function renderRooms(rooms) {
    const rows = rooms.map((room) => {
      const row = document.createElement('tr');
      row.dataset.room = room.name;
      cell(row, room.name, 'room');
      cell(row, room.members, 'num members');
      cell(row, room.topic, 'topic');
      cell(row, room.historyLines, 'num history-lines');
      cell(row, size(room.historyBytes), 'num history-size');
      return row;
    });
    document.querySelector('#rooms tbody').replaceChildren(...rows);
  }

  async function lift(id, button) {
    button.disabled = true;
    const response = await fetch(api('/admin/api/bans/' + encodeURIComponent(id)), { method: 'DELETE' });
    $('ban-result').textContent = response.ok ? 'lifted ban ' + id : 'lift ' + id + ': ' + await problem(response);
    poll();
  }

  // What the server said was wrong (its "error" field), else the HTTP status.
  async function problem(response) {
    try {
      const body = await response.json();
      if (body && body.error) {
        return body.error;
      }
    } catch (ignored) {
      // not JSON
    }
    return 'HTTP ' + response.status;
  }

  // The ban list (the bans endpoint, through /admin/api/bans), each with a Lift button.
  function renderBans(bans) {
    const rows = bans.map((ban) => {
      const row = document.createElement('tr');
      row.dataset.id = ban.id;
      cell(row, ban.id, 'id');
      cell(row, ban.kind, 'kind');
      cell(row, ban.value, 'target');
      cell(row, ban.reason, 'reason');
      cell(row, ban.by, 'by');
      cell(row, new Date(ban.created).toLocaleString(), 'since');
      cell(row, ban.until ? new Date(ban.until).toLocaleString() : 'until lifted', 'until');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'lift';
      button.textContent = 'Lift';
      button.addEventListener('click', () => lift(ban.id, button));
      cell(row, null).appendChild(button);
      return row;
    });
    document.querySelector('#bans tbody').replaceChildren(...rows);
    $('ban-count').textContent = String(bans.length);
  }

  function draw(canvas, points, now) {
    const context = canvas.getContext('2d');
    const width = canvas.width;
    const height = canvas.height;
    context.clearRect(0, 0, width, height);
    const max = Math.max(1, ...points.map((p) => p.v));
    context.fillStyle = '#8a93a3';
    context.font = '11px system-ui, sans-serif';
    context.fillText(String(Math.round(max * 10) / 10), 2, 11);
    context.fillText('0', 2, height - 2);
    context.strokeStyle = '#e3e6eb';
    context.beginPath();
    context.moveTo(0, height - 0.5);
    context.lineTo(width, height - 0.5);
    context.stroke();
    context.strokeStyle = '#3a6ff0';
    context.lineWidth = 2;
    context.beginPath();
    points.forEach((p, i) => {
      const x = width - ((now - p.t) / WINDOW_MILLIS) * width;
      const y = height - 2 - (p.v / max) * (height - 16);
      if (i === 0) {
        context.moveTo(x, y);
      } else {
        context.lineTo(x, y);
      }
    });
    context.stroke();
    if (points.length === 1) {
      const y = height - 2 - (points[0].v / max) * (height - 16);
      context.fillStyle = '#3a6ff0';
      context.fillRect(width - 4, y - 2, 4, 4);
    }
  }

  function record(series, now, value) {
    series.push({ t: now, v: value });
    while (series.length && now - series[0].t > WINDOW_MILLIS) {
      series.shift();
    }
  }

  let polling = false;
  async function poll() {
    if (polling) {
      return;
    }
    polling = true;
    try {
      const response = await fetch(api('/admin/api/clients'), { cache: 'no-store' });
      if (!response.ok) {
        throw new Error('clients: HTTP ' + response.status);
      }
      const listing = await response.json();
      renderClients(listing.clients);
      const roomsResponse = await fetch(api('/admin/api/rooms'), { cache: 'no-store' });
      if (!roomsResponse.ok) {
        throw new Error('rooms: HTTP ' + roomsResponse.status);
      }
      renderRooms((await roomsResponse.json()).rooms);
      const bansResponse = await fetch(api('/admin/api/bans'), { cache: 'no-store' });
      if (!bansResponse.ok) {
        throw new Error('bans: HTTP ' + bansResponse.status);
      }
      renderBans((await bansResponse.json()).bans);
      const now = Date.now();
      const [delivered, clients] = await Promise.all([
        metric('switchboard.messages.delivered'), metric('switchboard.clients')]);
      if (lastDelivered !== null && now > lastDelivered.t) {
        record(rates, now, Math.max(0, delivered - lastDelivered.v) / ((now - lastDelivered.t) / 1000));
      }
      lastDelivered = { t: now, v: delivered };
      record(connected, now, clients);
      $('rate-now').textContent = rates.length ? rates[rates.length - 1].v.toFixed(1) + '/s' : '–';
      $('clients-now').textContent = String(clients);
      draw($('rate-chart'), rates, now);
      draw($('clients-chart'), connected, now);
      $('updated').textContent = 'updated ' + new Date(now).toLocaleTimeString();
      status('live', true);
    } catch (error) {
      status('error: ' + error.message, false);
    } finally {
      polling = false;
    }
  }

  $('message-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const message = $('message-text').value;
    const room = $('message-room').value.trim();
    const body = room ? { message, room } : { message };
    const response = await fetch(api('/admin/api/clients'), {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (response.ok) {
      const result = await response.json();
      $('message-result').textContent = 'sent to ' + (room || 'everyone')
        + (result.recipients !== null && result.recipients !== undefined ? ' (' + result.recipients + ' recipients)' : '');
      $('message-text').value = '';
    } else {
      $('message-result').textContent = 'not sent: HTTP ' + response.status;
    }
  });

  $('ban-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const kind = $('ban-kind').value;
    const body = { [kind]: $('ban-value').value.trim() };
    const duration = $('ban-duration').value.trim();
    const reason = $('ban-reason').value.trim();
    if (duration) {
      body.duration = duration;
    }
    if (reason) {
      body.reason = reason;
    }
    const response = await fetch(api('/admin/api/bans'), {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (response.ok) {
      const ban = await response.json();
      $('ban-result').textContent = 'banned ' + ban.kind + ' ' + ban.value + ' (ban ' + ban.id + ')';
      $('ban-value').value = '';
      $('ban-reason').value = '';
      $('ban-duration').value = '';
    } else {
      $('ban-result').textContent = 'not banned: ' + await problem(response);
    }
    poll();
  });

  poll();
  setInterval(poll, POLL_MILLIS);
})();
