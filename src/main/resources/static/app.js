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

  // What the server's hello says (these until it does): the longest line in bytes, the
  // longest frame in characters, and the nick rules (core Nicks), so the page refuses what
  // the server would refuse, before sending it.
  const limits = {
    maxLineBytes: 8192,
    maxFrameChars: 8192 + 1024,
    nick: /^(?:[A-Za-z\[\]\\^_`{|}][A-Za-z0-9\[\]\\^_`{|}-]{0,31})$/,
    nickRules: '1-32 of A-Z a-z 0-9 _ - [ ] \\ ^ ` { | }, not starting with a digit, - or [',
  };

  const state = {
    // The nick the user chose, kept only once the server confirmed it, so a refused one is
    // never what a reconnect asks for.
    nick: sessionStorage.getItem('switchboard.nick'),
    self: null, // what the server shows this connection as (its nick, else a guest name)
    pendingNick: null, // asked for, not yet confirmed
    nickRetries: 0,
    nickAsked: false, // this connection asked for the nick kept
    socket: null, attempt: 0, timer: null, countdown: null,
    joinedHere: new Set(), // rooms this connection is in
    greeting: null, // the room the greeting names
    // What the server says before its hello (the greeting, the nick a token gives, a room
    // a token refuses): kept until the hello says which room the page is in, and shown there.
    early: null,
    connectedAt: 0,
    directory: [], directoryMore: 0, // the server's rooms, from /rooms
    switchTo: null, // a room the user asked to join: shown once joined
    historyAsked: 0, // the page's own /history asks not answered yet
  };

  function key(kind, name) {
    return kind + ':' + (kind === 'private' ? name.toLowerCase() : name);
  }

  function newBuffer(kind, name) {
    return { key: key(kind, name), kind, name, items: [], ids: new Set(), unread: 0, lastId: null,
      topic: '', members: null, membersMore: 0, atBottom: true, scrollTop: 0, used: Date.now(), created: Date.now() };
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
  // Whether this server wants a token (it said "authenticate with /auth", or refused one):
  // then the page connects again only with a token, so it never waits out the server's
  // sign-in timeout, is closed, reconnects and waits again. A reload asks the server anew
  // (its mode may have changed).
  let needsToken = false;
  let signedIn = true; // false while the server waits for a token

  function askForToken(show) {
    $('token-form').hidden = !show;
    if (show) $('token-input').focus();
  }

  // No token for a server that wants one: nothing to connect with until one is pasted.
  function awaitToken() {
    needsToken = true;
    signedIn = false;
    askForToken(true);
    setStatus('signed-out', 'token needed');
    // Nothing of what the page knew before the token shows meanwhile.
    state.directory = [];
    state.directoryMore = 0;
    renderSide();
  }

  // Reconnect straight into the page's first room, caught up: nothing of the default room
  // comes first. Its other rooms are joined, caught up too, once the hello came, in the
  // order they were joined: the last is the server's current room again (the room the
  // operations page shows).
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
    return roomBuffers()[0] || null;
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

  // Links in text: http and https only (never javascript:, data: ...), opened in a new tab
  // that cannot reach back to this one (noopener) nor learn where it came from. Everything
  // else stays text.
  const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`\u0000-\u001f\u007f]+/gi;

  function linked(text) {
    const fragment = document.createDocumentFragment();
    let at = 0;
    for (const match of text.matchAll(URL_IN_TEXT)) {
      // A sentence's closing punctuation is not part of the address.
      let address = match[0].replace(/[.,;:!?]+$/, '');
      if (address.endsWith(')') && !address.includes('(')) address = address.slice(0, -1);
      let url = null;
      try {
        url = new URL(address);
      }
      catch (ex) {
        url = null;
      }
      if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) continue;
      fragment.append(text.slice(at, match.index));
      const link = document.createElement('a');
      link.href = url.href;
      link.target = '_blank';
      link.rel = 'noopener noreferrer nofollow';
      link.textContent = address;
      fragment.append(link);
      at = match.index + address.length;
    }
    fragment.append(text.slice(at));
    return fragment;
  }

  function lineItem(kind, parts, id) {
    const item = document.createElement('li');
    item.className = kind;
    if (id) item.dataset.id = id;
    for (const [cls, text] of parts) {
      const part = span(cls, '');
      if (cls === 'text') part.append(linked(text));
      else part.textContent = text;
      item.appendChild(part);
    }
    return item;
  }

  // A chat line, or an action (/me) shown as "* nick text", in italics.
  function said(kind, event, from) {
    return event.action
      ? lineItem(kind + ' action', [['time', localTime(event.time)], ['star', '*'], ['from', from], ['text', event.text]], event.id)
      : lineItem(kind, [['time', localTime(event.time)], ['from', from], ['text', event.text]], event.id);
  }

  function chatItem(event) {
    return said('chat', event, event.from);
  }

  // Add a line to a buffer: shown at once if it is the current one, else counted unread
  // (chat only; notices are not worth a badge).
  function append(buffer, item, unread) {
    buffer.items.push(item);
    const shown = buffer === current;
    if (shown) $('messages').appendChild(item);
    while (buffer.items.length > MAX_LINES) {
      const gone = buffer.items.shift();
      if (gone.dataset.id) buffer.ids.delete(gone.dataset.id);
      gone.remove();
    }
    if (shown) follow();
    if (!shown && unread) {
      buffer.unread++;
      renderSideSoon();
    }
  }

  let following = true;
  let followPending = false;

  function follow() {
    if (!following || followPending) return;
    followPending = true;
    requestAnimationFrame(() => {
      followPending = false;
      if (following) $('messages').scrollTop = $('messages').scrollHeight;
    });
  }

  function note(buffer, kind, text) {
    const item = lineItem(kind, [['text', text]]);
    if (!buffer && state.early) state.early.push(item);
    else append(buffer || current, item, false);
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
    if (typed.history > 0) {
      // Typed: shown as asked, lines the list has too.
      typed.history--;
      note(buffer, 'info', 'history of ' + event.room + ': ' + event.events.length + ' lines');
      for (const line of event.events) append(buffer, chatItem(line), false);
      return;
    }
    if (state.historyAsked > 0) state.historyAsked--;
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
    const me = state.self || state.nick;
    return !!me && !!name && name.toLowerCase() === me.toLowerCase();
  }

  // Show a buffer: its lines, its topic, its members; its unread count is read.
  function show(buffer) {
    const list = $('messages');
    if (current !== buffer) {
      current.atBottom = following;
      current.scrollTop = list.scrollTop;
    }
    const switched = current !== buffer;
    current = buffer;
    buffer.unread = 0;
    buffer.used = Date.now();
    list.replaceChildren(...buffer.items);
    if (!switched || buffer.atBottom) {
      following = true;
      list.scrollTop = list.scrollHeight;
    }
    else {
      following = false;
      list.scrollTop = buffer.scrollTop;
    }
    $('room-name').textContent = buffer.kind === 'private' ? '\u2192 ' + buffer.name : buffer.name;
    $('room-name').dataset.kind = buffer.kind;
    $('text').placeholder = buffer.kind === 'private' ? 'message to ' + buffer.name : 'message, or /help';
    showTopic();
    renderMembers();
    renderSide();
    saveRooms();
    if (switched) lookAround(buffer);
  }

  function showTopic() {
    const text = current.kind === 'room' ? current.topic : '';
    const bar = $('topic');
    bar.replaceChildren(linked(text));
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
    const items = [];
    for (const buffer of roomBuffers()) {
      // A room the page is in shows its unread count; how many are in it, above its
      // member list.
      const item = sideItem(buffer);
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

  // Lines flooding a room not shown re-render the side panel once a frame, not per line.
  let sidePending = false;

  function renderSideSoon() {
    if (sidePending) return;
    sidePending = true;
    requestAnimationFrame(() => {
      sidePending = false;
      renderSide();
    });
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
    });
    return item;
  }

  function renderMembers() {
    const list = $('who');
    const buffer = current;
    $('who-room').textContent = buffer.name;
    $('who-count').textContent = buffer.kind === 'room' && buffer.members ? String(buffer.members.length + buffer.membersMore) : '';
    const names = buffer.kind === 'private' ? [buffer.name] : buffer.members || [];
    list.replaceChildren(...names.map((name) => {
      const item = document.createElement('li');
      item.dataset.name = name;
      item.appendChild(span('name', name));
      if (isMe(name)) {
        item.classList.add('me');
        item.appendChild(span('you', 'you'));
      }
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
    if (buffer.kind === 'room') state.joinedHere.delete(buffer.name);
    if (current === buffer) show(roomBuffers()[0] || [...buffers.values()][0] || serverBuffer);
    saveRooms();
    renderSide();
  }

  function refresh() {
    if (!signedIn) return; // until then the server answers only "authenticate first"
    if (state.nickRetries > 0 && state.nickRetries < 4 && state.nick && !isMe(state.nick)) send('/nick ' + state.nick);
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
  const typed = { rooms: 0, members: 0, topic: 0, history: 0 };
  // Rooms whose recent lines the page asked for on entering them.
  const askedHistory = new Set();

  function onJoined(room) {
    state.joinedHere.add(room);
    const before = current;
    const buffer = bufferFor('room', room); // shown if it is the first room
    if (state.switchTo === room) {
      state.switchTo = null;
      if (buffer !== current) show(buffer);
    }
    else if (buffer === current && before === buffer) {
      // Shown before the connection was in it (restored, or reconnecting).
      lookAround(buffer);
    }
  }

  // A room shown for the first time on this connection: its recent lines, unless it was
  // caught up, and who is in it. Rooms rejoined in the background wait until shown, so a
  // reconnect in 20 rooms stays within flood control's burst.
  function lookAround(buffer) {
    if (buffer.kind !== 'room' || !state.joinedHere.has(buffer.name)) return;
    if (!buffer.lastId && !askedHistory.has(buffer.name)) {
      askedHistory.add(buffer.name);
      if (send('/history', buffer.name)) state.historyAsked++;
    }
    send('/who', buffer.name);
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
    // The member lists show the page under its new name (others see a rename only with
    // switchboard.announce-presence).
    const before = state.self;
    for (const buffer of buffers.values()) {
      if (buffer.members && before) buffer.members = buffer.members.map((name) => name === before ? nick : name);
    }
    state.nick = nick;
    state.self = nick;
    state.pendingNick = null;
    state.nickRetries = 0;
    $('nick-input').value = nick;
    nickError(null);
    sessionStorage.setItem('switchboard.nick', nick);
    renderMembers();
  }

  function nickError(text) {
    $('nick-error').textContent = text || '';
    $('nick-error').hidden = !text;
    $('nick-input').setAttribute('aria-invalid', String(!!text));
  }

  function onHello(event) {
    limits.maxLineBytes = event.maxLineBytes;
    limits.maxFrameChars = event.maxFrameChars;
    try {
      limits.nick = new RegExp('^(?:' + event.nick.pattern + ')$');
      limits.nickRules = event.nick.rules;
    }
    catch (ex) {
      // the page's own copy of the rules stays
    }
    state.self = event.you;
    if (token) {
      // Shown at the handshake, and taken (an invalid one is refused before the hello).
      signedIn = true;
      askForToken(false);
    }
    // The nick first, so the member lists the rooms ask for below already show it.
    if (signedIn) restoreNick();
    for (const room of event.rooms) onJoined(room);
    // What came before the hello goes in the room the greeting names if the page is in it,
    // else the one shown: first, if the buffer is new (its lines all came after), else last.
    const early = state.early || [];
    state.early = null;
    if (early.length) {
      const named = state.greeting && event.rooms.includes(state.greeting) ? buffers.get(key('room', state.greeting)) : null;
      const target = named || current;
      if (target.created >= state.connectedAt) target.items.unshift(...early);
      else target.items.push(...early);
      if (target === current) show(target);
    }
    renderMembers();
    checkLength();
    if (signedIn) enter();
  }

  function onInfo(event) {
    const text = event.text;
    let match;
    if (event.kind === 'joined') {
      onJoined(event.room);
      return;
    }
    if (event.kind === 'nick') {
      // The nick restored after a reconnect or reload is not news.
      const restored = !state.pendingNick && !!state.nick && event.nick.toLowerCase() === state.nick.toLowerCase();
      onNick(event.nick);
      if (restored) return;
    }
    if (event.kind === 'presence') {
      onPresence(event);
      return;
    }
    if (event.kind === 'renamed') {
      onRenamed(event);
      return;
    }
    if (text.startsWith('authenticate with /auth')) {
      awaitToken();
      note(null, 'info', 'this server needs a token: paste it above');
      return;
    }
    if (text.startsWith('authenticated as ')) {
      // A /auth typed by hand on a connection that waited for one.
      const first = !signedIn;
      signedIn = true;
      askForToken(false);
      setStatus('connected', 'connected');
      if (first) enter();
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
    // The greeting names the room the connection starts in, if the hello confirms it.
    if (event.room && state.early && !state.greeting) state.greeting = event.room;
    note(null, 'info', text);
  }

  function onPrivate(event) {
    // The other side: the sender, unless the page's own copy of what it sent.
    const other = isMe(event.to) ? event.from : event.to;
    const buffer = bufferFor('private', other);
    if (event.id && buffer.ids.has(event.id)) return;
    if (event.id) buffer.ids.add(event.id);
    append(buffer, said('private', event, event.from), !isMe(event.from));
  }

  function onRecovered(event) {
    const buffer = bufferFor('room', event.room);
    note(buffer, 'info', event.complete
      ? (event.lines ? 'caught up: ' + event.lines + ' missed lines' : 'caught up: nothing missed')
      : event.lines
        ? 'caught up on ' + event.lines + ' lines; some older ones are gone'
        : 'what was said while you were away is gone (the server restarted, or its history moved on)');
  }

  // The replies that refuse a /nick: shown beside the nick field too; the nick kept is
  // the last one the server confirmed.
  const NICK_REFUSED = /^(nick \S+ is (taken|reserved|banned|held by another session)|usage: \/nick |your token gives you the nick |nicks cannot change)/;

  function onError(event) {
    const text = event.text;
    if (NICK_REFUSED.test(text)) {
      const taken = /^nick (\S+) is taken$/.exec(text);
      if (taken && !state.pendingNick && state.nick && taken[1].toLowerCase() === state.nick.toLowerCase()) {
        // After a drop the server may not have seen the old connection go yet: the nick
        // is asked again at the next refreshes, a few times.
        state.nickRetries++;
      }
      else {
        nickError(text);
        $('nick-input').value = state.pendingNick || $('nick-input').value;
      }
      state.pendingNick = null;
    }
    if (text.startsWith('invalid token') || text === 'token expired') {
      // A token that cannot work again: forgotten, and the page waits for another.
      token = null;
      sessionStorage.removeItem('switchboard.token');
      awaitToken();
    }
    else if (text === 'authentication timed out') {
      // The server's sign-in timeout, after "this server needs a token": said already.
      return;
    }
    else if (!signedIn && text.startsWith('authenticate first')) {
      return;
    }
    // A room the token does not allow: its buffer goes, and the message names it.
    const refused = /^your token does not allow room (\S+);/.exec(text) || /^you may not join room (\S+)$/.exec(text);
    if (refused) {
      const buffer = buffers.get(key('room', refused[1]));
      if (buffer && !state.joinedHere.has(refused[1])) forget(buffer);
    }
    // The page's own ask for a room's recent lines, where the room keeps none.
    if ((text === 'history is off on this server' || /^room \S+ keeps no history$/.test(text)) && state.historyAsked > 0) {
      state.historyAsked--;
      return;
    }
    note(null, 'error', text);
  }

  function onEvent(event) {
    if (event.type === 'hello') onHello(event);
    else if (event.type === 'chat') addChat(event);
    else if (event.type === 'private') onPrivate(event);
    else if (event.type === 'recovered') onRecovered(event);
    else if (event.type === 'history') addHistory(event);
    else if (event.type === 'topic') onTopic(event);
    else if (event.type === 'info' && (event.kind === 'rooms' || event.kind === 'members')) onList(event);
    else if (event.type === 'info') onInfo(event);
    else if (event.type === 'error') onError(event);
  }

  // The nick the user chose, asked for again on a new connection (once).
  function restoreNick() {
    if (state.nickAsked || !state.nick || isMe(state.nick)) return;
    state.nickAsked = true;
    send('/nick ' + state.nick);
  }

  // Once the server's hello came (and a token was taken): the nick, the page's other rooms
  // (caught up where it has their last line), the room list.
  function enter() {
    restoreNick();
    for (const buffer of roomBuffers()) {
      if (!state.joinedHere.has(buffer.name)) send('/join ' + buffer.name, null, buffer.lastId);
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
      state.historyAsked = 0;
      state.joinedHere.clear();
      state.greeting = null;
      state.early = [];
      state.connectedAt = Date.now();
      state.nickAsked = false;
      // The rest (nick, rooms) once the server's hello says who and where the page is.
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
      // Refused before its hello (an invalid token): what the server said shows here.
      for (const item of state.early || []) append(current, item, false);
      state.early = null;
      // 1000 is the server's deliberate close: after quit, or an operator's disconnect.
      // Reconnecting would undo it, so the page stays disconnected until reloaded.
      if (event.code === 1000) {
        setStatus('disconnected', 'disconnected');
        note(null, 'info', 'disconnected: reload the page to connect again');
        return;
      }
      if (needsToken && !token) {
        setStatus('signed-out', 'token needed');
        return; // the token field connects again
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

  // Why the page will not send a line as typed, or null.
  function refusal(text) {
    if (current.kind === 'private' && /^\/me(\s|$)/.test(text)) return '/me works in rooms; here, just say it';
    if (current.kind === 'server' && !text.startsWith('/')) return 'you are in no room: join one first';
    return null;
  }

  function noteTyped(text) {
    const word = text.trim().split(' ')[0];
    if (word === '/rooms') typed.rooms++;
    else if (word === '/who') typed.members++;
    else if (word === '/history') typed.history++;
    else if (word === '/topic' && text.trim() === '/topic') typed.topic++;
    else if (word === '/join') state.switchTo = text.trim().split(/\s+/)[1] || null;
    else if (word === '/nick') state.pendingNick = text.trim().split(/\s+/)[1] || null;
  }

  // On narrow screens the side panel is a drawer over the chat.
  function openDrawer(open) {
    if (open !== document.body.classList.contains('drawer-open')) document.body.classList.add('drawer-moving');
    document.body.classList.toggle('drawer-open', open);
    $('scrim').hidden = !open;
    $('menu').setAttribute('aria-expanded', String(open));
  }

  function closeDrawer() {
    openDrawer(false);
  }

  $('menu').addEventListener('click', () => openDrawer(!document.body.classList.contains('drawer-open')));
  $('scrim').addEventListener('click', closeDrawer);
  $('side').addEventListener('transitionend', () => document.body.classList.remove('drawer-moving'));
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') closeDrawer();
  });

  // A long topic shows on one line; a tap shows all of it.
  $('topic').addEventListener('click', () => $('topic').classList.toggle('open'));

  // The list follows the newest line unless its reader scrolled up: when a line comes, and
  // when the list gets shorter (a phone's keyboard opens, the window shrinks). Lines that
  // come together scroll once, at the next frame: a flood does not lay the list out per line.
  $('messages').addEventListener('scroll', () => {
    // Lines came and the list has not caught up yet: not the reader scrolling up.
    if (followPending) return;
    const list = $('messages');
    following = list.scrollTop + list.clientHeight >= list.scrollHeight - 20;
  });
  new ResizeObserver(follow).observe($('messages'));

  $('token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const value = $('token-input').value.trim();
    if (!value) return;
    token = value;
    sessionStorage.setItem('switchboard.token', token);
    $('token-input').value = '';
    // A fresh token for a signed-in connection (its old one is about to expire) goes over
    // it; else the page connects with it, at the handshake, straight into its rooms.
    if (signedIn && send('/auth ' + token)) return;
    clearTimeout(state.timer);
    const waiting = state.socket;
    state.socket = null;
    if (waiting) waiting.close();
    connect();
  });

  // A nick is checked against the server's rules before it is sent, and kept once the
  // server confirms it ("you are now NICK").
  $('nick-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const nick = $('nick-input').value.trim();
    if (!limits.nick.test(nick)) {
      nickError('a nick is ' + limits.nickRules);
      return;
    }
    nickError(null);
    state.pendingNick = nick;
    send('/nick ' + nick);
  });
  $('nick-input').addEventListener('input', () => nickError(null));

  // UTF-8 bytes of a line, or null for "more than the limit" where its length alone says so
  // (a byte at least per character): a huge paste is not encoded on every keystroke.
  const encoder = new TextEncoder();

  function utf8Bytes(text) {
    return text.length > limits.maxLineBytes ? null : encoder.encode(text).length;
  }

  // Why a line cannot be sent as it is (over the server's limit, which would cost the
  // connection and the text), or null.
  function tooLong(text) {
    const line = lineFor(text);
    const bytes = utf8Bytes(line);
    if (bytes === null || bytes > limits.maxLineBytes) {
      return 'too long to send: ' + (bytes === null ? 'more than ' + limits.maxLineBytes : bytes + ' of ' + limits.maxLineBytes)
        + ' bytes (UTF-8); shorten it or send it in parts';
    }
    const frame = JSON.stringify({ line: line, room: 'x'.repeat(32) });
    if (frame.length > limits.maxFrameChars) {
      return 'too long to send once escaped: ' + frame.length + ' of ' + limits.maxFrameChars
        + ' characters; shorten it or send it in parts';
    }
    return null;
  }

  function sendError(text) {
    $('send-error').textContent = text || '';
    $('send-error').hidden = !text;
    $('text').setAttribute('aria-invalid', String(!!text));
  }

  // Said as the text grows past the limit, not only when it is sent.
  function checkLength() {
    const text = $('text').value;
    sendError(text ? tooLong(text) : null);
  }

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
    const refused = refusal(text) || tooLong(text);
    if (refused) {
      // The text stays in the box, to be shortened.
      sendError(refused);
      return;
    }
    if (send(lineFor(text), room)) {
      $('text').value = '';
      sendError(null);
      noteTyped(text);
    }
  });
  $('text').addEventListener('input', checkLength);

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
