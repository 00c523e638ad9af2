import type { Auth } from '../api/auth';
import { ApiError, describeError, isRetryable } from '../api/errors';
import type { LiveConnection, LiveHandle } from '../api/live';
import {
  ADD_REACTION,
  DELETE_MESSAGE,
  DELETE_ROOM,
  EDIT_MESSAGE,
  LEAVE_ROOM,
  MESSAGES,
  REMOVE_REACTION,
  ROOM,
  ROOM_EVENTS,
  ROOM_SUMMARY,
  SEND_MESSAGE,
  normaliseMessage,
  normaliseRoom,
  type Connection,
  type Message,
  type MessageQuote,
  type Room,
  type RoomEvent,
  type User,
} from '../api/operations';
import type { Conversations } from './conversations';
import { Emitter, newClientMessageId, sleep, waitForRetry } from './emitter';
import type { RoomList } from './roomList';

const PAGE_SIZE = 40;

export interface PendingMessage {
  clientMessageId: string;
  content: string;
  createdAt: string;
  /** sending: first try; retrying: network trouble, trying again with the same id; failed: refused. */
  status: 'sending' | 'retrying' | 'failed';
  error?: string;
  /** The message this one answers (sent as replyToId). */
  replyTo?: MessageQuote;
}

export interface SystemLine {
  id: string;
  /** Shown after the message with this seq (the newest known when it happened). */
  afterSeq: number;
  kind: 'joined' | 'left';
  user: User;
  at: string;
}

export type TimelineItem =
  | { kind: 'message'; key: string; message: Message }
  | { kind: 'pending'; key: string; pending: PendingMessage }
  | { kind: 'system'; key: string; line: SystemLine };

export type RoomStatus =
  /** Loading the room and its newest messages. */
  | 'loading'
  /** Live. */
  | 'ready'
  /** A private room we have not joined: needs the password. */
  | 'locked'
  | 'notFound'
  /** Deleted by its creator while we watched. */
  | 'deleted'
  | 'error';

/** What changed, so that the view can keep the scroll position right. */
export type RoomChange = 'status' | 'room' | 'initial' | 'older' | 'live' | 'pending' | 'presence' | 'seen';

/**
 * One open room: its history, live events, presence and our sends.
 *
 * - History: `messages(last:)` first (the newest page), older pages with `before:` when
 *   the user scrolls up. Messages are kept by seq, so nothing shows twice.
 * - Live: `roomEvents(roomId, after: <cursor>)`, the cursor being that of the last
 *   persisted event received (posted, edited, deleted, reaction changed), or of the newest
 *   history edge before any. After a reconnect the same subscription is sent with the
 *   cursor as it is *then*: the server replays what we missed, then goes on live.
 * - Every persisted event carries the message's state after the change: it replaces the
 *   message with that seq (edits, tombstones, reaction groups). Applying an event twice,
 *   or a replayed MessagePosted for a message we show, changes nothing.
 * - Sends: a clientMessageId per message, shown at once as pending; replaced by the
 *   stored message when the mutation answers or its MessagePosted arrives, whichever is
 *   first. On a network error the same mutation is retried with the same clientMessageId,
 *   which ChatX makes idempotent: a retry never doubles a message.
 * - Read state: while the window is visible, the newest message shown is marked read
 *   (`markRead`) when the room opens and when one arrives; every device's unread badge
 *   follows. In a direct room, how far the other person has read (`peerLastReadSeq`, then
 *   `ReadMarkerChanged` events) places "Seen".
 */
export class RoomSession {
  readonly changed = new Emitter<RoomChange>();
  room: Room | null = null;
  status: RoomStatus = 'loading';
  error: unknown = null;
  onlineCount = 0;
  readonly online = new Map<string, User>();
  hasOlder = false;
  loadingOlder = false;
  readonly pending: PendingMessage[] = [];

