import { createClient, type Client, type ExecutionResult } from 'graphql-ws';
import type { Auth } from './auth';
import { ApiError, type GraphQLErrorLike } from './errors';
import { GRAPHQL_PATH } from './http';

/**
 * The WebSocket side of ChatX: one graphql-transport-ws connection (graphql-ws client)
 * carrying every subscription, with
 *  - the access token in connection_init ({Authorization: "Bearer ..."}), read fresh on
 *    every connect;
 *  - a visible status (connecting / online / reconnecting / offline);
 *  - reconnection with backoff, forever, and at once when the browser comes back online;
 *  - a token refresh first when the server refuses the token (close 4401/4403);
 *  - keep-alive pings, so a silently dead connection is noticed within seconds;
 *  - resubscription after every reconnect with *current* variables, so a room resumes
 *    from the cursor of the last message seen (`roomEvents(after:)`).
 *
 * Why not graphql-ws's own retry: it re-sends each subscription with the variables it
 * was first given (a stale cursor), and treats 4401 as fatal. So every connection here is
 * one graphql-ws client with retryAttempts: 0, and this class decides what happens next.
 */

export type LiveStatus = 'connecting' | 'online' | 'reconnecting' | 'offline';

export interface LiveSubscription<T> {
  query: string;
  /** Called at every (re)subscribe: return the variables to use now (e.g. the latest cursor). */
  variables: () => Record<string, unknown>;
  next: (data: T) => void;
  /** A GraphQL error for this subscription (not a connection problem: those are handled here). */
  error?: (err: ApiError) => void;
  /** The server completed the subscription. */
  complete?: () => void;
  /** The subscription was (re)sent on a new connection; `resumed` is false the first time. */
  subscribed?: (resumed: boolean) => void;
}

export interface LiveHandle {
  /** Unsubscribe now and subscribe again with fresh variables (after an error, say). */
  restart(): void;
  /** Stop for good. */
  dispose(): void;
}

interface ActiveSub {
  spec: LiveSubscription<unknown>;
  generation: number;
  subscribedBefore: boolean;
  unsubscribe?: () => void;
  disposed: boolean;
}

const KEEP_ALIVE_MS = 10_000;
const PONG_TIMEOUT_MS = 5_000;
const MAX_BACKOFF_MS = 15_000;

export class LiveConnection {
  private client: Client | null = null;
  private readonly subs = new Set<ActiveSub>();
  private statusValue: LiveStatus = 'connecting';
  private readonly statusListeners = new Set<(status: LiveStatus) => void>();
  private readonly connectedListeners = new Set<(resumed: boolean) => void>();
  private attempts = 0;
  private everConnected = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = true;
  private readonly onOnline = () => this.reconnectNow();
  private readonly onOffline = () => this.client && this.dropConnection();

  constructor(private readonly auth: Auth) {}

  get status(): LiveStatus {
    return this.statusValue;
  }

