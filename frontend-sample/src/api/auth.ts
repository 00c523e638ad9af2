import { ApiError, NetworkError } from './errors';
import { postGraphQL } from './http';
import { LOGIN, LOGOUT, REFRESH_TOKEN, REGISTER, type AuthPayload, type User } from './operations';

/**
 * The signed-in session: an access token (short-lived JWT) and a single-use refresh
 * token. The access token is refreshed about a minute before it expires; every refresh
 * returns a new pair (rotation). Reusing a spent refresh token makes ChatX revoke the
 * whole sign-in, so a refresh is never run twice at once (single flight), and a failed
 * refresh with UNAUTHENTICATED ends the session.
 *
 * Kept in sessionStorage: it survives a reload, not the closing of the tab.
 */

const STORAGE_KEY = 'chatx.session';
/** Refresh this long before expiry (or at half the remaining lifetime, if that is shorter). */
const REFRESH_LEAD_MS = 60_000;
/** A token this close to expiry is refreshed before it is used. */
const MIN_VALIDITY_MS = 5_000;

export interface Session {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
  user: User;
}

export type SignOutReason = 'user' | 'expired';
type Listener = (session: Session | null, reason?: SignOutReason) => void;

export class Auth {
  private current: Session | null = load();
  private refreshing: Promise<Session> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<Listener>();

  constructor() {
    if (this.current) this.schedule();
  }

  get session(): Session | null {
    return this.current;
  }

  get user(): User | null {
    return this.current?.user ?? null;
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async register(username: string, email: string, password: string): Promise<void> {
    const data = await postGraphQL<{ register: AuthPayload }>(REGISTER, { input: { username, email, password } });
    this.start(data.register);
  }

  /** `login` is a username or an email. */
  async login(login: string, password: string): Promise<void> {
    const data = await postGraphQL<{ login: AuthPayload }>(LOGIN, { input: { login, password } });
    this.start(data.login);
  }

  /** Revoke the refresh token on the server (best effort) and forget the session. */
  async signOut(): Promise<void> {
    const session = this.current;
    this.end('user');
    if (session) {
      try {
        await postGraphQL(LOGOUT, { refreshToken: session.refreshToken }, session.accessToken);
      } catch {
        // Signed out locally anyway; the refresh token expires on its own.
      }
    }
  }

  /** An access token valid for a few more seconds at least, refreshing first if needed. */
  async accessToken(): Promise<string> {
    const session = this.current;
    if (!session) throw new ApiError('UNAUTHENTICATED', 'Not signed in');
    if (session.expiresAt - Date.now() > MIN_VALIDITY_MS) return session.accessToken;
    return (await this.refresh()).accessToken;
  }

  /**
   * Trade the refresh token for a new pair. Concurrent callers share one request.
   * UNAUTHENTICATED (expired, revoked or reused token) ends the session.
   */
  refresh(): Promise<Session> {
    if (this.refreshing) return this.refreshing;
    const session = this.current;
    if (!session) return Promise.reject(new ApiError('UNAUTHENTICATED', 'Not signed in'));
    this.refreshing = (async () => {
      try {
        const data = await postGraphQL<{ refreshToken: AuthPayload }>(REFRESH_TOKEN, {
          refreshToken: session.refreshToken,
        });
        if (this.current?.refreshToken !== session.refreshToken) {
          // Signed out (or in again) meanwhile: this pair is not ours to keep.
          throw new ApiError('UNAUTHENTICATED', 'Session changed');
        }
        this.save(toSession(data.refreshToken));
        return this.current!;
      } catch (err) {
        if (err instanceof ApiError && err.code === 'UNAUTHENTICATED') {
          if (this.current?.refreshToken === session.refreshToken) this.end('expired');
        } else if (this.current === session) {
          // Network trouble or a server error: try again soon, while the token still lives.
          this.schedule(5_000);
        }
        throw err;
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  /**
   * Run an authenticated operation over HTTP. An UNAUTHENTICATED answer (token expired
   * early, clock skew) gets one refresh and one retry.
   */
  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const token = await this.accessToken();
    try {
      return await postGraphQL<T>(query, variables, token);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED' && this.current) {
        // Refreshed meanwhile (by another request)? Then just use the new token.
        const fresh = this.current.accessToken !== token ? this.current : await this.refresh();
        return postGraphQL<T>(query, variables, fresh.accessToken);
      }
      throw err;
    }
  }

  private start(payload: AuthPayload): void {
    this.save(toSession(payload));
    this.emit(this.current);
  }

  private save(session: Session): void {
    this.current = session;
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    this.schedule();
  }

  private end(reason: SignOutReason): void {
    clearTimeout(this.timer);
    this.current = null;
    sessionStorage.removeItem(STORAGE_KEY);
    this.emit(null, reason);
  }

  /** Refresh about a minute before expiry (sooner for short-lived tokens). */
  private schedule(delay?: number): void {
    clearTimeout(this.timer);
    const session = this.current;
    if (!session) return;
    if (delay === undefined) {
      const remaining = session.expiresAt - Date.now();
      delay = Math.max(0, remaining - Math.min(REFRESH_LEAD_MS, remaining / 2));
    }
    this.timer = setTimeout(() => {
      this.refresh().catch((err: unknown) => {
        if (!(err instanceof NetworkError) && !(err instanceof ApiError)) console.error(err);
      });
    }, delay);
  }

  private emit(session: Session | null, reason?: SignOutReason): void {
    for (const listener of [...this.listeners]) listener(session, reason);
  }
}

function toSession(payload: AuthPayload): Session {
  return {
    accessToken: payload.accessToken,
    refreshToken: payload.refreshToken,
    expiresAt: Date.parse(payload.expiresAt),
    user: payload.user,
  };
}

function load(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    return session.refreshToken && session.user ? session : null;
  } catch {
    return null;
  }
}