  private readonly messages = new Map<number, Message>();
  /** Message id -> seq, for replies and mutation answers. */
  private readonly seqById = new Map<string, number>();
  /** Counts the persisted events applied; per message id, the count when one last touched it. */
  private eventCount = 0;
  private readonly touchedAt = new Map<string, number>();
  /** While an older page is loading: the latest event's state of each message we do not show yet, by seq. */
  private readonly olderChanges = new Map<number, Message>();
  private readonly system: SystemLine[] = [];
  private sortedCache: Message[] | null = null;
  /** Where a resubscription resumes: the last persisted event's cursor, else the newest history edge's. */
  private cursor: string | null = null;
  private olderCursor: string | null = null;
  private live: LiveHandle | null = null;
  private closed = false;
  private roomRefresh: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private pumping = false;
  /** Our read marker as far as we know: what the server has or what we asked it for. */
  private readSeq = 0;
  private marking = false;
  /** DIRECT rooms: the other person's read marker. */
  private peerReadSeq = 0;
  private readonly onVisible = () => this.markSeen();

  constructor(
    readonly roomId: string,
    private readonly auth: Auth,
    private readonly connection: LiveConnection,
    private readonly roomList: RoomList,
    private readonly conversations: Conversations,
  ) {
    document.addEventListener('visibilitychange', this.onVisible);
    window.addEventListener('focus', this.onVisible);
  }

  get me(): User | null {
    return this.auth.user;
  }

  get isOwner(): boolean {
    return !!this.room?.createdBy && this.room.createdBy.id === this.me?.id;
  }

  async open(): Promise<void> {
    try {
      const room = await this.fetchRoom();
      if (this.closed) return;
      if (!room) return this.setStatus('notFound');
      this.setRoom(room);
      if (room.private && !room.joined) return this.setStatus('locked');
      await this.startLive();
    } catch (err) {
      if (this.closed) return;
      this.error = err;
      this.setStatus(err instanceof ApiError && err.code === 'NOT_FOUND' ? 'notFound' : 'error');
    }
  }

  close(): void {
    this.closed = true;
    document.removeEventListener('visibilitychange', this.onVisible);
    window.removeEventListener('focus', this.onVisible);
    clearTimeout(this.roomRefresh);
    this.live?.dispose();
    this.live = null;
  }

  /** Messages by seq, system lines after the message they followed, then our pending sends. */
  timeline(): TimelineItem[] {
    const items: TimelineItem[] = [];
    const sorted = this.sortedMessages();
    const known = new Set(sorted.map((m) => m.seq));
    const linesAfter = new Map<number, SystemLine[]>();
    for (const line of this.system) {
      const anchor = known.has(line.afterSeq) ? line.afterSeq : -1;
      if (!linesAfter.has(anchor)) linesAfter.set(anchor, []);
      linesAfter.get(anchor)!.push(line);
    }
    const pushLines = (anchor: number) => {
      for (const line of linesAfter.get(anchor) ?? []) items.push({ kind: 'system', key: `s:${line.id}`, line });
    };
    pushLines(-1);
    for (const message of sorted) {
      items.push({ kind: 'message', key: `m:${message.seq}`, message });
      pushLines(message.seq);
    }
    for (const pending of this.pending) {
      items.push({ kind: 'pending', key: `p:${pending.clientMessageId}`, pending });
    }
    return items;
  }

  get isDirect(): boolean {
    return this.room?.kind === 'DIRECT';
  }

  /** DIRECT rooms: the seq of our newest message the other person has read ("Seen"), else null. */
  get seenSeq(): number | null {
    if (!this.isDirect || this.peerReadSeq <= 0) return null;
    const me = this.me?.id;
    const sorted = this.sortedMessages();
    for (let i = sorted.length - 1; i >= 0; i--) {
      if (sorted[i].seq <= this.peerReadSeq && sorted[i].author.id === me && !sorted[i].deleted) return sorted[i].seq;
    }
    return null;
  }

  /**
   * Mark the newest message we show as read, if the person can see it (the window is
   * visible) and we have not already: one markRead at a time, the newest seq each time.
   */
  markSeen(): void {
    if (this.closed || this.status !== 'ready' || !this.room?.joined || document.visibilityState !== 'visible') return;
    if (this.newestSeq() <= this.readSeq || this.marking) return;
    this.marking = true;
    void (async () => {
      try {
        for (;;) {
          const seq = this.newestSeq();
          if (this.closed || seq <= this.readSeq) return;
          await this.conversations.markRead(this.roomId, seq);
          this.readSeq = Math.max(this.readSeq, seq);
        }
      } catch {
        // Not marked (offline, say): the next message, focus or reconnect tries again.
      } finally {
        this.marking = false;
      }
    })();
  }

