#!/usr/bin/env node
// A small in-memory stand-in for ChatX that speaks the public contract (the repo's
// schema/*.graphqls): HTTP POST /graphql and graphql-transport-ws on the same path.
//
// It exists to develop and test this client where the real server lacks a feature
// (rooms and messages were still being built when the client was written) and to run
// the browser tests in seconds. It is NOT ChatX: no persistence, no rate limits, no
// input validation beyond what the UI needs. Direct rooms, read markers and myEvents are
// here too, computed naively (ReadMarkerChanged is not throttled; every myEvents event is
// built by reading the whole room). scripts/e2e runs the tests against the real
// server; `CHATX_E2E_TARGET=mock` runs them against this one.
//
//   node e2e/mock-chatx.mjs --port 8099 [--access-ttl 900]

import { createServer } from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, graphql, GraphQLError } from 'graphql';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const PORT = Number(args.port ?? process.env.PORT ?? 8099);
const ACCESS_TTL_MS = Number(args['access-ttl'] ?? 900) * 1000;

const schemaDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'schema');
const sdl = readdirSync(schemaDir)
  .filter((f) => f.endsWith('.graphqls'))
  .map((f) => readFileSync(join(schemaDir, f), 'utf8'))
  .join('\n');
const schema = buildSchema(sdl);

// ---- State -----------------------------------------------------------------------------
const users = new Map(); // id -> {id, username, email, password}
const accessTokens = new Map(); // token -> {userId, exp}
const refreshTokens = new Map(); // token -> {userId, family, spent}
const revokedFamilies = new Set();
const rooms = new Map(); // id -> room
const roomListeners = new Map(); // roomId -> Set<fn(event)>
const roomListListeners = new Set();
const presence = new Map(); // roomId -> Map<userId, count>
const messagesById = new Map(); // id -> message
const myListeners = new Map(); // userId -> Set<fn(event)>: myEvents
const directRooms = new Map(); // "lowId:highId" -> roomId

const fail = (code, message) => {
  throw new GraphQLError(message, { extensions: { code } });
};
const publicUser = (u) => u && { id: u.id, username: u.username };
// A cursor is (room, seq, change): the seq for history paging, the room's change number for
// resume (a page's edges carry the change number when the page was read). Part 1's
// cursors (room, seq) resume from the change of that message's post.
const cursorOf = (roomId, seq, change) => Buffer.from(`${roomId}:${seq}:${change}`).toString('base64url');
const positionOf = (roomId, cursor) => {
  const [id, seq, change] = Buffer.from(cursor, 'base64url').toString().split(':');
  if (id !== roomId || !/^\d+$/.test(seq ?? '') || (change !== undefined && !/^\d+$/.test(change))) fail('BAD_USER_INPUT', 'Invalid cursor');
  if (change !== undefined) return { seq: Number(seq), change: Number(change) };
  const room = rooms.get(roomId);
  return { seq: Number(seq), change: room?.messages[Number(seq) - 1]?.postedChange ?? 0 };
};
const seqOf = (roomId, cursor) => positionOf(roomId, cursor).seq;

function issue(user, family = randomUUID()) {
  const accessToken = randomBytes(24).toString('base64url');
  const refreshToken = randomBytes(24).toString('base64url');
  const exp = Date.now() + ACCESS_TTL_MS;
  accessTokens.set(accessToken, { userId: user.id, exp });
  refreshTokens.set(refreshToken, { userId: user.id, family, spent: false });
  return { accessToken, refreshToken, expiresAt: new Date(exp).toISOString(), user: publicUser(user) };
}

function viewerFrom(token) {
  const entry = token && accessTokens.get(token);
  if (!entry || entry.exp < Date.now()) return null;
  return users.get(entry.userId) ?? null;
}

function requireViewer(ctx) {
  if (!ctx.viewer) fail('UNAUTHENTICATED', 'Sign in first.');
  return ctx.viewer;
}

