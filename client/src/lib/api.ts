// The REST client: JSON in and out, the UI language on every request (the server translates its
// error messages), and the session's CSRF token on every state-changing request.
import i18next from 'i18next';
import type { ApiErrorBody } from '../../../server/protocol/api.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

let csrfToken: string | null = null;
const sessionLostListeners = new Set<() => void>();

/** Set by the session provider whenever the session changes. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/**
 * Called when the server no longer knows this session (expired, signed out elsewhere) or its
 * CSRF token (a sign-in in another tab replaced the session): time to reload the session.
 */
export function onSessionLost(listener: () => void): () => void {
  sessionLostListeners.add(listener);
  return () => sessionLostListeners.delete(listener);
}

function isErrorBody(body: unknown): body is ApiErrorBody {
  const error = (body as Partial<ApiErrorBody> | null)?.error;
  return typeof error === 'object' && error !== null && typeof error.code === 'string';
}

export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': i18next.resolvedLanguage ?? i18next.language,
  };
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'network', i18next.t('common:offline'));
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text && response.headers.get('content-type')?.includes('json')) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (response.ok) return parsed as T;
  if (isErrorBody(parsed)) {
    const { code, message, fields } = parsed.error;
    if (code === 'unauthenticated' || code === 'csrf') {
      for (const listener of sessionLostListeners) listener();
    }
    throw new ApiError(response.status, code, message, fields ?? {});
  }
  throw new ApiError(response.status, 'internal', i18next.t('errors:internal'));
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body);
export const put = <T>(path: string, body?: unknown) => api<T>('PUT', path, body);
export const patch = <T>(path: string, body?: unknown) => api<T>('PATCH', path, body);
export const del = <T>(path: string, body?: unknown) => api<T>('DELETE', path, body);