  get messageCount(): number {
    return this.messages.size;
  }

  async loadOlder(): Promise<void> {
    if (!this.hasOlder || this.loadingOlder || this.status !== 'ready') return;
    this.loadingOlder = true;
    const before = this.eventCount;
    try {
      const page = await this.fetchMessages(this.olderCursor);
      if (this.closed) return;
      for (const edge of page.edges) {
        const message = normaliseMessage(edge.node);
        // Changed while the page was on its way: which of the page and the event is newer
        // is unknown, so take the event, and the events still to come replace it.
        const touched = (this.touchedAt.get(message.id) ?? -1) > before;
        this.addMessage((touched && this.olderChanges.get(message.seq)) || message);
      }
      this.olderCursor = page.pageInfo.startCursor ?? this.olderCursor;
      this.hasOlder = page.pageInfo.hasPreviousPage && page.edges.length > 0;
    } finally {
      this.loadingOlder = false;
      this.olderChanges.clear();
    }
    this.changed.emit('older');
  }

  /** Post a message (optionally answering `replyTo`): shown at once, confirmed when ChatX has stored it. */
  send(text: string, replyTo?: MessageQuote): void {
    const content = text.trim();
    if (!content) return;
    const pending: PendingMessage = {
      clientMessageId: newClientMessageId(),
      content,
      createdAt: new Date().toISOString(),
      status: 'sending',
      replyTo,
    };
    this.pending.push(pending);
    this.changed.emit('pending');
    void this.pump();
  }

  /** Try a refused send again (same clientMessageId). */
  retry(clientMessageId: string): void {
    const pending = this.pending.find((p) => p.clientMessageId === clientMessageId);
    if (!pending || pending.status !== 'failed') return;
    pending.status = 'sending';
    pending.error = undefined;
    this.changed.emit('pending');
    void this.pump();
  }

  discard(clientMessageId: string): void {
    const index = this.pending.findIndex((p) => p.clientMessageId === clientMessageId);
    if (index < 0) return;
    this.pending.splice(index, 1);
    this.changed.emit('pending');
  }

  /** A message we show, by id. */
  message(id: string): Message | undefined {
    const seq = this.seqById.get(id);
    return seq === undefined ? undefined : this.messages.get(seq);
  }

  /** Our newest message that is not deleted: what the Up arrow edits. */
  lastOwnMessage(): Message | undefined {
    const me = this.me?.id;
    const sorted = this.sortedMessages();
    for (let i = sorted.length - 1; i >= 0; i--) {
      if (sorted[i].author.id === me && !sorted[i].deleted) return sorted[i];
    }
    return undefined;
  }

  /** What a reply quotes: the parent as we show it now if we have it (kept live), else as the reply carried it. */
  quoteOf(message: Message): MessageQuote | null {
    if (!message.replyTo) return null;
    return this.message(message.replyTo.id) ?? message.replyTo;
  }

  /** The room's creator counts as its owner and may delete anyone's message (ChatX checks). */
  canDelete(message: Message): boolean {
    return !message.deleted && (message.author.id === this.me?.id || this.isOwner);
  }

  async edit(messageId: string, content: string): Promise<void> {
    const trimmed = content.trim();
    if (!trimmed || trimmed === this.message(messageId)?.content) return;
    await this.change<{ editMessage: Message }>(EDIT_MESSAGE, { input: { messageId, content: trimmed } }, messageId, (d) => d.editMessage);
  }

  async deleteMessage(messageId: string): Promise<void> {
    await this.change<{ deleteMessage: Message }>(DELETE_MESSAGE, { messageId }, messageId, (d) => d.deleteMessage, true);
  }