function requireRoom(id) {
  const room = rooms.get(id);
  if (!room) fail('NOT_FOUND', 'No such room.');
  return room;
}

function roomView(room, viewer) {
  const online = [...(presence.get(room.id)?.keys() ?? [])].map((id) => publicUser(users.get(id)));
  const joined = !!viewer && room.members.has(viewer.id);
  const peerId = room.direct ? room.direct.find((id) => id !== viewer?.id) : null;
  const lastReadSeq = joined ? room.readMarkers.get(viewer.id) ?? 0 : 0;
  const newest = room.messages.findLast((m) => !m.deleted);
  return {
    id: room.id,
    name: room.direct ? users.get(peerId).username : room.name,
    kind: room.direct ? 'DIRECT' : room.private ? 'PRIVATE' : 'PUBLIC',
    directPeer: room.direct ? publicUser(users.get(peerId)) : null,
    lastReadSeq,
    unreadCount: joined ? room.messages.filter((m) => m.seq > lastReadSeq && !m.deleted && m.authorId !== viewer.id).length : 0,
    peerLastReadSeq: room.direct ? room.readMarkers.get(peerId) ?? 0 : null,
    lastMessage: newest && (joined || !room.private) ? messageView(newest, viewer) : null,
    private: room.private,
    createdBy: publicUser(users.get(room.createdBy)),
    createdAt: room.createdAt,
    memberCount: room.members.size,
    onlineCount: online.length,
    online,
    joined: !!viewer && room.members.has(viewer.id),
    lastSeq: room.messages.length,
  };
}

function publish(roomId, event) {
  for (const listener of roomListeners.get(roomId) ?? []) listener(event);
}

/** A myEvents event for `userId`; `build(viewer)` makes it as that user sees it. */
function publishTo(userId, build) {
  const listeners = myListeners.get(userId);
  if (!listeners?.size) return;
  const event = build(users.get(userId));
  for (const listener of listeners) listener(event);
}

function membershipChanged(userId, room, reason) {
  publishTo(userId, (viewer) => ({
    __typename: 'MembershipChanged',
    roomId: room.id,
    room: rooms.has(room.id) && (room.members.has(userId) || !room.private) ? roomView(room, viewer) : null,
    reason,
  }));
}

/** A room as a member sees it, with their read marker and join time. */
function addMember(room, userId, lastReadSeq) {
  room.members.add(userId);
  room.readMarkers.set(userId, lastReadSeq);
  room.joinedAt.set(userId, new Date().toISOString());
}

/** myRooms order: the newest message's time, else the viewer's join time. */
function activityOf(room, userId) {
  return room.lastMessageAt ?? room.joinedAt.get(userId);
}

function newRoom(fields) {
  return {
    id: randomUUID(),
    createdAt: new Date().toISOString(),
    members: new Set(),
    readMarkers: new Map(),
    joinedAt: new Map(),
    lastMessageAt: null,
    messages: [],
    lastChange: 0,
    changes: [], // {change, kind, messageId, userId, emoji, seqAt}
    direct: null, // [userId, userId] for a direct room
    password: null,
    maxMembers: null,
    ...fields,
  };
}

/** A direct room of others is invisible: NOT_FOUND. */
function requireVisibleRoom(id, viewer) {
  const room = requireRoom(id);
  if (room.direct && !room.members.has(viewer.id)) fail('NOT_FOUND', 'No such room.');
  return room;
}

