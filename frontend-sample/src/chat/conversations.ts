import type { Auth } from '../api/auth';
import type { LiveConnection, LiveHandle } from '../api/live';
import {
  MARK_READ,
  MY_EVENTS,
  MY_ROOMS,
  OPEN_DIRECT_ROOM,
  normaliseRoom,
  type Connection,
  type MyEvent,
  type Room,
} from '../api/operations';
import { PagedRooms, type PagedRoomsState } from './pagedRooms';

const PAGE_SIZE = 30;

/** Direct chats and joined rooms, most recent activity first. */
export type ConversationsState = PagedRoomsState;

/**
 * The caller's conversations (direct chats and joined rooms) with their unread counts and
 * newest message: `myRooms` (most recent activity first), kept live by ONE `myEvents`
 * subscription for all rooms.
 *
 * myEvents has no resume: at every (re)connect the first page of myRooms is read again.
 * Events that arrive while that page is on its way are held and applied after it. A room
 * snapshot (every event carries the room as it is after the change) replaces ours unless
 * it is older: a room's `lastSeq` and `lastReadSeq` only grow, so a snapshot behind ours
 * in either was taken before what we show.
 */
export class Conversations extends PagedRooms<ConversationsState> {
  /** Events held while a reload is on its way. */
  private held: MyEvent[] | null = null;
  private live: LiveHandle | null = null;

  constructor(
    private readonly auth: Auth,
    private readonly connection: LiveConnection,
  ) {
    super({ rooms: [], loading: false, hasMore: false, error: null });
  }

  /** Unread messages over every loaded conversation. */
  get unreadTotal(): number {
    return this.state.rooms.reduce((sum, room) => sum + (room.unreadCount ?? 0), 0);
  }

  start(): void {
    this.live = this.connection.subscribe<{ myEvents: MyEvent }>({
      query: MY_EVENTS,
      variables: () => ({}),
      next: ({ myEvents }) => {
        this.received();
        if (this.held) this.held.push(myEvents);
        else this.apply(myEvents);
      },
      // Live only: whenever the subscription is (re)sent, read the list again, a moment
      // later so that the server has it running (what happens meanwhile is held).
      subscribed: () => {
        this.held ??= [];
        setTimeout(() => void this.reload(), 300);
      },
      error: () => this.restartLater(() => this.live?.restart()),
      complete: () => this.restartLater(() => this.live?.restart()),
    });
    void this.reload();
  }

  stop(): void {
    this.live?.dispose();
    this.live = null;
  }

  /** The first page again; events arriving meanwhile are applied after it. */
  override async reload(): Promise<boolean> {
    this.held ??= [];
    if (!(await super.reload())) return false;
    const held = this.held ?? [];
    this.held = null;
    for (const event of held) this.apply(event);
    return true;
  }

  /** The direct chat with `userId` (created on first use), placed at the top. */
  async openDirect(userId: string): Promise<Room> {
    const data = await this.auth.request<{ openDirectRoom: Room }>(OPEN_DIRECT_ROOM, { userId });
    const room = normaliseRoom(data.openDirectRoom);
    if (this.find(room.id)) this.update(room);
    else this.insert(room);
    return room;
  }

  /** Move our read marker of `roomId` to `seq`: every device's badge follows (ReadStateChanged). */
  async markRead(roomId: string, seq: number): Promise<Room> {
    const data = await this.auth.request<{ markRead: Room }>(MARK_READ, { roomId, seq });
    const room = normaliseRoom(data.markRead);
    this.update(room);
    return room;
  }

  /** We joined a room (its answer): shown at once, before MembershipChanged says so. */
  joined(room: Room): void {
    if (!this.find(room.id)) this.insert(room);
  }

  private apply(event: MyEvent): void {
    switch (event.__typename) {
      case 'RoomActivity': {
        const room = normaliseRoom(event.room);
        const known = this.find(room.id);
        // Already counted in what we show (the page was read after it).
        if (known && isOlder(room, known)) return;
        const seq = Number(event.message.seq);
        if (known && (known.lastSeq ?? 0) >= seq) this.update(room);
        else this.moveToTop(room);
        return;
      }
      case 'ReadStateChanged':
        this.update(normaliseRoom(event.room));
        return;
      case 'MembershipChanged':
        switch (event.reason) {
          case 'JOINED':
          case 'INVITED':
          case 'DIRECT_OPENED':
            if (event.membershipRoom && !this.find(event.roomId)) this.insert(normaliseRoom(event.membershipRoom));
            else if (event.membershipRoom) this.update(normaliseRoom(event.membershipRoom));
            return;
          default:
            // LEFT, REMOVED, BANNED, ROOM_DELETED: no longer ours.
            this.remove(event.roomId);
        }
    }
  }

  /** Replace a room we show with a snapshot unless that snapshot is older. */
  private update(room: Room): void {
    const index = this.state.rooms.findIndex((r) => r.id === room.id);
    if (index < 0 || isOlder(room, this.state.rooms[index])) return;
    const rooms = [...this.state.rooms];
    rooms[index] = { ...rooms[index], ...room };
    this.set({ rooms });
  }

  private moveToTop(room: Room): void {
    const known = this.find(room.id);
    const rest = this.state.rooms.filter((r) => r.id !== room.id);
    this.set({ rooms: [{ ...known, ...room }, ...rest] });
  }

  /**
   * A room new to the list, where myRooms would put it: by its newest message's time, or
   * at the top when it has none (its activity is our join, which is now).
   */
  private insert(room: Room): void {
    const at = room.lastMessage?.sentAt;
    const rooms = [...this.state.rooms];
    let index = at ? rooms.findIndex((r) => !!r.lastMessage && r.lastMessage.sentAt < at) : 0;
    if (index < 0) {
      // Older than everything loaded: it belongs on a page not loaded yet.
      if (this.state.hasMore) return;
      index = rooms.length;
    }
    rooms.splice(index, 0, room);
    this.set({ rooms });
  }

  protected async fetchPage(after: string | null): Promise<Connection<Room>> {
    const data = await this.auth.request<{ myRooms: Connection<Room> }>(MY_ROOMS, { first: PAGE_SIZE, after });
    return data.myRooms;
  }
}

/** Behind `known` in messages or in reading: taken before what we show. */
function isOlder(room: Room, known: Room): boolean {
  return (room.lastSeq ?? 0) < (known.lastSeq ?? 0) || (room.lastReadSeq ?? 0) < (known.lastReadSeq ?? 0);
}
