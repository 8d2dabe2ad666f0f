// Runs one chat action (edit, delete, hide, report, open a conversation…) and keeps why it
// failed, to show beside the control. The server's refusals come already translated.
import { useAction } from '../../lib/useAction.tsx';

export const useChatAction = () => useAction('chat');
