// Every GraphQL document this client sends, with the TypeScript shape of its result.
// They follow the public contract (shared api-contract.graphql / schema/chatx.graphqls).

export interface User {
  id: string;
  username: string;
}

export interface AuthPayload {
  accessToken: string;
  refreshToken: string;
  /** ISO-8601; when the access token expires. */
  expiresAt: string;
  user: User;
}

/**
 * A room. The list asks for the summary fields only; the open room asks for presence too
 * (`online`, `onlineCount`, `lastSeq`), which a server may refuse for a private room the
 * caller has not joined.
 */
export interface Room {
  id: string;
  name: string;
  private: boolean;
  createdBy: User | null;
  createdAt: string;
  memberCount: number;
  joined: boolean;
  onlineCount?: number;
  online?: User[];
  /** A Long: the seq of the newest message, 0 when there is none. */
  lastSeq?: number;
  /** PUBLIC, PRIVATE or DIRECT (a one-to-one conversation, named after the other person). */
  kind?: RoomKind;
  /** DIRECT rooms: the other person. */
  directPeer?: User | null;
  /** The highest seq we have read (0 when none or not joined). */
  lastReadSeq?: number;
  /** Messages after lastReadSeq, not deleted, not ours. */
  unreadCount?: number;
  /** DIRECT rooms: how far the other person has read. */
  peerLastReadSeq?: number | null;
  /** The newest message that is not deleted, for the list's preview. */
  lastMessage?: MessagePreview | null;
}

export type RoomKind = 'PUBLIC' | 'PRIVATE' | 'DIRECT';

/** What the room list shows of a room's newest message. */
export interface MessagePreview {
  id: string;
  seq: number;
  content: string;
  sentAt: string;
  author: User;
}

export interface Message {
  id: string;
  roomId: string;
  /** A Long, exact as a JS number up to 2^53. */
  seq: number;
  author: User;
  content: string;
  sentAt: string;
  clientMessageId: string | null;
  /** When the content was last edited; null when never. */
  editedAt: string | null;
  /** A tombstone: content "" and no reactions. */
  deleted: boolean;
  /** The message this one answers, as it stands now (a tombstone when deleted). */
  replyTo: MessageQuote | null;
  /** Groups in the order their emoji was first added. */
  reactions: Reaction[];
}

export interface MessageQuote {
  id: string;
  author: User;
  content: string;
  deleted: boolean;
}

export interface Reaction {
  emoji: string;
  count: number;
  /** Whether we are among those who reacted. */
  mine: boolean;
  /** The first few who reacted. */
  users: User[];
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Connection<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: PageInfo;
}

export type RoomEvent =
  | { __typename: 'MessagePosted'; message: Message; cursor: string }
  | { __typename: 'MessageEdited'; message: Message; cursor: string }
  | { __typename: 'MessageDeleted'; message: Message; cursor: string }
  | { __typename: 'ReactionChanged'; message: Message; cursor: string; user: User; emoji: string; added: boolean }
  | { __typename: 'MemberJoined'; roomId: string; user: User; at: string }
  | { __typename: 'MemberLeft'; roomId: string; user: User; at: string }
  | { __typename: 'PresenceChanged'; roomId: string; user: User; online: boolean; onlineCount: number; at: string }
  | { __typename: 'RoomDeleted'; roomId: string; at: string }
  | { __typename: 'ReadMarkerChanged'; roomId: string; user: User; lastReadSeq: number; at: string };

export type MembershipReason = 'JOINED' | 'LEFT' | 'INVITED' | 'REMOVED' | 'BANNED' | 'DIRECT_OPENED' | 'ROOM_DELETED';

/** One live stream per user for the room list (no resume: read myRooms again after a reconnect). */
export type MyEvent =
  | { __typename: 'RoomActivity'; room: Room; message: MessagePreview }
  | { __typename: 'ReadStateChanged'; room: Room }
  | { __typename: 'MembershipChanged'; roomId: string; membershipRoom: Room | null; reason: MembershipReason };

export type RoomListEvent =
  | { __typename: 'RoomCreated'; room: Room }
  | { __typename: 'RoomDeleted'; roomId: string; at: string };

const AUTH_FIELDS = `accessToken refreshToken expiresAt user { id username }`;