  onStatus(listener: (status: LiveStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Each time a connection is acknowledged; `resumed` is true after the first one. */
  onConnected(listener: (resumed: boolean) => void): () => void {
    this.connectedListeners.add(listener);
    return () => this.connectedListeners.delete(listener);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    clearTimeout(this.reconnectTimer);
    for (const sub of this.subs) sub.disposed = true;
    this.subs.clear();
    const client = this.client;
    this.client = null;
    if (client) Promise.resolve(client.dispose()).catch(() => undefined);
    this.everConnected = false;
    this.setStatus('connecting');
  }

  subscribe<T>(spec: LiveSubscription<T>): LiveHandle {
    const sub: ActiveSub = {
      spec: spec as LiveSubscription<unknown>,
      generation: 0,
      subscribedBefore: false,
      disposed: false,
    };
    this.subs.add(sub);
    if (this.client && this.statusValue === 'online') this.open(sub);
    return {
      restart: () => {
        if (sub.disposed) return;
        this.close(sub);
        if (this.client && this.statusValue === 'online') this.open(sub);
      },
      dispose: () => {
        sub.disposed = true;
        this.close(sub);
        this.subs.delete(sub);
      },
    };
  }

  private connect(): void {
    if (this.stopped) return;
    if (!navigator.onLine) {
      this.setStatus('offline'); // wait for the 'online' event
      return;
    }
    this.setStatus(this.everConnected ? 'reconnecting' : 'connecting');

    let pongTimer: ReturnType<typeof setTimeout> | undefined;
    let usedToken: string | undefined;
    const url = new URL(GRAPHQL_PATH, window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';

    const client: Client = createClient({
      url: url.toString(),
      lazy: false,
      retryAttempts: 0, // reconnection is ours (see above)
      keepAlive: KEEP_ALIVE_MS,
      // Read at every connect: always the current (refreshed) access token.
      connectionParams: async () => {
        usedToken = await this.auth.accessToken();
        return { Authorization: `Bearer ${usedToken}` };
      },
      onNonLazyError: () => {
        // Reported through the 'closed' event below.
      },
      on: {
        connected: () => {
          if (this.client !== client) return;
          const resumed = this.everConnected;
          this.everConnected = true;
          this.attempts = 0;
          this.setStatus('online');
          for (const sub of this.subs) this.open(sub);
          for (const listener of [...this.connectedListeners]) listener(resumed);
        },
        ping: (received) => {
          // Our keep-alive ping went out: expect a pong soon, or the connection is dead.
          if (!received) pongTimer = setTimeout(() => client.terminate(), PONG_TIMEOUT_MS);
        },
        pong: (received) => {
          if (received) clearTimeout(pongTimer);
        },
        closed: (event) => {
          clearTimeout(pongTimer);
          if (this.client !== client) return;
          this.onClosed(client, event as CloseEvent, usedToken);
        },
      },
    });
    this.client = client;
  }

  private onClosed(client: Client, event: CloseEvent, usedToken: string | undefined): void {
    this.client = null;
    // Every subscription died with the connection: forget them, we resubscribe on reconnect.
    for (const sub of this.subs) this.close(sub);
    // dispose() rejects when the socket closed before it was acknowledged: nothing to do then.
    Promise.resolve(client.dispose()).catch(() => undefined);
    if (this.stopped) return;
    this.setStatus(navigator.onLine ? 'reconnecting' : 'offline');

    const code = event?.code;
    if (code === 4401 || code === 4403) {
      // The server refused our token: refresh it (unless that happened meanwhile), then
      // reconnect with the new one.
      const session = this.auth.session;
      const refreshed = session && session.accessToken !== usedToken ? Promise.resolve(session) : this.auth.refresh();
      refreshed.then(
        () => this.scheduleReconnect(0),
        (err: unknown) => {
          if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') return; // signed out
          this.scheduleReconnect();
        },
      );
      return;
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(delay?: number): void {
    clearTimeout(this.reconnectTimer);
    if (this.stopped) return;
    if (delay === undefined) {
      // 0.5 s, 1 s, 2 s, ... up to 15 s, with jitter so that clients do not stampede.
      const base = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempts);
      delay = base / 2 + Math.random() * (base / 2);
      this.attempts++;
    }
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private reconnectNow(): void {
    if (this.stopped || this.client) return;
    this.attempts = 0;
    this.scheduleReconnect(0);
  }

  /** The browser went offline: the socket is as good as dead, say so at once. */
  private dropConnection(): void {
    this.client?.terminate();
  }

  private open(sub: ActiveSub): void {
    if (!this.client || sub.disposed) return;
    const generation = ++sub.generation;
    const current = () => sub.generation === generation && !sub.disposed;
    const resumed = sub.subscribedBefore;
    sub.subscribedBefore = true;
    sub.unsubscribe = this.client.subscribe<unknown>(
      { query: sub.spec.query, variables: sub.spec.variables() },
      {
        next: (result: ExecutionResult<unknown>) => {
          if (!current()) return;
          if (result.errors?.length) sub.spec.error?.(ApiError.from(result.errors[0] as GraphQLErrorLike));
          else if (result.data != null) sub.spec.next(result.data);
        },
        error: (err: unknown) => {
          if (!current()) return;
          if (Array.isArray(err)) sub.spec.error?.(ApiError.from(err[0] as GraphQLErrorLike));
          // A close event: the connection ended; onClosed resubscribes after reconnecting.
        },
        complete: () => {
          if (!current()) return;
          sub.generation++;
          sub.spec.complete?.();
        },
      },
    );
    sub.spec.subscribed?.(resumed);
  }

  private close(sub: ActiveSub): void {
    sub.generation++;
    const unsubscribe = sub.unsubscribe;
    sub.unsubscribe = undefined;
    unsubscribe?.();
  }

  private setStatus(status: LiveStatus): void {
    if (this.statusValue === status) return;
    this.statusValue = status;
    for (const listener of [...this.statusListeners]) listener(status);
  }
}
