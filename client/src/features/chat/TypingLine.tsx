// "Anna is typing…" for a few seconds after their last typing event; with more, "Several people
// are typing…". Not read out: it changes too often to be useful by ear.
import { useTranslation } from 'react-i18next';
import { isolate } from '../../lib/bidi.tsx';

export function TypingLine({ names }: { names: readonly string[] }) {
  const { t } = useTranslation('chat');
  const text =
    names.length === 0
      ? ''
      : names.length === 1
        ? t('typing.one', { name: isolate(names[0] ?? '') })
        : t('typing.several');
  return (
    <p className="chat-typing" aria-hidden="true" data-testid="chat-typing">
      {text}
    </p>
  );
}
