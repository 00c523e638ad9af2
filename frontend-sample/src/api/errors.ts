// ChatX errors: every GraphQL error carries extensions.code. Clients branch on the code;
// the message is for people, and we turn codes into words a person understands.

export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'INVALID_CREDENTIALS'
  | 'WRONG_ROOM_PASSWORD'
  | 'ROOM_FULL'
  | 'RATE_LIMITED'
  | 'INTERNAL';

export interface GraphQLErrorLike {
  message?: string;
  extensions?: { code?: string; correlationId?: string; [key: string]: unknown };
  path?: readonly (string | number)[];
}

/** The server answered with a GraphQL error. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly correlationId?: string;

  constructor(code: ErrorCode, message: string, correlationId?: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.correlationId = correlationId;
  }

  static from(error: GraphQLErrorLike | undefined): ApiError {
    const code = (error?.extensions?.code as ErrorCode | undefined) ?? 'INTERNAL';
    return new ApiError(code, error?.message ?? 'Unknown error', error?.extensions?.correlationId);
  }
}

/** The server could not be reached (offline, server down, proxy error). Safe to retry. */
export class NetworkError extends Error {
  constructor(message = 'Network error') {
    super(message);
    this.name = 'NetworkError';
  }
}

export function isRetryable(err: unknown): boolean {
  return err instanceof NetworkError || (err instanceof ApiError && err.code === 'RATE_LIMITED');
}

/** Where an error happened, to pick the right words for a code. */
export type ErrorContext = 'login' | 'register' | 'createRoom' | 'joinRoom' | 'send' | 'reply' | 'message' | 'room' | 'general';

/** An error in words a person understands. */
export function describeError(err: unknown, context: ErrorContext = 'general'): string {
  if (err instanceof NetworkError) {
    return context === 'send' || context === 'reply'
      ? "Can't reach the ChatX server. We'll keep trying."
      : "Can't reach the ChatX server. Check your connection and try again.";
  }
  if (!(err instanceof ApiError)) {
    return 'Something unexpected happened. Please try again.';
  }
  switch (err.code) {
    case 'INVALID_CREDENTIALS':
      return 'Wrong username/email or password.';
    case 'CONFLICT':
      if (context === 'register') return 'That username or email is already taken.';
      if (context === 'createRoom') return 'A room with that name already exists. Pick another name.';
      return err.message;
    case 'WRONG_ROOM_PASSWORD':
      return 'That room password is wrong.';
    case 'ROOM_FULL':
      return 'This room is full: it has reached its member limit.';
    case 'RATE_LIMITED':
      return 'Slow down… too many attempts in a short time. Wait a moment and try again.';
    case 'BAD_USER_INPUT':
      return humaniseInputMessage(err.message);
    case 'UNAUTHENTICATED':
      return context === 'login' ? 'Please sign in.' : 'Your session has ended. Please sign in again.';
    case 'FORBIDDEN':
      if (context === 'send' || context === 'reply') return 'Join this room to send messages.';
      if (context === 'message') return 'Only its author can edit a message; only its author or the room’s owner can delete it.';
      if (context === 'room') return 'This room is private. Join it with its password to read it.';
      return "You don't have permission to do that.";
    case 'NOT_FOUND':
      // An edit, deletion or reaction of a message deleted meanwhile; a reply to one.
      if (context === 'message') return 'That message was deleted.';
      if (context === 'reply') return 'The message you replied to was deleted (or this room no longer exists).';
      return context === 'room' || context === 'send' || context === 'joinRoom'
        ? 'This room no longer exists.'
        : 'Not found.';
    case 'INTERNAL':
    default:
      return err.correlationId
        ? `Something went wrong on the server (reference ${err.correlationId}). Please try again.`
        : 'Something went wrong on the server. Please try again.';
  }
}

/** Server validation messages name the argument path ("register.input.password ..."): keep the useful part. */
function humaniseInputMessage(message: string): string {
  const cleaned = message
    .replace(/^[\w.]*?input\.(\w+)/, (_m, field: string) => capitalise(field))
    .replace(/^(\w+\.)+(\w+)/, (_m, _p, field: string) => capitalise(field))
    .trim();
  return cleaned.endsWith('.') ? cleaned : `${cleaned}.`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