  /** Add our reaction with this emoji, or take it back if we have it. */
  async toggleReaction(messageId: string, emoji: string): Promise<void> {
    const mine = this.message(messageId)?.reactions.some((r) => r.emoji === emoji && r.mine) ?? false;
    if (mine) {
      await this.change<{ removeReaction: Message }>(REMOVE_REACTION, { messageId, emoji }, messageId, (d) => d.removeReaction);
    } else {
      await this.change<{ addReaction: Message }>(ADD_REACTION, { messageId, emoji }, messageId, (d) => d.addReaction);
    }
  }

  /**
   * An edit, deletion or reaction: retried after a network error (each is idempotent: the
   * same edit again, a reaction we have, a deletion already done). The answer is applied
   * unless an event for that message came meanwhile: events arrive in commit order and
   * the one of this change follows, so an answer must not undo a newer state.
   */
  private async change<T>(query: string, variables: Record<string, unknown>, messageId: string, pick: (data: T) => Message, deletion = false): Promise<void> {
    const before = this.eventCount;
    for (let attempt = 0; ; attempt++) {
      try {
        const message = normaliseMessage(pick(await this.auth.request<T>(query, variables)));
        if (this.closed) return;
        if ((this.touchedAt.get(messageId) ?? -1) <= before && this.messages.has(message.seq)) {
          this.putMessage(message);
          this.changed.emit('live');
        }
        return;
      } catch (err) {
        // A deletion whose first answer was lost: the retry finds the tombstone.
        if (deletion && attempt > 0 && err instanceof ApiError && err.code === 'NOT_FOUND') return;
        if (!isRetryable(err) || attempt >= 5 || this.closed) throw err;
        await waitForRetry(Math.min(8_000, 500 * 2 ** attempt));
      }
    }
  }

  /** Join this room (the password for a private one), then go live. */
  async join(password?: string): Promise<void> {
    const room = await this.roomList.join(this.roomId, password);
    if (this.closed) return;
    this.conversations.joined(room);
    this.setRoom(room);
    if (this.status !== 'ready') await this.startLive();
  }

  async leave(): Promise<void> {
    await this.auth.request(LEAVE_ROOM, { roomId: this.roomId });
    this.conversations.remove(this.roomId);
    if (this.room) {
      this.roomList.upsert({ ...this.room, joined: false, memberCount: Math.max(0, this.room.memberCount - 1) }, false);
    }
  }

  async deleteRoom(): Promise<void> {
    await this.auth.request(DELETE_ROOM, { roomId: this.roomId });
    this.roomList.remove(this.roomId);
    this.conversations.remove(this.roomId);
  }

  private async startLive(): Promise<void> {
    const page = await this.fetchMessages(null);
    if (this.closed) return;
    for (const edge of page.edges) this.addMessage(normaliseMessage(edge.node));
    // A page's edge cursors also remember the room's change number when it was read: resuming
    // from the newest one replays the posts after it and every change made since.
    this.cursor = page.edges.at(-1)?.cursor ?? null;
    this.olderCursor = page.pageInfo.startCursor;
    this.hasOlder = page.pageInfo.hasPreviousPage;
    this.status = 'ready';
    this.changed.emit('initial');
    this.markSeen();

    this.live = this.connection.subscribe<{ roomEvents: RoomEvent }>({
      query: ROOM_EVENTS,
      // Evaluated at every (re)subscribe: resume after the last change we have.
      variables: () => ({ roomId: this.roomId, after: this.cursor }),
      next: ({ roomEvents }) => {
        this.failures = 0;
        this.apply(roomEvents);
      },
      subscribed: (resumed) => void this.onSubscribed(resumed),
      error: (err) => this.onLiveError(err),
      complete: () => {
        // Ended by the server without RoomDeleted (e.g. we fell behind): resume.
        if (this.status === 'ready') this.restartLater();
      },
    });
  }

