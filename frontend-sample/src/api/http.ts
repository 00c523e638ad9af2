import { ApiError, NetworkError, type GraphQLErrorLike } from './errors';

/** Same origin: the Vite dev server proxies /graphql to ChatX (see vite.config.ts). */
export const GRAPHQL_PATH = '/graphql';

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: GraphQLErrorLike[];
}

/**
 * One GraphQL operation over HTTP POST. Resolves with `data`, or throws an {@link ApiError}
 * (the server's first error, with its code) or a {@link NetworkError} (no answer).
 */
export async function postGraphQL<T>(
  query: string,
  variables: Record<string, unknown> = {},
  accessToken?: string | null,
): Promise<T> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'application/graphql-response+json, application/json',
  };
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;

  let response: Response;
  try {
    response = await fetch(GRAPHQL_PATH, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  } catch {
    throw new NetworkError();
  }

  let body: GraphQLResponse<T>;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    // Not JSON: the proxy could not reach ChatX (502/504) or something in between failed.
    if (response.status >= 500 || response.status === 0) throw new NetworkError(`HTTP ${response.status}`);
    throw new ApiError('INTERNAL', `Unexpected HTTP ${response.status} response`);
  }
  if (body.errors && body.errors.length > 0) throw ApiError.from(body.errors[0]);
  if (body.data == null) throw new ApiError('INTERNAL', 'Empty response');
  return body.data;
}
