// Runs one action at a time (a socket request, a save) and keeps why it failed, to show beside the
// control that started it. The server's refusals arrive already translated (RequestFailed.message);
// anything else is the feature's "that did not work" (`<ns>:actionFailed`).
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RequestFailed } from './socketRequest.ts';

/** The namespaces that have `actionFailed` and `dialog.cancel`. */
export type ActionNamespace = 'live' | 'chat';

export function useAction(
  ns: ActionNamespace,
  /** A key (in `ns`) for the feature's own words on some failures, e.g. the browser refusing
   *  the camera. Keep it a module-level function: it is a dependency of `run`. */
  explain?: (failure: unknown) => string | null,
) {
  const { t } = useTranslation(ns);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = useCallback(
    async (action: () => Promise<unknown>): Promise<boolean> => {
      setError(null);
      setBusy(true);
      try {
        await action();
        return true;
      } catch (failure) {
        setError(
          failure instanceof RequestFailed
            ? failure.message
            : t(explain?.(failure) ?? 'actionFailed'),
        );
        return false;
      } finally {
        setBusy(false);
      }
    },
    [t, explain],
  );

  return { error, busy, run, clearError: useCallback(() => setError(null), []) };
}

/** An action's failure, announced where it happened. */
export function ActionError({ error, className }: { error: string | null; className: string }) {
  return error ? (
    <p role="alert" className={className}>
      {error}
    </p>
  ) : null;
}