  private async onSubscribed(resumed: boolean): Promise<void> {
    try {
      if (!this.cursor) {
        // An empty room has no cursor to resume from: a message posted between our
        // history query and the subscription would be missed, so look once more.
        await sleep(300);
        const page = await this.fetchMessages(null);
        if (this.closed) return;
        const before = this.messages.size;
        for (const edge of page.edges) this.addMessage(normaliseMessage(edge.node));
        // No event yet: the page is where a resubscription resumes.
        if (!this.cursor) this.cursor = page.edges.at(-1)?.cursor ?? null;
        if (this.messages.size !== before) this.changed.emit('live');
      }
      if (resumed) {
        // Presence and membership changed while we were away: ask again.
        const room = await this.fetchRoom();
        if (this.closed) return;
        if (!room) this.markDeleted();
        else this.setRoom(room);
      }
    } catch {
      // Best effort; live events keep coming.
    }
  }

  private onLiveError(err: ApiError): void {
    if (this.closed) return;
    switch (err.code) {
      case 'NOT_FOUND':
        this.markDeleted();
        return;
      case 'FORBIDDEN':
        this.live?.dispose();
        this.live = null;
        this.setStatus('locked');
        return;
      case 'UNAUTHENTICATED':
        this.auth.refresh().then(() => this.live?.restart(), () => undefined);
        return;
      default:
        this.restartLater();
    }
  }

  /** Resubscribe (from the cursor), backing off while the server keeps refusing. */
  private restartLater(): void {
    const delay = Math.min(30_000, 1_000 * 2 ** this.failures++);
    setTimeout(() => this.live?.restart(), delay);
  }

  private apply(event: RoomEvent): void {
    if (this.closed) return;
    switch (event.__typename) {
      case 'MessagePosted':
      case 'MessageEdited':
      case 'MessageDeleted':
      case 'ReactionChanged': {
        const message = normaliseMessage(event.message);
        // A change of a message older than what we have loaded comes with its page, as it is then.
        if (event.__typename === 'MessagePosted' || this.messages.has(message.seq)) this.putMessage(message);
        else if (this.loadingOlder) this.olderChanges.set(message.seq, message);
        this.eventCount++;
        this.touchedAt.set(message.id, this.eventCount);
        // Persisted events come in commit order: the last one is where to resume.
        this.cursor = event.cursor;
        this.changed.emit('live');
        if (event.__typename === 'MessagePosted') this.markSeen();
        break;
      }
      case 'ReadMarkerChanged':
        if (event.user.id === this.me?.id) {
          this.readSeq = Math.max(this.readSeq, Number(event.lastReadSeq));
        } else if (this.isDirect && Number(event.lastReadSeq) > this.peerReadSeq) {
          this.peerReadSeq = Number(event.lastReadSeq);
          this.changed.emit('seen');
        }
        break;
      case 'MemberJoined':
      case 'MemberLeft':
        this.system.push({
          id: `${event.__typename}:${event.user.id}:${event.at}`,
          afterSeq: this.newestSeq(),
          kind: event.__typename === 'MemberJoined' ? 'joined' : 'left',
          user: event.user,
          at: event.at,
        });
        this.changed.emit('live');
        this.scheduleRoomRefresh();
        break;
      case 'PresenceChanged':
        if (event.online) this.online.set(event.user.id, event.user);
        else this.online.delete(event.user.id);
        this.onlineCount = event.onlineCount;
        this.changed.emit('presence');
        break;
      case 'RoomDeleted':
        this.markDeleted();
        break;
    }
  }

  /**
   * A message from a history page or a send's answer: inserted by seq unless we have it
   * (what we have came from an event, at least as new).
   */
  private addMessage(message: Message): void {
    if (this.messages.has(message.seq)) this.confirmPending(message);
    else this.putMessage(message);
  }

  /** Insert or replace by seq: the state an event carries is the message as it is now. */
  private putMessage(message: Message): void {
    // A send moves its author's read marker to it.
    if (message.author.id === this.me?.id) this.readSeq = Math.max(this.readSeq, message.seq);
    this.messages.set(message.seq, message);
    this.seqById.set(message.id, message.seq);
    this.sortedCache = null;
    this.confirmPending(message);
  }

  /** Our pending send with this clientMessageId is stored. */
  private confirmPending(message: Message): void {
    if (message.clientMessageId && message.author.id === this.me?.id) {
      const index = this.pending.findIndex((p) => p.clientMessageId === message.clientMessageId);
      if (index >= 0) this.pending.splice(index, 1);
    }
  }

