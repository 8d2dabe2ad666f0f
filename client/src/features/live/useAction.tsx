// Runs one live action at a time and keeps why it failed, to show beside the control that
// started it. The server's refusals arrive already translated (RequestFailed.message).
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RequestFailed } from '../../lib/socket.ts';

export function useAction() {
  const { t } = useTranslation('live');
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
        setError(messageOf(failure, t));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [t],
  );

  return { error, busy, run, clearError: useCallback(() => setError(null), []) };
}

function messageOf(failure: unknown, t: (key: string) => string): string {
  if (failure instanceof RequestFailed) return failure.message;
  // Turning a camera or microphone on asks the browser, which may say no.
  if (failure instanceof DOMException && failure.name === 'NotAllowedError')
    return t('prejoin.problems.denied');
  return t('actionFailed');
}

/** An action's failure, announced where it happened. */
export function ActionError({ error }: { error: string | null }) {
  return error ? (
    <p role="alert" className="live-error">
      {error}
    </p>
  ) : null;
}