const ROOM_SUMMARY_FIELDS = `id name private createdAt memberCount joined createdBy { id username }`;

const PREVIEW_FIELDS = `id seq content sentAt author { id username }`;

/** What the conversation list shows of a room: kind, unread count, the newest message. */
const CONVERSATION_FIELDS = `${ROOM_SUMMARY_FIELDS} kind lastSeq lastReadSeq unreadCount
  directPeer { id username } lastMessage { ${PREVIEW_FIELDS} }`;

const ROOM_FIELDS = `${ROOM_SUMMARY_FIELDS} onlineCount lastSeq online { id username }`;

/** The open room: presence, and for a direct one how far the other person has read. */
const OPEN_ROOM_FIELDS = `${ROOM_FIELDS} kind lastReadSeq peerLastReadSeq directPeer { id username }`;

/** A message as it stands now: every event and page carries the whole state, applied by replacing. */
const MESSAGE_FIELDS = `id roomId seq content sentAt clientMessageId editedAt deleted author { id username }
  replyTo { id content deleted author { id username } }
  reactions { emoji count mine users(first: 3) { id username } }`;

export const REGISTER = `mutation Register($input: RegisterInput!) {
  register(input: $input) { ${AUTH_FIELDS} }
}`;

export const LOGIN = `mutation Login($input: LoginInput!) {
  login(input: $input) { ${AUTH_FIELDS} }
}`;

export const REFRESH_TOKEN = `mutation RefreshToken($refreshToken: String!) {
  refreshToken(refreshToken: $refreshToken) { ${AUTH_FIELDS} }
}`;

export const LOGOUT = `mutation Logout($refreshToken: String!) {
  logout(refreshToken: $refreshToken)
}`;

export const ME = `query Me { me { id username } }`;

