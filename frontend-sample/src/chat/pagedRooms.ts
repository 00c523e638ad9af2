import { normaliseRoom, type Connection, type Room } from '../api/operations';
import { Emitter } from './emitter';

export interface PagedRoomsState {
  rooms: Room[];
  loading: boolean;
  hasMore: boolean;
  error: unknown;
}

/**
 * A list of rooms read page by page: the first page again on `reload`, the next one after
 * the last cursor on `loadMore`; an answer that a newer request overtook is dropped. The
 * room browser (`rooms`) and the conversations (`myRooms`) are both one.
 */
export abstract class PagedRooms<S extends PagedRoomsState> {
  readonly changed = new Emitter<S>();
  private endCursor: string | null = null;
  private requestId = 0;
  private failures = 0;

  protected constructor(protected state: S) {}

  get value(): S {
    return this.state;
  }

  find(roomId: string): Room | undefined {
    return this.state.rooms.find((r) => r.id === roomId);
  }

  /**
   * The first page again.
   * @returns whether no newer request overtook this one
   */
  async reload(): Promise<boolean> {
    const id = ++this.requestId;
    this.set({ loading: true, error: null } as Partial<S>);
    try {
      const page = await this.fetchPage(null);
      if (id !== this.requestId) return false;
      this.endCursor = page.pageInfo.endCursor;
      this.set({
        rooms: page.edges.map((e) => normaliseRoom(e.node)),
        hasMore: page.pageInfo.hasNextPage,
        loading: false,
      } as Partial<S>);
    } catch (error) {
      if (id !== this.requestId) return false;
      this.set({ loading: false, error } as Partial<S>);
    }
    return true;
  }

  async loadMore(): Promise<void> {
    if (this.state.loading || !this.state.hasMore) return;
    const id = ++this.requestId;
    this.set({ loading: true, error: null } as Partial<S>);
    try {
      const page = await this.fetchPage(this.endCursor);
      if (id !== this.requestId) return;
      this.endCursor = page.pageInfo.endCursor;
      const known = new Set(this.state.rooms.map((r) => r.id));
      const more = page.edges.map((e) => normaliseRoom(e.node)).filter((r) => !known.has(r.id));
      this.set({ rooms: [...this.state.rooms, ...more], hasMore: page.pageInfo.hasNextPage, loading: false } as Partial<S>);
    } catch (error) {
      if (id === this.requestId) this.set({ loading: false, error } as Partial<S>);
    }
  }

  remove(roomId: string): void {
    if (!this.find(roomId)) return;
    this.set({ rooms: this.state.rooms.filter((r) => r.id !== roomId) } as Partial<S>);
  }

  protected abstract fetchPage(after: string | null): Promise<Connection<Room>>;

  /** An event arrived: the subscription works again. */
  protected received(): void {
    this.failures = 0;
  }

  /** The server ended the subscription: `restart` it later, backing off while it keeps failing. */
  protected restartLater(restart: () => void): void {
    const delay = Math.min(30_000, 2_000 * 2 ** this.failures++);
    setTimeout(restart, delay);
  }

  protected set(patch: Partial<S>): void {
    this.state = { ...this.state, ...patch };
    this.changed.emit(this.state);
  }
}
