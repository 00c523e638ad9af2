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
import { PagedRooms, type PagedRoomsState } from './pagedRooms';

const PAGE_SIZE = 20;

export interface RoomListState extends PagedRoomsState {
  search: string;
}

/**
 * The live room list: `rooms(first, after, search)` newest first with "load more", kept
 * current by `roomListEvents` (RoomCreated adds, RoomDeleted removes). After a reconnect
 * the first page is fetched again, since events sent while we were away are not replayed.
 */
export class RoomList extends PagedRooms<RoomListState> {
  readonly deleted = new Emitter<string>();
  private live: LiveHandle | null = null;
  private stopConnected: (() => void) | null = null;

  constructor(
    private readonly auth: Auth,
    private readonly connection: LiveConnection,
  ) {
    super({ rooms: [], search: '', loading: false, hasMore: false, error: null });
  }

  start(): void {
    this.live = this.connection.subscribe<{ roomListEvents: RoomListEvent }>({
      query: ROOM_LIST_EVENTS,
      variables: () => ({}),
      next: ({ roomListEvents: event }) => {
        this.received();
        this.apply(event);
      },
      error: () => this.restartLater(() => this.live?.restart()),
      complete: () => this.restartLater(() => this.live?.restart()),
    });
    this.stopConnected = this.connection.onConnected((resumed) => {
      if (resumed) void this.reload();
    });
    void this.reload();
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

  protected async fetchPage(after: string | null): Promise<Connection<Room>> {
    const search = this.state.search.trim();
    const data = await this.auth.request<{ rooms: Connection<Room> }>(ROOMS, {
      first: PAGE_SIZE,
      after,
      search: search || null,
    });
    return data.rooms;
  }
}