export const ROOMS = `query Rooms($first: Int, $after: String, $search: String) {
  rooms(first: $first, after: $after, search: $search) {
    edges { cursor node { ${ROOM_SUMMARY_FIELDS} } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

/** A room with who is online in it. */
export const ROOM = `query Room($id: ID!) {
  room(id: $id) { ${OPEN_ROOM_FIELDS} }
}`;

/** The newest page first (`last`), then older pages with `before`. */
export const MESSAGES = `query Messages($roomId: ID!, $last: Int, $before: String) {
  messages(roomId: $roomId, last: $last, before: $before) {
    edges { cursor node { ${MESSAGE_FIELDS} } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

/** What any signed-in user may see of any room, e.g. a private one not joined yet. */
export const ROOM_SUMMARY = `query RoomSummary($id: ID!) {
  room(id: $id) { ${ROOM_SUMMARY_FIELDS} kind }
}`;

export const CREATE_ROOM = `mutation CreateRoom($input: CreateRoomInput!) {
  createRoom(input: $input) { ${ROOM_FIELDS} }
}`;

export const JOIN_ROOM = `mutation JoinRoom($roomId: ID!, $password: String) {
  joinRoom(roomId: $roomId, password: $password) { ${OPEN_ROOM_FIELDS} }
}`;

export const LEAVE_ROOM = `mutation LeaveRoom($roomId: ID!) { leaveRoom(roomId: $roomId) }`;

export const DELETE_ROOM = `mutation DeleteRoom($roomId: ID!) { deleteRoom(roomId: $roomId) }`;

export const SEND_MESSAGE = `mutation SendMessage($input: SendMessageInput!) {
  sendMessage(input: $input) { ${MESSAGE_FIELDS} }
}`;

/** Author only; answers the message as edited. */
export const EDIT_MESSAGE = `mutation EditMessage($input: EditMessageInput!) {
  editMessage(input: $input) { ${MESSAGE_FIELDS} }
}`;

/** The author or the room's owner; answers the tombstone. */
export const DELETE_MESSAGE = `mutation DeleteMessage($messageId: ID!) {
  deleteMessage(messageId: $messageId) { ${MESSAGE_FIELDS} }
}`;

/** Adding a reaction we have (or removing one we do not) changes nothing: safe to retry. */
export const ADD_REACTION = `mutation AddReaction($messageId: ID!, $emoji: String!) {
  addReaction(messageId: $messageId, emoji: $emoji) { ${MESSAGE_FIELDS} }
}`;

export const REMOVE_REACTION = `mutation RemoveReaction($messageId: ID!, $emoji: String!) {
  removeReaction(messageId: $messageId, emoji: $emoji) { ${MESSAGE_FIELDS} }
}`;

/**
 * Live traffic of one room; `after` resumes from a cursor (replay, then live). Every
 * persisted event (posted, edited, deleted, reaction changed) carries a cursor and the
 * message's state right after the change.
 */
export const ROOM_EVENTS = `subscription RoomEvents($roomId: ID!, $after: String) {
  roomEvents(roomId: $roomId, after: $after) {
    __typename
    ... on MessagePosted { cursor message { ${MESSAGE_FIELDS} } }
    ... on MessageEdited { cursor message { ${MESSAGE_FIELDS} } }
    ... on MessageDeleted { cursor message { ${MESSAGE_FIELDS} } }
    ... on ReactionChanged { cursor emoji added user { id username } message { ${MESSAGE_FIELDS} } }
    ... on MemberJoined { roomId at user { id username } }
    ... on MemberLeft { roomId at user { id username } }
    ... on PresenceChanged { roomId online onlineCount at user { id username } }
    ... on RoomDeleted { roomId at }
    ... on ReadMarkerChanged { roomId lastReadSeq at user { id username } }
  }
}`;

export const ROOM_LIST_EVENTS = `subscription RoomListEvents {
  roomListEvents {
    __typename
    ... on RoomCreated { room { ${ROOM_SUMMARY_FIELDS} } }
    ... on RoomDeleted { roomId at }
  }
}`;

/** The caller's rooms, direct ones included, most recent activity first. */
export const MY_ROOMS = `query MyRooms($first: Int, $after: String) {
  myRooms(first: $first, after: $after) {
    edges { cursor node { ${CONVERSATION_FIELDS} } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

/**
 * Everything the conversation list needs, over one subscription. Live only.
 * MembershipChanged.room is nullable where the others' is not: GraphQL refuses the same
 * response name with two types, hence the alias.
 */
export const MY_EVENTS = `subscription MyEvents {
  myEvents {
    __typename
    ... on RoomActivity { room { ${CONVERSATION_FIELDS} } message { ${PREVIEW_FIELDS} } }
    ... on ReadStateChanged { room { ${CONVERSATION_FIELDS} } }
    ... on MembershipChanged { roomId reason membershipRoom: room { ${CONVERSATION_FIELDS} } }
  }
}`;

/** People whose username contains `search`, to start a direct conversation with. */
export const USERS = `query Users($search: String!, $first: Int) {
  users(search: $search, first: $first) {
    edges { cursor node { id username } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** The direct room with `userId`, created on first use. */
export const OPEN_DIRECT_ROOM = `mutation OpenDirectRoom($userId: ID!) {
  openDirectRoom(userId: $userId) { ${CONVERSATION_FIELDS} }
}`;

/** Moves our read marker forward (never back); answers the room as we now see it. */
export const MARK_READ = `mutation MarkRead($roomId: ID!, $seq: Long!) {
  markRead(roomId: $roomId, seq: $seq) { ${CONVERSATION_FIELDS} }
}`;

/** Longs may arrive as numbers or strings depending on the server's scalar; normalise. */
export function normaliseMessage(m: Message): Message {
  return {
    ...m,
    seq: Number(m.seq),
    editedAt: m.editedAt ?? null,
    deleted: !!m.deleted,
    replyTo: m.replyTo ?? null,
    reactions: (m.reactions ?? []).map((r) => ({ ...r, count: Number(r.count), users: r.users ?? [] })),
  };
}

export function normaliseRoom(r: Room): Room {
  const room = { ...r };
  if (r.lastSeq != null) room.lastSeq = Number(r.lastSeq);
  if (r.lastReadSeq != null) room.lastReadSeq = Number(r.lastReadSeq);
  if (r.peerLastReadSeq != null) room.peerLastReadSeq = Number(r.peerLastReadSeq);
  if (r.lastMessage) room.lastMessage = { ...r.lastMessage, seq: Number(r.lastMessage.seq) };
  return room;
}
