import { useCallback, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import {
  HandIcon,
  LeaveIcon,
  MessageIcon,
  MicIcon,
  MicOffIcon,
  ScreenShareIcon,
  UsersIcon,
  VideoIcon,
  VideoOffIcon,
  type Icon,
} from '../../lib/icons.ts';
import type { Reaction } from '../../../../server/protocol/live.ts';
import type { LiveActions, LiveViewState } from './liveState.ts';
import { ReactionsMenu } from './ReactionsMenu.tsx';
import { ActionError, useAction } from './useAction.tsx';

/** Screen sharing needs getDisplayMedia, which phones mostly lack. */
const canShareHere = () => typeof navigator.mediaDevices?.getDisplayMedia === 'function';

/**
 * The buttons along the bottom, each a picture above its name (also on a phone: a picture alone
 * is a guess). Each toggle keeps its name and says its state with aria-pressed and its picture
 * (a crossed-out microphone when off). An observer gets no media controls.
 */
export function ControlBar({
  state,
  actions,
  panelOpen,
  onTogglePanel,
  panelToggleRef,
  chat,
}: {
  state: LiveViewState;
  actions: LiveActions;
  panelOpen: boolean;
  onTogglePanel: () => void;
  panelToggleRef: RefObject<HTMLButtonElement | null>;
  /** The session chat's toggle; null when there is no chat connection. */
  chat: ChatToggle | null;
}) {
  const { t } = useTranslation('live');
  const { error, run } = useAction();
  const { local, admitted } = state;
  const observer = admitted?.self.observer ?? false;
  const act = (action: () => Promise<void>) => () => void run(action);
  const react = useCallback(
    (reaction: Reaction) => void run(() => actions.react(reaction)),
    [run, actions],
  );

  return (
    <section className="live-controls" aria-label={t('controls.label')}>
      <div className="live-controls-row">
        {observer ? null : (
          <>
            <Toggle
              testId="mic-button"
              pressed={local.micOn}
              icon={MicIcon}
              offIcon={MicOffIcon}
              label={t('controls.mic')}
              onClick={act(() => actions.toggleMic())}
            />
            <Toggle
              testId="camera-button"
              pressed={local.cameraOn}
              icon={VideoIcon}
              offIcon={VideoOffIcon}
              label={t('controls.camera')}
              onClick={act(() => actions.toggleCamera())}
            />
            {admitted?.canShareScreen && canShareHere() ? (
              <Toggle
                testId="screen-button"
                pressed={local.screenOn}
                icon={ScreenShareIcon}
                label={t('controls.screen')}
                onClick={act(() => actions.toggleScreen())}
              />
            ) : null}
            <Toggle
              testId="hand-button"
              pressed={local.handRaised}
              icon={HandIcon}
              label={t('controls.hand')}
              onClick={act(() => actions.setHand(!local.handRaised))}
            />
            <ReactionsMenu onReact={react} />
          </>
        )}
        <button
          ref={panelToggleRef}
          type="button"
          className="live-control secondary"
          aria-expanded={panelOpen}
          aria-controls="live-participants"
          onClick={onTogglePanel}
        >
          <UsersIcon className="live-control-icon" aria-hidden="true" />
          <span className="live-control-label">{t('controls.participants')}</span>
        </button>
        {chat ? <ChatButton chat={chat} /> : null}
        <button
          type="button"
          className="live-control danger"
          data-testid="leave-button"
          onClick={act(() => actions.leave())}
        >
          <LeaveIcon className="live-control-icon" aria-hidden="true" />
          <span className="live-control-label">{t('controls.leave')}</span>
        </button>
      </div>
      <ActionError error={error} />
    </section>
  );
}

export interface ChatToggle {
  open: boolean;
  onToggle: () => void;
  toggleRef: RefObject<HTMLButtonElement | null>;
  unread: number;
}

/** Opens the session's chat; unread messages show on it (and are read with its name). */
function ChatButton({ chat }: { chat: ChatToggle }) {
  const { t } = useTranslation('chat');
  return (
    <button
      ref={chat.toggleRef}
      type="button"
      className="live-control secondary"
      data-testid="chat-button"
      aria-expanded={chat.open}
      aria-controls="live-chat"
      onClick={chat.onToggle}
    >
      <MessageIcon className="live-control-icon" aria-hidden="true" />
      <span className="live-control-label">{t('panel.sessionButton')}</span>
      {chat.unread > 0 ? (
        <span className="badge">
          <span aria-hidden="true">{chat.unread}</span>
          <span className="visually-hidden">{t('nav.unread', { count: chat.unread })}</span>
        </span>
      ) : null}
    </button>
  );
}

function Toggle({
  testId,
  pressed,
  icon: OnIcon,
  offIcon: OffIcon = OnIcon,
  label,
  onClick,
}: {
  testId: string;
  pressed: boolean;
  icon: Icon;
  /** The picture when off (a crossed-out microphone), so the state is not told by colour alone. */
  offIcon?: Icon;
  label: string;
  onClick: () => void;
}) {
  const StateIcon = pressed ? OnIcon : OffIcon;
  return (
    <button
      type="button"
      className="live-control live-toggle secondary"
      data-testid={testId}
      data-off={OffIcon !== OnIcon && !pressed}
      aria-pressed={pressed}
      onClick={onClick}
    >
      <StateIcon className="live-control-icon" aria-hidden="true" />
      <span className="live-control-label">{label}</span>
    </button>
  );
}
