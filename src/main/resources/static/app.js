// The Switchboard web chat: the json dialect of /ws, rendered with textContent only.
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const base = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws';
  const NAME = /^[A-Za-z0-9_.-]{1,32}$/;

  // What to restore after a reconnect: the nick, the room, and the id of the room's last line
  // shown, so the server replays what was missed meanwhile (catch-up) before live lines.
  const state = { nick: null, room: null, lastId: null, socket: null, attempt: 0, timer: null, countdown: null };

  // A token (switchboard.auth.mode=token) comes in the page's fragment, which browsers never
  // send to servers or put in Referer: http://host:8080/#access_token=eyJ...
  const fragment = new URLSearchParams(location.hash.slice(1));
  if (fragment.get('access_token')) {
    sessionStorage.setItem('switchboard.token', fragment.get('access_token'));
    history.replaceState(null, '', location.pathname + location.search);
  }
  // Or it is pasted into the token field, which the page shows when the server asks for one
  // (it is kept for the tab's reconnects like a fragment's).
  let token = sessionStorage.getItem('switchboard.token');
  let signedIn = true; // false from the server's "authenticate with /auth" until "authenticated as"

  function askForToken(show) {
    $('token-form').hidden = !show;
    if (show) $('token-input').focus();
  }

  // Reconnect straight into the room, caught up: nothing of the default room comes first.
  function url() {
    const query = new URLSearchParams();
    if (state.room) query.set('room', state.room);
    if (state.room && state.lastId) query.set('since', state.lastId);
    if (token) query.set('access_token', token);
    const text = query.toString();
    return text ? base + '?' + text : base;
  }

  function remember(event) {
    if (event.room !== state.room || !event.id) return;
    state.lastId = event.id;
    sessionStorage.setItem('switchboard.lastId', state.lastId);
  }

  function setStatus(kind, text) {
    const status = $('status');
    status.className = 'status ' + kind;
    status.textContent = text;
  }

  function send(line) {
    if (state.socket && state.socket.readyState === WebSocket.OPEN) {
      state.socket.send(JSON.stringify({ line: line }));
      return true;
    }
    return false;
  }

  function append(kind, parts) {
    const list = $('messages');
    const stick = list.scrollTop + list.clientHeight >= list.scrollHeight - 20;
    const item = document.createElement('li');
    item.className = kind;
    for (const [cls, text] of parts) {
      const span = document.createElement('span');
      span.className = cls;
      span.textContent = text;
      item.appendChild(span);
    }
    list.appendChild(item);
    while (list.children.length > 500) list.removeChild(list.firstChild);
    if (stick) list.scrollTop = list.scrollHeight;
  }

  function showRoomName() {
    $('room-name').textContent = state.room;
    $('who-room').textContent = state.room;
    showTopic();
  }

  // Each room's topic as the server last said it; the bar shows the current room's.
  const topics = new Map();

  function showTopic() {
    const text = topics.get(state.room) || '';
    const bar = $('topic');
    bar.textContent = text;
    bar.title = text;
    bar.classList.remove('open');
  }

  function onTopic(event) {
    topics.set(event.room, event.text);
    if (event.room === state.room) showTopic();
    // Set while the page is in the room: said in the list too, as any change is. The topic
    // on joining (by null) only fills the bar.
    if (event.by && event.room === state.room) {
      append('info', [['text', event.text ? event.by + ' set the topic: ' + event.text : event.by + ' cleared the topic']]);
    }
  }

  function localTime(iso) {
    const time = new Date(iso);
    return isNaN(time) ? '' : time.toLocaleTimeString();
  }

  // The room list and the member list come as data ({"kind": "rooms"}, {"kind": "members"}),
  // never parsed from text: a topic such as "test (42)" is no room.
  function showRooms(rooms, more) {
    const list = $('rooms');
    list.replaceChildren();
    for (const room of rooms) {
      const item = document.createElement('li');
      item.dataset.room = room.name;
      item.title = room.topic;
      item.append(span('name', room.name), span('count', String(room.members)));
      if (room.name === state.room) item.classList.add('current');
      item.addEventListener('click', () => {
        closeDrawer();
        join(room.name);
      });
      list.appendChild(item);
    }
    if (more > 0) list.appendChild(Object.assign(document.createElement('li'), { textContent: '\u2026 and ' + more + ' more' }));
  }

  function showWho(names, more) {
    const list = $('who');
    list.replaceChildren();
    for (const name of names) {
      const item = document.createElement('li');
      item.dataset.name = name;
      item.append(span('name', name));
      list.appendChild(item);
    }
    if (more > 0) list.appendChild(Object.assign(document.createElement('li'), { textContent: '\u2026 and ' + more + ' more' }));
  }

  function span(cls, text) {
    const element = document.createElement('span');
    element.className = cls;
    element.textContent = text;
    return element;
  }

  function refresh() {
    if (!signedIn) return; // until then the server answers only "authenticate first"
    send('/rooms');
    send('/who');
  }

  function join(room) {
    if (NAME.test(room) && room !== state.room) send('/join ' + room);
  }

  // Lists the page asks for itself fill the side panel only; those the user typed
  // (/rooms, /who) are shown in the message list too. Replies come in the order asked.
  const typed = { rooms: 0, members: 0 };

  function onList(event) {
    if (event.kind === 'rooms') showRooms(event.rooms, event.more);
    else if (event.room === state.room) showWho(event.members, event.more);
    if (typed[event.kind] > 0) {
      typed[event.kind]--;
      append('info', [['text', event.text]]);
    }
  }

  function onInfo(text) {
    let match;
    if (text.startsWith('authenticate with /auth')) {
      signedIn = false;
      askForToken(true);
      text = 'this server needs a token: paste it above';
    }
    else if (text.startsWith('authenticated as ')) {
      signedIn = true;
      askForToken(false);
    }
    else if (text.startsWith('token expires in ')) {
      askForToken(true);
    }
    if ((match = /^you are now in room (\S+)$/.exec(text))) {
      const previous = state.room;
      if (match[1] !== previous) {
        state.lastId = null;
        sessionStorage.removeItem('switchboard.lastId');
      }
      state.room = match[1];
      // A json client is in every room it joined until it parts; the page shows one.
      if (previous && previous !== state.room) send('/part ' + previous);
      showRoomName();
      refresh();
    }
    else if ((match = /^you are now (\S+)$/.exec(text))) {
      state.nick = match[1];
      $('nick-input').value = state.nick;
      sessionStorage.setItem('switchboard.nick', state.nick);
      send('/who');
    }
    else if (text === 'pong' || text.startsWith('you left room ')) {
      return;
    }
    else if (/ (joined|left)$/.test(text)) {
      send('/who');
    }
    if (state.room) sessionStorage.setItem('switchboard.room', state.room);
    append('info', [['text', text]]);
  }

  function onEvent(event) {
    // The greeting names the room a new connection starts in.
    if (event.type === 'info' && event.room && !state.room && !/ (joined|left)$/.test(event.text)) {
      state.room = event.room;
      showRoomName();
    }
    if (event.room && state.room && event.room !== state.room && event.type !== 'topic' && event.kind !== 'joined') {
      return; // a room the page has just left
    }
    if (event.type === 'chat') {
      remember(event);
      append('chat', [['time', localTime(event.time)], ['from', event.from], ['text', event.text]]);
    }
    else if (event.type === 'private') {
      append('private', [['time', localTime(event.time)], ['from', event.from + ' \u2192 ' + event.to], ['text', event.text]]);
    }
    else if (event.type === 'recovered') {
      append('info', [['text', event.complete
        ? (event.lines ? 'caught up: ' + event.lines + ' missed lines' : 'caught up: nothing missed')
        : 'caught up on ' + event.lines + ' lines; older ones are gone, some were missed']]);
    }
    else if (event.type === 'history') {
      append('info', [['text', 'history of ' + event.room + ': ' + event.events.length + ' lines']]);
      for (const line of event.events) {
        append('chat', [['time', localTime(line.time)], ['from', line.from], ['text', line.text]]);
      }
    }
    else if (event.type === 'topic') {
      onTopic(event);
    }
    else if (event.type === 'info' && (event.kind === 'rooms' || event.kind === 'members')) {
      onList(event);
    }
    else if (event.type === 'info') {
      onInfo(event.text);
    }
    else if (event.type === 'error') {
      if (event.text.startsWith('invalid token') || event.text === 'token expired') {
        // A token that cannot work again: the next connection goes without it and the
        // server asks for a new one.
        token = null;
        sessionStorage.removeItem('switchboard.token');
        askForToken(true);
      }
      else if (!signedIn && event.text.startsWith('authenticate first')) {
        return;
      }
      const taken = /^nick (\S+) is taken$/.exec(event.text);
      if (taken && taken[1] === state.nick) state.nick = null;
      append('error', [['text', event.text]]);
    }
  }

  function connect() {
    clearInterval(state.countdown);
    setStatus('connecting', 'connecting');
    const socket = new WebSocket(url(), 'switchboard.json');
    state.socket = socket;
    socket.onopen = () => {
      state.attempt = 0;
      setStatus('connected', 'connected');
      // The room (and the catch-up) came with the URL.
      if (state.nick) send('/nick ' + state.nick);
      refresh();
    };
    socket.onmessage = (message) => {
      try {
        onEvent(JSON.parse(message.data));
      }
      catch (ex) {
        append('error', [['text', 'unreadable frame from the server']]);
      }
    };
    socket.onclose = (event) => {
      if (state.socket !== socket) return;
      state.socket = null;
      // 1000 is the server's deliberate close: after quit, or an operator's disconnect.
      // Reconnecting would undo it, so the page stays disconnected until reloaded.
      if (event.code === 1000) {
        setStatus('disconnected', 'disconnected');
        append('info', [['text', 'disconnected: reload the page to connect again']]);
        return;
      }
      scheduleReconnect();
    };
  }

  // Exponential backoff with jitter: 1 s, 2 s, 4 s ... 30 s, each drawn from its upper half,
  // the first too (0.5-1 s): pages a server closed together must not all return together.
  function scheduleReconnect() {
    state.attempt++;
    const ceiling = Math.min(30000, 1000 * Math.pow(2, state.attempt - 1));
    const delay = ceiling / 2 + Math.random() * ceiling / 2;
    const due = Date.now() + delay;
    const tick = () => setStatus('reconnecting', 'reconnecting in ' + Math.max(1, Math.ceil((due - Date.now()) / 1000)) + 's');
    tick();
    clearInterval(state.countdown);
    state.countdown = setInterval(tick, 500);
    clearTimeout(state.timer);
    state.timer = setTimeout(connect, delay);
  }

  // On narrow screens the side panel is a drawer over the chat.
  function openDrawer(open) {
    document.body.classList.toggle('drawer-open', open);
    $('scrim').hidden = !open;
    $('menu').setAttribute('aria-expanded', String(open));
  }

  function closeDrawer() {
    openDrawer(false);
  }

  // A long topic shows on one line; a tap shows all of it.
  $('topic').addEventListener('click', () => $('topic').classList.toggle('open'));

  $('menu').addEventListener('click', () => openDrawer(!document.body.classList.contains('drawer-open')));
  $('scrim').addEventListener('click', closeDrawer);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') closeDrawer();
  });

  // The newest line stays in view when the list gets shorter (a phone's keyboard opens,
  // the window shrinks) as it does when a line comes.
  let atBottom = true;
  $('messages').addEventListener('scroll', () => {
    const list = $('messages');
    atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 20;
  });
  new ResizeObserver(() => {
    if (atBottom) $('messages').scrollTop = $('messages').scrollHeight;
  }).observe($('messages'));

  $('token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const value = $('token-input').value.trim();
    if (!value) return;
    token = value;
    sessionStorage.setItem('switchboard.token', token);
    $('token-input').value = '';
    // Over the open connection if there is one, else at the next handshake, at once.
    if (!send('/auth ' + token)) {
      clearTimeout(state.timer);
      connect();
    }
  });

  $('nick-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const nick = $('nick-input').value.trim();
    if (NAME.test(nick)) {
      state.nick = nick;
      send('/nick ' + nick);
    }
  });

  $('join-form').addEventListener('submit', (e) => {
    e.preventDefault();
    closeDrawer();
    join($('join-input').value.trim());
    $('join-input').value = '';
  });

  $('send-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const text = $('text').value;
    if (text.trim() && send(text)) {
      $('text').value = '';
      const word = text.trim().split(' ')[0];
      if (word === '/rooms') typed.rooms++;
      else if (word === '/who') typed.members++;
    }
  });

  state.nick = sessionStorage.getItem('switchboard.nick');
  state.room = sessionStorage.getItem('switchboard.room');
  state.lastId = sessionStorage.getItem('switchboard.lastId');
  if (state.nick) $('nick-input').value = state.nick;
  setInterval(refresh, 5000);
  connect();
})();