function paged(list, first, after, cursorOf) {
  let start = 0;
  if (after) start = list.findIndex((item) => cursorOf(item) === after) + 1;
  const page = list.slice(start, start + first);
  const edges = page.map((node) => ({ node, cursor: cursorOf(node) }));
  return {
    edges,
    pageInfo: { hasNextPage: start + first < list.length, hasPreviousPage: start > 0, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/** A message as `viewer` sees it now (Reaction.mine depends on who asks). */
function messageView(m, viewer) {
  return {
    id: m.id,
    roomId: m.roomId,
    seq: m.seq,
    author: publicUser(users.get(m.authorId)),
    content: m.content,
    sentAt: m.sentAt,
    clientMessageId: m.clientMessageId,
    editedAt: m.editedAt,
    deleted: m.deleted,
    replyTo: m.replyToId ? messageView(messagesById.get(m.replyToId), viewer) : null,
    reactions: m.reactions.map((r) => ({
      emoji: r.emoji,
      count: r.userIds.length,
      mine: !!viewer && r.userIds.includes(viewer.id),
      users: ({ first = 10 }) => r.userIds.slice(0, first).map((id) => publicUser(users.get(id))),
    })),
    attachments: [],
  };
}

const EVENT_KIND = { EDITED: 'MessageEdited', DELETED: 'MessageDeleted', REACTION_ADDED: 'ReactionChanged', REACTION_REMOVED: 'ReactionChanged' };

/** A persisted event of a change-log entry, as `viewer` sees it (the message as it is now). */
function changeEvent(room, entry, viewer) {
  const m = messagesById.get(entry.messageId);
  const cursor = cursorOf(room.id, entry.kind === 'POSTED' ? m.seq : entry.seqAt, entry.kind === 'POSTED' ? m.postedChange : entry.change);
  const event = { __typename: EVENT_KIND[entry.kind] ?? 'MessagePosted', change: entry.change, message: messageView(m, viewer), cursor };
  if (event.__typename === 'ReactionChanged') {
    Object.assign(event, { user: publicUser(users.get(entry.userId)), emoji: entry.emoji, added: entry.kind === 'REACTION_ADDED' });
  }
  return event;
}

/** Number a change of the room, log it and publish it (subscribers build their own view). */
function recordChange(room, kind, message, userId, emoji = null) {
  room.lastChange += 1;
  const entry = { change: room.lastChange, kind, messageId: message.id, userId, emoji, seqAt: room.messages.length };
  if (kind === 'POSTED') message.postedChange = entry.change;
  room.changes.push(entry);
  publish(room.id, { __typename: 'Change', entry });
}

/** The message a lifecycle mutation is about: NOT_FOUND when unknown or deleted, FORBIDDEN for non-members. */
function requireLiveMessage(messageId, viewer) {
  const m = messagesById.get(messageId);
  if (!m || !rooms.has(m.roomId)) fail('NOT_FOUND', 'No such message.');
  if (!rooms.get(m.roomId).members.has(viewer.id)) fail('FORBIDDEN', 'Join the room first.');
  if (m.deleted) fail('NOT_FOUND', 'That message was deleted.');
  return m;
}

function checkContent(content, field) {
  const trimmed = content.trim();
  if (!trimmed || trimmed.length > 4000) fail('BAD_USER_INPUT', `${field} must be 1 to 4000 characters`);
  return trimmed;
}

function checkEmoji(emoji) {
  const length = [...emoji].length;
  if (length < 1 || length > 32 || /[\s\u0000]/u.test(emoji)) fail('BAD_USER_INPUT', 'emoji must be 1 to 32 characters without whitespace');
}

// ---- Async queue for subscriptions --------------------------------------------------------
function queue(onReturn) {
  const items = [];
  let wake = null;
  let done = false;
  return {
    push(item) {
      if (done) return;
      items.push(item);
      wake?.();
    },
    end() {
      done = true;
      wake?.();
    },
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      while (!items.length && !done) await new Promise((r) => (wake = r));
      if (items.length) return { value: items.shift(), done: false };
      return { value: undefined, done: true };
    },
    async return() {
      done = true;
      onReturn?.();
      return { value: undefined, done: true };
    },
  };
}

// ---- Resolvers ------------------------------------------------------------------------------
const Query = {
  me: (_, __, ctx) => publicUser(requireViewer(ctx)),
  room: (_, { id }, ctx) => {
    requireViewer(ctx);
    const room = rooms.get(id);
    if (room?.direct && !room.members.has(ctx.viewer.id)) return null;
    return room ? roomView(room, ctx.viewer) : null;
  },
  user: (_, { id }, ctx) => {
    requireViewer(ctx);
    return publicUser(users.get(id)) ?? null;
  },
  users: (_, { search, first = 20, after }, ctx) => {
    requireViewer(ctx);
    if (search.length < 1 || search.length > 32) fail('BAD_USER_INPUT', 'users.search must be 1 to 32 characters');
    const list = [...users.values()]
      .filter((u) => u.username.toLowerCase().includes(search.toLowerCase()))
      .sort((a, b) => a.username.localeCompare(b.username))
      .map(publicUser);
    return paged(list, first, after, (u) => Buffer.from(u.id).toString('base64url'));
  },
  myRooms: (_, { first = 20, after }, ctx) => {
    const viewer = requireViewer(ctx);
    const list = [...rooms.values()]
      .filter((r) => r.members.has(viewer.id))
      .sort((a, b) => activityOf(b, viewer.id).localeCompare(activityOf(a, viewer.id)));
    return paged(list.map((r) => roomView(r, viewer)), first, after, (r) => Buffer.from(r.id).toString('base64url'));
  },
  rooms: (_, { first = 20, after, search }, ctx) => {
    requireViewer(ctx);
    let list = [...rooms.values()].filter((r) => !r.direct).reverse();
    if (search) list = list.filter((r) => r.name.toLowerCase().includes(search.toLowerCase()));
    let start = 0;
    if (after) start = list.findIndex((r) => r.id === Buffer.from(after, 'base64url').toString()) + 1;
    const page = list.slice(start, start + first);
    const edges = page.map((r) => ({ node: roomView(r, ctx.viewer), cursor: Buffer.from(r.id).toString('base64url') }));
    return {
      edges,
      pageInfo: {
        hasNextPage: start + first < list.length,
        hasPreviousPage: start > 0,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
    };
  },
  messages: (_, { roomId, first, after, last, before }, ctx) => {
    const viewer = requireViewer(ctx);
    const room = requireVisibleRoom(roomId, viewer);
    if (room.private && !room.members.has(viewer.id)) fail('FORBIDDEN', 'Join this private room first.');
    let list = room.messages;
    if (after) list = list.filter((m) => m.seq > seqOf(roomId, after));
    if (before) list = list.filter((m) => m.seq < seqOf(roomId, before));
    const all = list;
    const forward = first != null;
    list = forward ? all.slice(0, Math.min(first, 100)) : all.slice(-Math.min(last ?? 20, 100));
    const edges = list.map((m) => ({ node: messageView(m, viewer), cursor: cursorOf(roomId, m.seq, room.lastChange) }));
    return {
      edges,
      pageInfo: {
        hasPreviousPage: !forward && all.length > list.length,
        hasNextPage: forward && all.length > list.length,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
    };
  },
};

const Mutation = {
  register: (_, { input }) => {
    const { username, email, password } = input;
    if (!/^[A-Za-z0-9_.-]{3,32}$/.test(username)) fail('BAD_USER_INPUT', "register.input.username must be 3 to 32 letters, digits, '_', '-' or '.'");
    if (password.length < 8) fail('BAD_USER_INPUT', 'register.input.password size must be between 8 and 128');
    for (const u of users.values()) {
      if (u.username.toLowerCase() === username.toLowerCase() || u.email.toLowerCase() === email.toLowerCase()) {
        fail('CONFLICT', 'Username or email already registered.');
      }
    }
    const user = { id: randomUUID(), username, email, password };
    users.set(user.id, user);
    return issue(user);
  },
  login: (_, { input }) => {
    const l = input.login.toLowerCase();
    const user = [...users.values()].find((u) => u.username.toLowerCase() === l || u.email.toLowerCase() === l);
    if (!user || user.password !== input.password) fail('INVALID_CREDENTIALS', 'Wrong login or password.');
    return issue(user);
  },
  refreshToken: (_, { refreshToken }) => {
    const entry = refreshTokens.get(refreshToken);
    if (!entry || revokedFamilies.has(entry.family)) fail('UNAUTHENTICATED', 'The refresh token is invalid, expired or revoked.');
    if (entry.spent) {
      revokedFamilies.add(entry.family);
      fail('UNAUTHENTICATED', 'This refresh token was used already; every session of that sign-in is now revoked.');
    }
    entry.spent = true;
    return issue(users.get(entry.userId), entry.family);
  },
  logout: (_, { refreshToken }) => {
    const entry = refreshTokens.get(refreshToken);
    if (!entry) return false;
    revokedFamilies.add(entry.family);
    return true;
  },
  createRoom: (_, { input }, ctx) => {
    const viewer = requireViewer(ctx);
    const name = input.name.trim();
    if (!name || name.length > 64) fail('BAD_USER_INPUT', 'createRoom.input.name must be 1 to 64 characters');
    if (input.private && (!input.password || input.password.length < 4)) fail('BAD_USER_INPUT', 'A private room needs a password of 4 to 128 characters');
    for (const r of rooms.values()) if (!r.direct && r.name.toLowerCase() === name.toLowerCase()) fail('CONFLICT', 'A room with that name exists.');
    const room = newRoom({
      name,
      private: !!input.private,
      password: input.password ?? null,
      maxMembers: input.maxMembers ?? null,
      createdBy: viewer.id,
    });
    addMember(room, viewer.id, 0);
    rooms.set(room.id, room);
    for (const listener of roomListListeners) listener({ __typename: 'RoomCreated', room });
    membershipChanged(viewer.id, room, 'JOINED');
    return roomView(room, viewer);
  },
  openDirectRoom: (_, { userId }, ctx) => {
    const viewer = requireViewer(ctx);
    if (userId === viewer.id) fail('BAD_USER_INPUT', 'openDirectRoom.userId must be someone else');
    if (!users.has(userId)) fail('NOT_FOUND', 'No such user.');
    const pair = [viewer.id, userId].sort();
    const existing = rooms.get(directRooms.get(pair.join(':')));
    if (existing) return roomView(existing, viewer);
    const room = newRoom({ name: '', private: true, createdBy: viewer.id, direct: pair });
    for (const id of pair) addMember(room, id, 0);
    rooms.set(room.id, room);
    directRooms.set(pair.join(':'), room.id);
    for (const id of pair) membershipChanged(id, room, 'DIRECT_OPENED');
    return roomView(room, viewer);
  },
  markRead: (_, { roomId, seq }, ctx) => {
    const viewer = requireViewer(ctx);
    const room = requireVisibleRoom(roomId, viewer);
    if (!room.members.has(viewer.id)) fail('FORBIDDEN', 'Members only.');
    if (Number(seq) < 0) fail('BAD_USER_INPUT', 'markRead.seq must not be negative');
    const target = Math.min(Number(seq), room.messages.length);
    if (target > room.readMarkers.get(viewer.id)) {
      room.readMarkers.set(viewer.id, target);
      publish(roomId, { __typename: 'ReadMarkerChanged', roomId, user: publicUser(viewer), lastReadSeq: target, at: new Date().toISOString() });
      publishTo(viewer.id, (v) => ({ __typename: 'ReadStateChanged', room: roomView(room, v) }));
    }
    return roomView(room, viewer);
  },
  joinRoom: (_, { roomId, password }, ctx) => {
    const viewer = requireViewer(ctx);
    const room = requireVisibleRoom(roomId, viewer);
    if (room.direct) fail('FORBIDDEN', 'A direct room cannot be joined.');
    if (room.members.has(viewer.id)) return roomView(room, viewer);
    if (room.private && room.password !== password) fail('WRONG_ROOM_PASSWORD', 'Wrong room password.');
    if (room.maxMembers && room.members.size >= room.maxMembers) fail('ROOM_FULL', 'The room is full.');
    addMember(room, viewer.id, room.messages.length);
    publish(roomId, { __typename: 'MemberJoined', roomId, user: publicUser(viewer), at: new Date().toISOString() });
    membershipChanged(viewer.id, room, 'JOINED');
    return roomView(room, viewer);
  },
  leaveRoom: (_, { roomId }, ctx) => {
    const viewer = requireViewer(ctx);
    const room = requireVisibleRoom(roomId, viewer);
    if (room.direct) fail('FORBIDDEN', 'A direct room cannot be left.');
    if (!room.members.delete(viewer.id)) return false;
    publish(roomId, { __typename: 'MemberLeft', roomId, user: publicUser(viewer), at: new Date().toISOString() });
    membershipChanged(viewer.id, room, 'LEFT');
    return true;
  },
  deleteRoom: (_, { roomId }, ctx) => {
    const viewer = requireViewer(ctx);
    const room = requireVisibleRoom(roomId, viewer);
    if (room.direct || room.createdBy !== viewer.id) fail('FORBIDDEN', 'Only the creator may delete a room.');
    rooms.delete(roomId);
    for (const id of room.members) membershipChanged(id, room, 'ROOM_DELETED');
    const event = { __typename: 'RoomDeleted', roomId, at: new Date().toISOString() };
    publish(roomId, event);
    for (const listener of roomListListeners) listener(event);
    return true;
  },
  sendMessage: (_, { input }, ctx) => {
    const viewer = requireViewer(ctx);
    const room = requireVisibleRoom(input.roomId, viewer);
    if (!room.members.has(viewer.id)) fail('FORBIDDEN', 'Join the room first.');
    const content = checkContent(input.content, 'sendMessage.input.content');
    if (input.clientMessageId) {
      const existing = room.messages.find((m) => m.authorId === viewer.id && m.clientMessageId === input.clientMessageId);
      if (existing) return messageView(existing, viewer);
    }
    if (input.replyToId) {
      const parent = messagesById.get(input.replyToId);
      if (!parent || parent.deleted) fail('NOT_FOUND', 'The message replied to does not exist.');
      if (parent.roomId !== room.id) fail('BAD_USER_INPUT', 'sendMessage.input.replyToId must name a message of the same room');
    }
    const message = {
      id: randomUUID(),
      roomId: room.id,
      seq: room.messages.length + 1,
      authorId: viewer.id,
      content,
      sentAt: new Date().toISOString(),
      clientMessageId: input.clientMessageId ?? null,
      postedChange: 0,
      editedAt: null,
      deleted: false,
      replyToId: input.replyToId ?? null,
      reactions: [], // {emoji, userIds}, in first-added order
    };
    room.messages.push(message);
    messagesById.set(message.id, message);
    room.lastMessageAt = message.sentAt;
    room.readMarkers.set(viewer.id, message.seq); // a send marks its author's room read up to it
    recordChange(room, 'POSTED', message, viewer.id);
    for (const id of room.members) {
      publishTo(id, (v) => ({ __typename: 'RoomActivity', room: roomView(room, v), message: messageView(message, v) }));
    }
    return messageView(message, viewer);
  },
  editMessage: (_, { input }, ctx) => {
    const viewer = requireViewer(ctx);
    const content = checkContent(input.content, 'editMessage.input.content');
    const m = requireLiveMessage(input.messageId, viewer);
    if (m.authorId !== viewer.id) fail('FORBIDDEN', 'Only the author may edit a message.');
    m.content = content;
    m.editedAt = new Date().toISOString();
    recordChange(rooms.get(m.roomId), 'EDITED', m, viewer.id);
    return messageView(m, viewer);
  },
  deleteMessage: (_, { messageId }, ctx) => {
    const viewer = requireViewer(ctx);
    const m = requireLiveMessage(messageId, viewer);
    const room = rooms.get(m.roomId);
    if (m.authorId !== viewer.id && room.createdBy !== viewer.id) fail('FORBIDDEN', 'Only the author or the room owner may delete a message.');
    m.content = '';
    m.deleted = true;
    m.reactions = [];
    recordChange(room, 'DELETED', m, viewer.id);
    return messageView(m, viewer);
  },
  addReaction: (_, { messageId, emoji }, ctx) => {
    const viewer = requireViewer(ctx);
    checkEmoji(emoji);
    const m = requireLiveMessage(messageId, viewer);
    let group = m.reactions.find((r) => r.emoji === emoji);
    if (group?.userIds.includes(viewer.id)) return messageView(m, viewer);
    if (!group) {
      if (m.reactions.length >= 20) fail('BAD_USER_INPUT', 'At most 20 distinct emoji per message');
      group = { emoji, userIds: [] };
      m.reactions.push(group);
    }
    group.userIds.push(viewer.id);
    recordChange(rooms.get(m.roomId), 'REACTION_ADDED', m, viewer.id, emoji);
    return messageView(m, viewer);
  },
  removeReaction: (_, { messageId, emoji }, ctx) => {
    const viewer = requireViewer(ctx);
    checkEmoji(emoji);
    const m = requireLiveMessage(messageId, viewer);
    const group = m.reactions.find((r) => r.emoji === emoji);
    if (!group?.userIds.includes(viewer.id)) return messageView(m, viewer);
    group.userIds = group.userIds.filter((id) => id !== viewer.id);
    if (group.userIds.length === 0) m.reactions = m.reactions.filter((r) => r !== group);
    recordChange(rooms.get(m.roomId), 'REACTION_REMOVED', m, viewer.id, emoji);
    return messageView(m, viewer);
  },
};

const Subscription = {
  roomEvents: {
    subscribe: (_, { roomId, after }, ctx) => {
      const viewer = requireViewer(ctx);
      const room = requireVisibleRoom(roomId, viewer);
      if (room.private && !room.members.has(viewer.id)) fail('FORBIDDEN', 'Join this private room first.');
      // Replay as ChatX does: R = the room's change number now; the messages posted after
      // the cursor's seq as they are now; the changes after the cursor's change number to
      // messages up to that seq (current state, folded); then live changes after R.
      const replayTo = room.lastChange;
      const listener = (event) => {
        if (event.__typename === 'Change') {
          if (event.entry.change <= replayTo) return;
          q.push(changeEvent(room, event.entry, viewer));
          return;
        }
        // Read markers: members only.
        if (event.__typename === 'ReadMarkerChanged' && !room.members.has(viewer.id)) return;
        q.push(event);
        if (event.__typename === 'RoomDeleted') q.end();
      };
      const q = queue(() => {
        roomListeners.get(roomId)?.delete(listener);
        const counts = presence.get(roomId);
        const n = (counts?.get(viewer.id) ?? 1) - 1;
        if (n > 0) counts.set(viewer.id, n);
        else if (counts) {
          counts.delete(viewer.id);
          publish(roomId, { __typename: 'PresenceChanged', roomId, user: publicUser(viewer), online: false, onlineCount: counts.size, at: new Date().toISOString() });
        }
      });
      if (!roomListeners.has(roomId)) roomListeners.set(roomId, new Set());
      roomListeners.get(roomId).add(listener);
      if (after) {
        const from = positionOf(roomId, after);
        for (const m of room.messages.filter((m) => m.seq > from.seq && m.postedChange <= replayTo)) {
          q.push({ __typename: 'MessagePosted', message: messageView(m, viewer), cursor: cursorOf(roomId, m.seq, m.postedChange) });
        }
        for (const entry of room.changes) {
          if (entry.change <= from.change || entry.change > replayTo || entry.kind === 'POSTED') continue;
          if (messagesById.get(entry.messageId).seq <= from.seq) q.push(changeEvent(room, entry, viewer));
        }
      }
      if (!presence.has(roomId)) presence.set(roomId, new Map());
      const counts = presence.get(roomId);
      counts.set(viewer.id, (counts.get(viewer.id) ?? 0) + 1);
      if (counts.get(viewer.id) === 1) {
        publish(roomId, { __typename: 'PresenceChanged', roomId, user: publicUser(viewer), online: true, onlineCount: counts.size, at: new Date().toISOString() });
      }
      return q;
    },
    resolve: (event) => event,
  },
  myEvents: {
    subscribe: (_, __, ctx) => {
      const viewer = requireViewer(ctx);
      const listener = (event) => q.push(event);
      const q = queue(() => myListeners.get(viewer.id)?.delete(listener));
      if (!myListeners.has(viewer.id)) myListeners.set(viewer.id, new Set());
      myListeners.get(viewer.id).add(listener);
      return q;
    },
    resolve: (event) => event,
  },
  roomListEvents: {
    subscribe: (_, __, ctx) => {
      const viewer = requireViewer(ctx);
      const listener = (event) =>
        q.push(event.__typename === 'RoomCreated' ? { __typename: 'RoomCreated', room: roomView(event.room, viewer) } : event);
      const q = queue(() => roomListListeners.delete(listener));
      roomListListeners.add(listener);
      return q;
    },
    resolve: (event) => event,
  },
};

for (const [typeName, fields] of Object.entries({ Query, Mutation, Subscription })) {
  const type = schema.getType(typeName);
  for (const [name, impl] of Object.entries(fields)) {
    const field = type.getFields()[name];
    if (typeof impl === 'function') field.resolve = impl;
    else Object.assign(field, impl);
  }
}
for (const union of ['RoomEvent', 'RoomListEvent', 'MyEvent']) schema.getType(union).resolveType = (value) => value.__typename;

// ---- Transport ---------------------------------------------------------------------------------
const server = createServer(async (req, res) => {
  if (req.url === '/readyz' || req.url === '/livez') {
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"UP"}');
    return;
  }
  if (req.method !== 'POST' || !req.url?.startsWith('/graphql')) {
    res.writeHead(404).end();
    return;
  }
  let body = '';
  for await (const chunk of req) body += chunk;
  const { query, variables, operationName } = JSON.parse(body || '{}');
  const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const viewer = viewerFrom(token);
  const result = token && !viewer
    ? { errors: [{ message: 'Invalid or expired token', extensions: { code: 'UNAUTHENTICATED' } }] }
    : await graphql({ schema, source: query, variableValues: variables, operationName, contextValue: { viewer } });
  const errors = result.errors?.map((e) => ({ ...(e.toJSON?.() ?? e), extensions: { code: e.extensions?.code ?? 'INTERNAL' } }));
  res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ...result, errors }));
});

const wss = new WebSocketServer({ server, path: '/graphql' });
useServer(
  {
    schema,
    onConnect: (ctx) => {
      const params = ctx.connectionParams ?? {};
      const key = Object.keys(params).find((k) => k.toLowerCase() === 'authorization');
      const token = key ? /^Bearer (.+)$/i.exec(String(params[key]))?.[1] : params.authToken;
      const viewer = viewerFrom(token);
      if (!viewer) {
        ctx.extra.socket.close(4401, 'Unauthorized');
        return false;
      }
      ctx.extra.viewer = viewer;
      return true;
    },
    context: (ctx) => ({ viewer: ctx.extra.viewer }),
  },
  wss,
);

server.listen(PORT, '127.0.0.1', () => console.log(`mock ChatX on http://127.0.0.1:${PORT}/graphql (access tokens live ${ACCESS_TTL_MS / 1000}s)`));