  /**
   * Our sends go out one at a time, in the order they were written: two mutations in
   * flight at once could be committed in either order, and our messages would swap places.
   */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        const next = this.pending.find((p) => p.status !== 'failed');
        if (!next) return;
        await this.deliver(next);
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Resolves when `pending` is stored (and no longer pending), refused, or discarded. */
  private async deliver(pending: PendingMessage): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        const data = await this.auth.request<{ sendMessage: Message }>(SEND_MESSAGE, {
          input: {
            roomId: this.roomId,
            content: pending.content,
            clientMessageId: pending.clientMessageId,
            ...(pending.replyTo ? { replyToId: pending.replyTo.id } : {}),
          },
        });
        this.addMessage(normaliseMessage(data.sendMessage));
        const index = this.pending.indexOf(pending);
        if (index >= 0) this.pending.splice(index, 1);
        this.changed.emit('live');
        return;
      } catch (err) {
        if (!this.pending.includes(pending)) return; // confirmed by its event meanwhile, or discarded
        if (isRetryable(err)) {
          pending.status = 'retrying';
          pending.error = describeError(err, 'send');
          this.changed.emit('pending');
          await waitForRetry(Math.min(10_000, 500 * 2 ** attempt));
          if (!this.pending.includes(pending)) return;
          continue;
        }
        pending.status = 'failed';
        pending.error = describeError(err, pending.replyTo ? 'reply' : 'send');
        this.changed.emit('pending');
        return;
      }
    }
  }

  /** The room is gone (RoomDeleted, NOT_FOUND, or the room list said so). */
  markDeleted(): void {
    if (this.status === 'deleted') return;
    this.live?.dispose();
    this.live = null;
    this.roomList.remove(this.roomId);
    this.conversations.remove(this.roomId);
    this.setStatus('deleted');
  }

  private scheduleRoomRefresh(): void {
    clearTimeout(this.roomRefresh);
    this.roomRefresh = setTimeout(() => {
      this.fetchRoom()
        .then((room) => room && !this.closed && this.setRoom(room))
        .catch(() => undefined);
    }, 300);
  }

  private setRoom(room: Room): void {
    this.room = room;
    this.readSeq = Math.max(this.readSeq, room.lastReadSeq ?? 0);
    const peerMoved = (room.peerLastReadSeq ?? 0) > this.peerReadSeq;
    if (peerMoved) this.peerReadSeq = room.peerLastReadSeq!;
    this.online.clear();
    for (const user of room.online ?? []) this.online.set(user.id, user);
    this.onlineCount = room.onlineCount ?? this.online.size;
    this.roomList.upsert(room, false);
    this.changed.emit('room');
    if (peerMoved) this.changed.emit('seen');
  }

  private setStatus(status: RoomStatus): void {
    this.status = status;
    this.changed.emit('status');
  }

  private sortedMessages(): Message[] {
    if (!this.sortedCache) this.sortedCache = [...this.messages.values()].sort((a, b) => a.seq - b.seq);
    return this.sortedCache;
  }

  private newestSeq(): number {
    const sorted = this.sortedMessages();
    return sorted.length ? sorted[sorted.length - 1].seq : -1;
  }

  private async fetchRoom(): Promise<Room | null> {
    try {
      const data = await this.auth.request<{ room: Room | null }>(ROOM, { id: this.roomId });
      return data.room ? normaliseRoom(data.room) : null;
    } catch (err) {
      // Presence of a private room may be for members only: fall back to what anyone sees.
      if (!(err instanceof ApiError) || err.code !== 'FORBIDDEN') throw err;
      const data = await this.auth.request<{ room: Room | null }>(ROOM_SUMMARY, { id: this.roomId });
      return data.room ? normaliseRoom(data.room) : null;
    }
  }

  private async fetchMessages(before: string | null): Promise<Connection<Message>> {
    const data = await this.auth.request<{ messages: Connection<Message> }>(MESSAGES, {
      roomId: this.roomId,
      last: PAGE_SIZE,
      before,
    });
    return data.messages;
  }
}
