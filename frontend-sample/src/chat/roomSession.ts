import type { Auth } from '../api/auth';
import { ApiError, describeError, isRetryable } from '../api/errors';
import type { LiveConnection, LiveHandle } from '../api/live';
import {
  DELETE_ROOM,
  LEAVE_ROOM,
  MESSAGES,
  ROOM,
  ROOM_EVENTS,
  ROOM_SUMMARY,
  SEND_MESSAGE,
  normaliseMessage,
  normaliseRoom,
  type Connection,
  type Message,
  type Room,
  type RoomEvent,
  type User,
} from '../api/operations';
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
export type RoomChange = 'status' | 'room' | 'initial' | 'older' | 'live' | 'pending' | 'presence';

/**
 * One open room: its history, live events, presence and our sends.
 *
 * - History: `messages(last:)` first (the newest page), older pages with `before:` when
 *   the user scrolls up. Messages are kept by seq, so nothing shows twice.
 * - Live: `roomEvents(roomId, after: <cursor of the newest message seen>)`. After a
 *   reconnect the same subscription is sent with the cursor as it is *then*: the server
 *   replays what we missed, then goes on live.
 * - Sends: a clientMessageId per message, shown at once as pending; replaced by the
 *   stored message when the mutation answers or its MessagePosted arrives, whichever is
 *   first. On a network error the same mutation is retried with the same clientMessageId,
 *   which ChatX makes idempotent: a retry never doubles a message.
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
  private readonly system: SystemLine[] = [];
  private sortedCache: Message[] | null = null;
  /** Cursor of the newest message whose cursor we know: where a resubscription resumes. */
  private cursor: { seq: number; value: string } | null = null;
  private olderCursor: string | null = null;
  private live: LiveHandle | null = null;
  private closed = false;
  private roomRefresh: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private pumping = false;

  constructor(
    readonly roomId: string,
    private readonly auth: Auth,
    private readonly connection: LiveConnection,
    private readonly roomList: RoomList,
  ) {}

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

  get messageCount(): number {
    return this.messages.size;
  }

  async loadOlder(): Promise<void> {
    if (!this.hasOlder || this.loadingOlder || this.status !== 'ready') return;
    this.loadingOlder = true;
    try {
      const page = await this.fetchMessages(this.olderCursor);
      if (this.closed) return;
      for (const edge of page.edges) this.addMessage(normaliseMessage(edge.node), edge.cursor);
      this.olderCursor = page.pageInfo.startCursor ?? this.olderCursor;
      this.hasOlder = page.pageInfo.hasPreviousPage && page.edges.length > 0;
    } finally {
      this.loadingOlder = false;
    }
    this.changed.emit('older');
  }

  /** Post a message: shown at once, confirmed when ChatX has stored it. */
  send(text: string): void {
    const content = text.trim();
    if (!content) return;
    const pending: PendingMessage = {
      clientMessageId: newClientMessageId(),
      content,
      createdAt: new Date().toISOString(),
      status: 'sending',
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

  /** Join this room (the password for a private one), then go live. */
  async join(password?: string): Promise<void> {
    const room = await this.roomList.join(this.roomId, password);
    if (this.closed) return;
    this.setRoom(room);
    if (this.status !== 'ready') await this.startLive();
  }

  async leave(): Promise<void> {
    await this.auth.request(LEAVE_ROOM, { roomId: this.roomId });
    if (this.room) {
      this.roomList.upsert({ ...this.room, joined: false, memberCount: Math.max(0, this.room.memberCount - 1) }, false);
    }
  }

  async deleteRoom(): Promise<void> {
    await this.auth.request(DELETE_ROOM, { roomId: this.roomId });
    this.roomList.remove(this.roomId);
  }

  private async startLive(): Promise<void> {
    const page = await this.fetchMessages(null);
    if (this.closed) return;
    for (const edge of page.edges) this.addMessage(normaliseMessage(edge.node), edge.cursor);
    this.olderCursor = page.pageInfo.startCursor;
    this.hasOlder = page.pageInfo.hasPreviousPage;
    this.status = 'ready';
    this.changed.emit('initial');

    this.live = this.connection.subscribe<{ roomEvents: RoomEvent }>({
      query: ROOM_EVENTS,
      // Evaluated at every (re)subscribe: resume after the newest message we have.
      variables: () => ({ roomId: this.roomId, after: this.cursor?.value ?? null }),
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
        for (const edge of page.edges) this.addMessage(normaliseMessage(edge.node), edge.cursor);
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
        this.addMessage(normaliseMessage(event.message), event.cursor);
        this.changed.emit('live');
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

  /** Insert by seq (a duplicate is a no-op); confirms our pending send with the same clientMessageId. */
  private addMessage(message: Message, cursor?: string): void {
    if (!this.messages.has(message.seq)) {
      this.messages.set(message.seq, message);
      this.sortedCache = null;
    }
    if (cursor && (!this.cursor || message.seq > this.cursor.seq)) {
      this.cursor = { seq: message.seq, value: cursor };
    }
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
          input: { roomId: this.roomId, content: pending.content, clientMessageId: pending.clientMessageId },
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
        pending.error = describeError(err, 'send');
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
    this.online.clear();
    for (const user of room.online ?? []) this.online.set(user.id, user);
    this.onlineCount = room.onlineCount ?? this.online.size;
    this.roomList.upsert(room, false);
    this.changed.emit('room');
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
