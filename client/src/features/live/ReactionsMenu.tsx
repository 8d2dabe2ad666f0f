import { memo, useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { REACTIONS, type Reaction } from '../../../../server/protocol/live.ts';
import { SmileIcon } from '../../lib/icons.ts';
import { REACTION_ICONS } from './reactions.ts';

/**
 * A disclosure with the five reactions: a button opens a short list of buttons; Escape or a
 * click elsewhere closes it and returns to the button.
 */
// Memoised: the room re-renders on every join and media change; the menu only when it opens.
export const ReactionsMenu = memo(function ReactionsMenu({
  onReact,
}: {
  onReact: (reaction: Reaction) => void;
}) {
  const { t } = useTranslation('live');
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const outside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) close();
  };

  return (
    <div className="live-reactions-menu" ref={root} onKeyDown={onKeyDown}>
      <button
        ref={toggle}
        type="button"
        className="live-control secondary"
        aria-expanded={open}
        aria-controls="live-reaction-list"
        onClick={() => setOpen(!open)}
      >
        <SmileIcon className="live-control-icon" aria-hidden="true" />
        <span className="live-control-label">{t('controls.reactions')}</span>
      </button>
      <ul id="live-reaction-list" className="live-reaction-list" hidden={!open}>
        {REACTIONS.map((reaction) => {
          const ReactionIcon = REACTION_ICONS[reaction];
          return (
            <li key={reaction}>
              <button
                type="button"
                className="secondary"
                data-reaction={reaction}
                onClick={() => {
                  onReact(reaction);
                  close();
                }}
              >
                <ReactionIcon className="live-reaction-icon" aria-hidden="true" />
                {t(`reactions.${reaction}`)}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
});
