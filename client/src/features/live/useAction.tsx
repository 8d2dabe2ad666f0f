// The live session's actions: the shared runner, with the browser's camera refusal in our words.
import {
  ActionError as SharedActionError,
  useAction as useSharedAction,
} from '../../lib/useAction.tsx';

// Turning a camera or microphone on asks the browser, which may say no.
const cameraRefused = (failure: unknown) =>
  failure instanceof DOMException && failure.name === 'NotAllowedError'
    ? 'prejoin.problems.denied'
    : null;

export const useAction = () => useSharedAction('live', cameraRefused);

export function ActionError({ error }: { error: string | null }) {
  return <SharedActionError error={error} className="live-error" />;
}
