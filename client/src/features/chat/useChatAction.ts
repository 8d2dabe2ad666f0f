// Runs one chat action (edit, delete, hide, report, open a conversation…) and keeps why it
// failed, to show beside the control. The server's refusals come already translated.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RequestFailed } from '../../lib/socket.ts';

export function useChatAction() {
  const { t } = useTranslation('chat');
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
        setError(failure instanceof RequestFailed ? failure.message : t('actionFailed'));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [t],
  );

  return { error, busy, run };
}
