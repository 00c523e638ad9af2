import type { Auth } from '../api/auth';
import type { LiveConnection, LiveHandle } from '../api/live';
import {
  CREATE_ROOM,
  JOIN_ROOM,
  ROOM_LIST_EVENTS,
  ROOMS,
  normaliseRoom,
  type Connection,
  type Room,
  type RoomListEvent,
} from '../api/operations';
import { Emitter } from './emitter';

const PAGE_SIZE = 20;

export interface RoomListState {
  rooms: Room[];
  search: string;
  loading: boolean;
  hasMore: boolean;
  error: unknown;
}

/**
 * The live room list: `rooms(first, after, search)` newest first with "load more", kept
 * current by `roomListEvents` (RoomCreated adds, RoomDeleted removes). After a reconnect
 * the first page is fetched again, since events sent while we were away are not replayed.
 */
export class RoomList {
  readonly changed = new Emitter<RoomListState>();
  readonly deleted = new Emitter<string>();
  private state: RoomListState = { rooms: [], search: '', loading: false, hasMore: false, error: null };
  private endCursor: string | null = null;
  private requestId = 0;
  private live: LiveHandle | null = null;
  private stopConnected: (() => void) | null = null;
  private failures = 0;

  constructor(
    private readonly auth: Auth,
    private readonly connection: LiveConnection,
  ) {}

  get value(): RoomListState {
    return this.state;
  }

  start(): void {
    this.live = this.connection.subscribe<{ roomListEvents: RoomListEvent }>({
      query: ROOM_LIST_EVENTS,
      variables: () => ({}),
      next: ({ roomListEvents: event }) => {
        this.failures = 0;
        this.apply(event);
      },
      error: () => this.restartLater(),
      complete: () => this.restartLater(),
    });
    this.stopConnected = this.connection.onConnected((resumed) => {
      if (resumed) void this.reload();
    });
    void this.reload();
  }

  /** The server ended the subscription: subscribe again, backing off while it keeps failing. */
  private restartLater(): void {
    const delay = Math.min(30_000, 2_000 * 2 ** this.failures++);
    setTimeout(() => this.live?.restart(), delay);
  }

  stop(): void {
    this.live?.dispose();
    this.live = null;
    this.stopConnected?.();
  }

  setSearch(search: string): void {
    if (search === this.state.search) return;
    this.set({ search });
    void this.reload();
  }

  /** The first page again (search changed, or back from a disconnect). */
  async reload(): Promise<void> {
    const id = ++this.requestId;
    this.set({ loading: true, error: null });
    try {
      const page = await this.fetchPage(null);
      if (id !== this.requestId) return;
      this.endCursor = page.pageInfo.endCursor;
      this.set({ rooms: page.edges.map((e) => normaliseRoom(e.node)), hasMore: page.pageInfo.hasNextPage, loading: false });
    } catch (error) {
      if (id === this.requestId) this.set({ loading: false, error });
    }
  }

  async loadMore(): Promise<void> {
    if (this.state.loading || !this.state.hasMore) return;
    const id = ++this.requestId;
    this.set({ loading: true, error: null });
    try {
      const page = await this.fetchPage(this.endCursor);
      if (id !== this.requestId) return;
      this.endCursor = page.pageInfo.endCursor;
      const known = new Set(this.state.rooms.map((r) => r.id));
      const more = page.edges.map((e) => normaliseRoom(e.node)).filter((r) => !known.has(r.id));
      this.set({ rooms: [...this.state.rooms, ...more], hasMore: page.pageInfo.hasNextPage, loading: false });
    } catch (error) {
      if (id === this.requestId) this.set({ loading: false, error });
    }
  }

  async create(input: { name: string; private: boolean; password?: string; maxMembers?: number }): Promise<Room> {
    const data = await this.auth.request<{ createRoom: Room }>(CREATE_ROOM, { input });
    const room = normaliseRoom(data.createRoom);
    this.upsert(room);
    return room;
  }

  /** Join a room; `password` is required for a private one. */
  async join(roomId: string, password?: string): Promise<Room> {
    const data = await this.auth.request<{ joinRoom: Room }>(JOIN_ROOM, { roomId, password: password ?? null });
    const room = normaliseRoom(data.joinRoom);
    this.upsert(room, false);
    return room;
  }

  find(roomId: string): Room | undefined {
    return this.state.rooms.find((r) => r.id === roomId);
  }

  /** Update a room we know more about (joined, left, member count). */
  upsert(room: Room, addIfMissing = true): void {
    const index = this.state.rooms.findIndex((r) => r.id === room.id);
    if (index >= 0) {
      const rooms = [...this.state.rooms];
      rooms[index] = { ...rooms[index], ...room };
      this.set({ rooms });
    } else if (addIfMissing && this.matchesSearch(room)) {
      this.set({ rooms: [room, ...this.state.rooms] });
    }
  }

  remove(roomId: string): void {
    if (!this.find(roomId)) return;
    this.set({ rooms: this.state.rooms.filter((r) => r.id !== roomId) });
  }

  private apply(event: RoomListEvent): void {
    if (event.__typename === 'RoomCreated') {
      this.upsert(normaliseRoom(event.room));
    } else if (event.__typename === 'RoomDeleted') {
      this.remove(event.roomId);
      this.deleted.emit(event.roomId);
    }
  }

  private matchesSearch(room: Room): boolean {
    const search = this.state.search.trim().toLowerCase();
    return !search || room.name.toLowerCase().includes(search);
  }

  private async fetchPage(after: string | null): Promise<Connection<Room>> {
    const search = this.state.search.trim();
    const data = await this.auth.request<{ rooms: Connection<Room> }>(ROOMS, {
      first: PAGE_SIZE,
      after,
      search: search || null,
    });
    return data.rooms;
  }

  private set(patch: Partial<RoomListState>): void {
    this.state = { ...this.state, ...patch };
    this.changed.emit(this.state);
  }
}
