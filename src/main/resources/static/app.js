// The Switchboard web chat: the json dialect of /ws, rendered with textContent only.
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const base = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws';
  const ROOM = /^[A-Za-z0-9_.-]{1,32}$/;
  // Lines kept per buffer: the list in the page stays bounded however much is said.
  const MAX_LINES = 500;
  // Private conversations kept; past that the one idle longest goes.
  const MAX_PRIVATE = 30;

  // One buffer per room the page is in and per private conversation, each with its own
  // lines, unread count, topic and members; the list shows the current one.
  const buffers = new Map();
  // Where the server's notices go while the page is in no room yet (before the greeting,
  // before sign-in); not listed.
  const serverBuffer = newBuffer('server', 'Switchboard');
  let current = serverBuffer;

  const state = {
    nick: sessionStorage.getItem('switchboard.nick'), // confirmed by the server, else null
    socket: null, attempt: 0, timer: null, countdown: null,
    directory: [], directoryMore: 0, // the server's rooms, from /rooms
    switchTo: null, // a room the user asked to join: shown once joined
  };

  function key(kind, name) {
    return kind + ':' + (kind === 'private' ? name.toLowerCase() : name);
  }

  function newBuffer(kind, name) {
    return { key: key(kind, name), kind, name, items: [], ids: new Set(), unread: 0, lastId: null,
      topic: '', members: null, membersMore: 0, atBottom: true, scrollTop: 0, used: Date.now() };
  }

  function bufferFor(kind, name) {
    let buffer = buffers.get(key(kind, name));
    if (!buffer) {
      buffer = newBuffer(kind, name);
      buffers.set(buffer.key, buffer);
      if (kind === 'private') forgetIdlePrivates();
      // The first room replaces the server's notices on screen.
      if (current === serverBuffer && kind === 'room') show(buffer);
      saveRooms();
      renderSide();
    }
    return buffer;
  }

  function forgetIdlePrivates() {
    const privates = [...buffers.values()].filter((b) => b.kind === 'private' && b !== current);
    while (privates.length >= MAX_PRIVATE) {
      privates.sort((a, b) => a.used - b.used);
      buffers.delete(privates.shift().key);
    }
  }

  function roomBuffers() {
    return [...buffers.values()].filter((b) => b.kind === 'room');
  }

  function saveRooms() {
    sessionStorage.setItem('switchboard.rooms', JSON.stringify(roomBuffers().map((b) => b.name)));
    if (current.kind === 'room') sessionStorage.setItem('switchboard.room', current.name);
  }

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

  // Reconnect straight into the room shown, caught up: nothing of the default room comes
  // first. The page's other rooms are joined once the connection is open.
  function url() {
    const query = new URLSearchParams();
    const first = firstRoom();
    if (first) query.set('room', first.name);
    if (first && first.lastId) query.set('since', first.lastId);
    if (token) query.set('access_token', token);
    const text = query.toString();
    return text ? base + '?' + text : base;
  }

  function firstRoom() {
    return current.kind === 'room' ? current : roomBuffers()[0] || null;
  }

  function setStatus(kind, text) {
    const status = $('status');
    status.className = 'status ' + kind;
    status.textContent = text;
  }

  // A line for the server, about a room if given (a json client is in several at once).
  function send(line, room, since) {
    if (state.socket && state.socket.readyState === WebSocket.OPEN) {
      const request = { line: line };
      if (room) request.room = room;
      if (since) request.since = since;
      state.socket.send(JSON.stringify(request));
      return true;
    }
    return false;
  }

  function span(cls, text) {
    const element = document.createElement('span');
    element.className = cls;
    element.textContent = text;
    return element;
  }

  function localTime(iso) {
    const time = new Date(iso);
    return isNaN(time) ? '' : time.toLocaleTimeString();
  }

  function lineItem(kind, parts, id) {
    const item = document.createElement('li');
    item.className = kind;
    if (id) item.dataset.id = id;
    for (const [cls, text] of parts) item.appendChild(span(cls, text));
    return item;
  }

  function chatItem(event) {
    return lineItem('chat', [['time', localTime(event.time)], ['from', event.from], ['text', event.text]], event.id);
  }

  // Add a line to a buffer: shown at once if it is the current one, else counted unread
  // (chat only; notices are not worth a badge).
  function append(buffer, item, unread) {
    buffer.items.push(item);
    const shown = buffer === current;
    const list = $('messages');
    const stick = shown && list.scrollTop + list.clientHeight >= list.scrollHeight - 20;
    if (shown) list.appendChild(item);
    while (buffer.items.length > MAX_LINES) {
      const gone = buffer.items.shift();
      if (gone.dataset.id) buffer.ids.delete(gone.dataset.id);
      gone.remove();
    }
    if (shown && stick) list.scrollTop = list.scrollHeight;
    if (!shown && unread) {
      buffer.unread++;
      renderSide();
    }
  }

  function note(buffer, kind, text) {
    append(buffer || current, lineItem(kind, [['text', text]]), false);
  }

  // A chat line once, however it came (live, replayed on joining, in a /history block).
  function addChat(event) {
    const buffer = bufferFor('room', event.room);
    if (event.id && buffer.ids.has(event.id)) return;
    if (event.id) {
      buffer.ids.add(event.id);
      buffer.lastId = event.id;
    }
    append(buffer, chatItem(event), !isMe(event.from));
  }

  // The block a /history asked on entering a room: the lines the buffer lacks, all older
  // than the live ones it has (those came after the join the block followed), go before
  // its first chat line.
  function addHistory(event) {
    const buffer = bufferFor('room', event.room);
    const firstChat = buffer.items.find((item) => item.classList.contains('chat'));
    const older = [];
    for (const line of event.events) {
      if (line.id && buffer.ids.has(line.id)) continue;
      if (line.id) buffer.ids.add(line.id);
      older.push(chatItem(line));
    }
    if (!older.length) return;
    if (!buffer.lastId) buffer.lastId = event.events[event.events.length - 1].id;
    const at = firstChat ? buffer.items.indexOf(firstChat) : buffer.items.length;
    buffer.items.splice(at, 0, ...older);
    while (buffer.items.length > MAX_LINES) {
      const gone = buffer.items.shift();
      if (gone.dataset.id) buffer.ids.delete(gone.dataset.id);
    }
    if (buffer === current) show(buffer);
  }

  function isMe(name) {
    return !!state.nick && !!name && name.toLowerCase() === state.nick.toLowerCase();
  }

  // Show a buffer: its lines, its topic, its members; its unread count is read.
  function show(buffer) {
    const list = $('messages');
    if (current !== buffer) {
      current.atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 20;
      current.scrollTop = list.scrollTop;
    }
    const switched = current !== buffer;
    current = buffer;
    buffer.unread = 0;
    buffer.used = Date.now();
    list.replaceChildren(...buffer.items);
    list.scrollTop = (!switched || buffer.atBottom) ? list.scrollHeight : buffer.scrollTop;
    $('room-name').textContent = buffer.kind === 'private' ? '\u2192 ' + buffer.name : buffer.name;
    $('room-name').dataset.kind = buffer.kind;
    $('text').placeholder = buffer.kind === 'private' ? 'message to ' + buffer.name : 'message, or /help';
    showTopic();
    renderMembers();
    renderSide();
    saveRooms();
  }

  function showTopic() {
    const text = current.kind === 'room' ? current.topic : '';
    const bar = $('topic');
    bar.textContent = text;
    bar.title = text;
    bar.classList.remove('open');
  }

  function onTopic(event) {
    const buffer = buffers.get(key('room', event.room));
    if (!buffer) return;
    buffer.topic = event.text;
    if (buffer === current) showTopic();
    // Set while the page is in the room: said in the list too, as any change is. The topic
    // on joining (by null) only fills the bar, unless the user asked for it.
    if (event.by) {
      note(buffer, 'info', event.text ? event.by + ' set the topic: ' + event.text : event.by + ' cleared the topic');
    }
    else if (typed.topic > 0) {
      typed.topic--;
      note(buffer, 'info', event.text ? 'topic: ' + event.text : 'no topic');
    }
  }

  // The side panel: the page's rooms (unread counts, a button to leave), then the server's
  // other rooms (member counts, a click joins), private conversations, and who is in the
  // current room.
  function renderSide() {
    const rooms = $('rooms');
    const counts = new Map(state.directory.map((room) => [room.name, room]));
    const items = [];
    for (const buffer of roomBuffers()) {
      const item = sideItem(buffer);
      const listed = counts.get(buffer.name);
      // A room the page is in counts its member list, which presence keeps current.
      const members = buffer.members ? buffer.members.length + buffer.membersMore : listed ? listed.members : null;
      if (members !== null) item.insertBefore(span('count', String(members)), item.querySelector('.unread, .close'));
      item.title = buffer.topic;
      items.push(item);
    }
    for (const room of state.directory) {
      if (buffers.has(key('room', room.name))) continue;
      const item = document.createElement('li');
      item.dataset.room = room.name;
      item.title = room.topic;
      item.append(span('name', room.name), span('count', String(room.members)));
      item.addEventListener('click', () => {
        closeDrawer();
        join(room.name);
      });
      items.push(item);
    }
    if (state.directoryMore > 0) items.push(lineItem('more', [['name', '\u2026 and ' + state.directoryMore + ' more']]));
    rooms.replaceChildren(...items);

    const privates = [...buffers.values()].filter((b) => b.kind === 'private');
    $('privates').replaceChildren(...privates.map(sideItem));
    $('private-section').hidden = !privates.length;

    let unread = 0;
    for (const buffer of buffers.values()) if (buffer !== current) unread += buffer.unread;
    $('menu-unread').hidden = !unread;
    $('menu-unread').textContent = String(unread);
    document.title = unread ? '(' + unread + ') Switchboard' : 'Switchboard';
  }

  function sideItem(buffer) {
    const item = document.createElement('li');
    item.classList.add('joined');
    if (buffer.kind === 'room') item.dataset.room = buffer.name;
    else item.dataset.nick = buffer.name;
    if (buffer === current) item.classList.add('current');
    item.appendChild(span('name', buffer.name));
    if (buffer.unread && buffer !== current) {
      const badge = span('unread badge', String(buffer.unread));
      badge.title = buffer.unread + ' unread';
      item.appendChild(badge);
    }
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'close';
    close.textContent = '\u00d7';
    close.title = buffer.kind === 'room' ? 'leave ' + buffer.name : 'close';
    close.setAttribute('aria-label', close.title);
    close.addEventListener('click', (e) => {
      e.stopPropagation();
      leave(buffer);
    });
    item.appendChild(close);
    item.addEventListener('click', () => {
      closeDrawer();
      show(buffer);
      if (buffer.kind === 'room') send('/who', buffer.name);
    });
    return item;
  }

  function renderMembers() {
    const list = $('who');
    const buffer = current;
    $('who-room').textContent = buffer.name;
    const names = buffer.kind === 'private' ? [buffer.name] : buffer.members || [];
    list.replaceChildren(...names.map((name) => {
      const item = document.createElement('li');
      item.dataset.name = name;
      item.appendChild(span('name', name));
      // A click opens a private conversation, as in IRC clients.
      if (!isMe(name) && buffer.kind === 'room') {
        item.classList.add('person');
        item.addEventListener('click', () => {
          closeDrawer();
          show(bufferFor('private', name));
        });
      }
      return item;
    }));
    if (buffer.membersMore > 0) list.appendChild(lineItem('more', [['name', '\u2026 and ' + buffer.membersMore + ' more']]));
  }

  function leave(buffer) {
    if (buffer.kind === 'room') {
      // The server answers "you left room ..." and the buffer goes then; a json client
      // cannot leave its only room.
      send('/part ' + buffer.name, buffer.name);
      return;
    }
    forget(buffer);
  }

  function forget(buffer) {
    buffers.delete(buffer.key);
    if (current === buffer) show(roomBuffers()[0] || [...buffers.values()][0] || serverBuffer);
    saveRooms();
    renderSide();
  }

  function refresh() {
    if (!signedIn) return; // until then the server answers only "authenticate first"
    send('/rooms');
    if (current.kind === 'room') send('/who', current.name);
  }

  function join(room) {
    if (!ROOM.test(room)) return;
    const buffer = buffers.get(key('room', room));
    if (buffer) {
      show(buffer);
      return;
    }
    state.switchTo = room;
    send('/join ' + room);
  }

  // The replies the page asked for itself are not shown; those to what the user typed are
  // (/rooms, /who, /topic). Replies come in the order asked.
  const typed = { rooms: 0, members: 0, topic: 0 };
  // Rooms whose recent lines the page asked for on entering them.
  const askedHistory = new Set();

  function onJoined(room) {
    const buffer = bufferFor('room', room);
    if (state.switchTo === room) {
      state.switchTo = null;
      show(buffer);
    }
    // A room entered without a catch-up shows its recent lines: the page asks for them.
    if (!buffer.lastId && !askedHistory.has(room)) {
      askedHistory.add(room);
      send('/history', room);
    }
    send('/who', room);
  }

  function onList(event) {
    if (event.kind === 'rooms') {
      state.directory = event.rooms;
      state.directoryMore = event.more;
      renderSide();
    }
    else {
      const buffer = buffers.get(key('room', event.room));
      if (buffer) {
        buffer.members = event.members;
        buffer.membersMore = event.more;
        if (buffer === current) renderMembers();
        renderSide();
      }
    }
    if (typed[event.kind] > 0) {
      typed[event.kind]--;
      note(event.kind === 'members' ? buffers.get(key('room', event.room)) : current, 'info', event.text);
    }
  }

  // Others coming, going and renaming keep the member lists current between refreshes.
  function onPresence(event) {
    const buffer = buffers.get(key('room', event.room));
    if (!buffer) return;
    if (buffer.members) {
      buffer.members = buffer.members.filter((name) => name !== event.who);
      if (event.joined) buffer.members.push(event.who);
      if (buffer === current) renderMembers();
      renderSide();
    }
    note(buffer, 'info', event.text);
  }

  function onRenamed(event) {
    const buffer = buffers.get(key('room', event.room));
    if (!buffer) return;
    if (buffer.members) {
      buffer.members = buffer.members.map((name) => name === event.from ? event.to : name);
      if (buffer === current) renderMembers();
    }
    note(buffer, 'info', event.text);
  }

  function onNick(nick) {
    state.nick = nick;
    $('nick-input').value = nick;
    sessionStorage.setItem('switchboard.nick', nick);
    renderMembers();
  }

  function onInfo(event) {
    const text = event.text;
    let match;
    if (event.kind === 'joined') {
      onJoined(event.room);
      return;
    }
    if (event.kind === 'nick') onNick(event.nick);
    if (event.kind === 'presence') {
      onPresence(event);
      return;
    }
    if (event.kind === 'renamed') {
      onRenamed(event);
      return;
    }
    if (text.startsWith('authenticate with /auth')) {
      signedIn = false;
      askForToken(true);
      note(null, 'info', 'this server needs a token: paste it above');
      return;
    }
    if (text.startsWith('authenticated as ')) {
      signedIn = true;
      askForToken(false);
    }
    else if (text.startsWith('token expires in ')) {
      askForToken(true);
    }
    else if (text === 'pong') {
      return;
    }
    // The replies to leaving a room, or being made to: its buffer goes.
    else if ((match = /^you left room (\S+);/.exec(text)) || (match = /^you were kicked from room (\S+) /.exec(text))) {
      const buffer = buffers.get(key('room', match[1]));
      if (buffer) forget(buffer);
      if (!match[0].startsWith('you were kicked')) return;
    }
    // The greeting names the room a connection starts in.
    if (event.room) onJoined(event.room);
    note(event.room ? bufferFor('room', event.room) : null, 'info', text);
  }

  function onPrivate(event) {
    // The other side: the sender, unless the page's own copy of what it sent.
    const other = isMe(event.to) ? event.from : event.to;
    const buffer = bufferFor('private', other);
    if (event.id && buffer.ids.has(event.id)) return;
    if (event.id) buffer.ids.add(event.id);
    append(buffer, lineItem('private', [['time', localTime(event.time)], ['from', event.from], ['text', event.text]], event.id),
      !isMe(event.from));
  }

  function onRecovered(event) {
    const buffer = bufferFor('room', event.room);
    note(buffer, 'info', event.complete
      ? (event.lines ? 'caught up: ' + event.lines + ' missed lines' : 'caught up: nothing missed')
      : event.lines
        ? 'caught up on ' + event.lines + ' lines; some older ones are gone'
        : 'what was said while you were away is gone (the server restarted, or its history moved on)');
  }

  function onError(event) {
    const text = event.text;
    if (text.startsWith('invalid token') || text === 'token expired') {
      // A token that cannot work again: the next connection goes without it and the
      // server asks for a new one.
      token = null;
      sessionStorage.removeItem('switchboard.token');
      askForToken(true);
    }
    else if (!signedIn && text.startsWith('authenticate first')) {
      return;
    }
    // The page's own ask for a room's recent lines, where the room keeps none.
    if (text === 'history is off on this server' || /^room \S+ keeps no history$/.test(text)) {
      if (askedHistory.size) return;
    }
    note(null, 'error', text);
  }

  function onEvent(event) {
    if (event.type === 'chat') addChat(event);
    else if (event.type === 'private') onPrivate(event);
    else if (event.type === 'recovered') onRecovered(event);
    else if (event.type === 'history') addHistory(event);
    else if (event.type === 'topic') onTopic(event);
    else if (event.type === 'info' && (event.kind === 'rooms' || event.kind === 'members')) onList(event);
    else if (event.type === 'info') onInfo(event);
    else if (event.type === 'error') onError(event);
  }

  // Once the connection is open: the nick, the page's other rooms (caught up where it has
  // their last line), the room list.
  function enter() {
    if (state.nick) send('/nick ' + state.nick);
    const first = firstRoom();
    for (const buffer of roomBuffers()) {
      if (buffer !== first) send('/join ' + buffer.name, null, buffer.lastId);
    }
    send('/rooms');
  }

  function connect() {
    clearInterval(state.countdown);
    setStatus('connecting', 'connecting');
    const socket = new WebSocket(url(), 'switchboard.json');
    state.socket = socket;
    socket.onopen = () => {
      state.attempt = 0;
      setStatus('connected', 'connected');
      askedHistory.clear();
      if (signedIn) enter();
    };
    socket.onmessage = (message) => {
      let event;
      try {
        event = JSON.parse(message.data);
      }
      catch (ex) {
        note(null, 'error', 'unreadable frame from the server');
        return;
      }
      onEvent(event);
    };
    socket.onclose = (event) => {
      if (state.socket !== socket) return;
      state.socket = null;
      // 1000 is the server's deliberate close: after quit, or an operator's disconnect.
      // Reconnecting would undo it, so the page stays disconnected until reloaded.
      if (event.code === 1000) {
        setStatus('disconnected', 'disconnected');
        note(null, 'info', 'disconnected: reload the page to connect again');
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

  // What the message box sends: a line to the current room, a private message in a
  // conversation; a /command as typed.
  function lineFor(text) {
    if (current.kind === 'private' && !text.startsWith('/')) return '/msg ' + current.name + ' ' + text;
    return text;
  }

  function noteTyped(text) {
    const word = text.trim().split(' ')[0];
    if (word === '/rooms') typed.rooms++;
    else if (word === '/who') typed.members++;
    else if (word === '/topic' && text.trim() === '/topic') typed.topic++;
    else if (word === '/join') state.switchTo = text.trim().split(/\s+/)[1] || null;
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

  $('menu').addEventListener('click', () => openDrawer(!document.body.classList.contains('drawer-open')));
  $('scrim').addEventListener('click', closeDrawer);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') closeDrawer();
  });

  // A long topic shows on one line; a tap shows all of it.
  $('topic').addEventListener('click', () => $('topic').classList.toggle('open'));

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
    if (nick) send('/nick ' + nick);
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
    if (!text.trim()) return;
    const room = current.kind === 'room' ? current.name : null;
    if (send(lineFor(text), room)) {
      $('text').value = '';
      noteTyped(text);
    }
  });

  // The rooms of this tab's earlier visit, the one shown first; their lines come again
  // from the server (recent lines on entering).
  let saved = [];
  try {
    saved = JSON.parse(sessionStorage.getItem('switchboard.rooms') || '[]').filter((room) => ROOM.test(room));
  }
  catch (ex) {
    saved = [];
  }
  const shown = sessionStorage.getItem('switchboard.room');
  for (const room of saved) bufferFor('room', room);
  if (shown && buffers.has(key('room', shown))) show(buffers.get(key('room', shown)));
  else if (saved.length) show(buffers.get(key('room', saved[0])));
  if (state.nick) $('nick-input').value = state.nick;
  setInterval(refresh, 5000);
  connect();
})();
