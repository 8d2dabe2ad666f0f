import { useEffect, useRef, useState } from 'react';
import { ApiError, get } from './api.ts';

interface Page {
  /** Passed back as `cursor` for the next page; null at the end. */
  nextCursor: string | null;
}

export interface Pages<T> {
  items: T[] | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** Loads the next page after those shown; null when there is none (disable it while loading). */
  more: (() => void) | null;
  /** After "more": the first item of the page just added (focus goes there), else null. */
  firstNew: T | null;
  /** Starts again from the first page (after a change made on the page). */
  reload: () => void;
}

/** A list the server gives a page at a time (a keyset cursor): the first page, then "more". */
export function usePages<P extends Page, T>(path: string, itemsOf: (page: P) => T[]): Pages<T> {
  const [state, setState] = useState<{
    path: string;
    items?: T[];
    next: string | null;
    error?: ApiError;
    firstNew: T | null;
  }>({ path, next: null, firstNew: null });
  const [loading, setLoading] = useState(true);
  const current = useRef(path); // answers for another path are dropped
  const pick = useRef(itemsOf);
  pick.current = itemsOf;

  const load = (cursor: string | null) => {
    const asked = path;
    setLoading(true);
    const url = cursor
      ? `${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`
      : path;
    get<P>(url).then(
      (page) => {
        if (current.current !== asked) return;
        const added = pick.current(page);
        setState((before) => ({
          path: asked,
          items: cursor && before.path === asked ? [...(before.items ?? []), ...added] : added,
          next: page.nextCursor,
          firstNew: cursor ? (added[0] ?? null) : null,
        }));
        setLoading(false);
      },
      (error: unknown) => {
        if (current.current !== asked) return;
        setState((before) => ({
          ...(before.path === asked ? before : { next: null, firstNew: null }),
          path: asked,
          error: error instanceof ApiError ? error : new ApiError(0, 'internal', String(error)),
        }));
        setLoading(false);
      },
    );
  };

  useEffect(() => {
    current.current = path;
    load(null);
    // A new path starts from the first page; later pages come from `more`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path]);

  const shown = state.path === path;
  const next = shown ? state.next : null;
  return {
    items: shown ? state.items : undefined,
    error: shown ? state.error : undefined,
    loading,
    more: next ? () => load(next) : null,
    firstNew: shown ? state.firstNew : null,
    reload: () => load(null),
  };
}
