import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChatPanel } from '../chat/ChatPanel.tsx';
import { useChannel } from '../chat/useChat.ts';
import { EyeIcon, LockIcon } from '../../lib/icons.ts';
import { ControlBar } from './ControlBar.tsx';
import type { LiveActions, LiveViewState } from './liveState.ts';
import { LiveNotice } from './LiveNotice.tsx';
import { LobbyPanel } from './LobbyPanel.tsx';
import { ObserverBanner } from './ObserverBanner.tsx';
import { ParticipantsPanel } from './ParticipantsPanel.tsx';
import { ChannelPicker } from './ChannelPicker.tsx';
import { BreakoutBanner } from './BreakoutBanner.tsx';
import { BreakoutChat } from './BreakoutChat.tsx';
import { BreakoutHostPanel } from './BreakoutHostPanel.tsx';
import { ConnectionControls } from './ConnectionControls.tsx';
import { RemoteAudio } from './RemoteAudio.tsx';
import { useLobbyKnock } from './useLobbyKnock.ts';
import { VideoStage } from './VideoStage.tsx';
import { WhisperPanel } from './WhisperPanel.tsx';
import { useFormat } from '../../lib/format.ts';
import { RoomTools } from './tools/RoomTools.tsx';

/** Wide enough for the participants beside the videos: the panel starts open there. */
const WIDE = '(min-width: 60rem)';

/** The session itself, live or reconnecting (then with a banner, never an error page). */
export function LiveRoom({ state, actions }: { state: LiveViewState; actions: LiveActions }) {
  const { t } = useTranslation('live');
  const format = useFormat();
  const heading = useRef<HTMLHeadingElement>(null);
  const panelHeading = useRef<HTMLHeadingElement>(null);
  const panelToggle = useRef<HTMLButtonElement>(null);
  const [panelOpen, setPanelOpen] = useState(() => window.matchMedia(WIDE).matches);
  const movePanelFocus = useRef(false);
  // The session's chat: a side panel like the participants', closed at first.
  const chatHeading = useRef<HTMLHeadingElement>(null);
  const chatToggle = useRef<HTMLButtonElement>(null);
  const [chatOpen, setChatOpen] = useState(false);
  const moveChatFocus = useRef(false);
  const admitted = state.admitted;
  const host = admitted?.canModerate ?? false;
  const observer = admitted?.self.observer ?? false;
  const knock = useLobbyKnock(state.lobby, host);
  const sessionId = admitted?.session.sessionId;
  const chatChannel = sessionId ? `session:${sessionId}` : null;
  const chat = useChannel(chatChannel);

  // Just admitted: start from the room's name, not from the button that is gone.
  useEffect(() => heading.current?.focus(), []);
  // Opened from the control bar: go to the list (on a phone it is below the videos).
  useEffect(() => {
    if (panelOpen && movePanelFocus.current) panelHeading.current?.focus();
    movePanelFocus.current = false;
  }, [panelOpen]);

  useEffect(() => {
    if (chatOpen && moveChatFocus.current) chatHeading.current?.focus();
    moveChatFocus.current = false;
  }, [chatOpen]);

  const togglePanel = () => {
    movePanelFocus.current = !panelOpen;
    setPanelOpen(!panelOpen);
  };
  const closePanel = useCallback(() => {
    setPanelOpen(false);
    panelToggle.current?.focus();
  }, []);
  const closeChat = useCallback(() => {
    setChatOpen(false);
    chatToggle.current?.focus();
  }, []);
  const toggleChat = () => {
    moveChatFocus.current = !chatOpen;
    setChatOpen(!chatOpen);
  };
  const showWhispers =
    observer || (host && (state.observers.length > 0 || state.whispers.length > 0));

  return (
    <div className="live-room" data-testid="live-room" data-phase={state.phase}>
      {state.phase === 'reconnecting' ? (
        <p className="live-reconnecting" role="status" data-testid="reconnecting">
          <span className="live-spinner" aria-hidden="true" /> {t('room.reconnecting')}
        </p>
      ) : null}
      {/* Everything but the control bar scrolls here, so the bar never covers a video or a
          whisper (a bar stuck over a scrolling page hides whatever lies under it). */}
      <div className="live-scroll">
        <header className="live-header">
          <h1 ref={heading} tabIndex={-1} dir="auto">
            {admitted?.session.groupTitle ?? t('title')}
          </h1>
          <ConnectionControls state={state} actions={actions} />
          <ChannelPicker state={state} actions={actions} />
          <BreakoutBanner state={state} />
          {state.settings.locked ? (
            <p className="live-locked">
              <LockIcon className="live-inline-icon" aria-hidden="true" />
              {t('room.locked')}
            </p>
          ) : null}
          {(host || observer) && state.observers.length > 0 ? (
            <p className="live-observers" data-testid="observers">
              <EyeIcon className="live-inline-icon" aria-hidden="true" />
              {t('room.observers', { names: format.names(state.observers.map((o) => o.name)) })}
            </p>
          ) : null}
        </header>
        {state.error ? (
          <p role="alert" className="live-error">
            {state.error}
          </p>
        ) : null}
        {observer ? <ObserverBanner actions={actions} /> : null}
        <LiveNotice state={state} actions={actions} />
        <RoomTools state={state} actions={actions} />
        {host ? (
          <>
            <LobbyPanel lobby={state.lobby} actions={actions} />
            <BreakoutHostPanel state={state} actions={actions} />
            <div aria-live="assertive" className="visually-hidden">
              {knock ? <p key={knock.id}>{knock.text}</p> : null}
            </div>
          </>
        ) : null}
        <div
          className="live-body"
          data-side={panelOpen || chatOpen || showWhispers ? 'open' : 'closed'}
        >
          <VideoStage state={state} actions={actions} />
          <div className="live-side">
            <ParticipantsPanel
              participants={state.participants}
              settings={state.settings}
              admitted={state.admitted}
              actions={actions}
              open={panelOpen}
              onClose={closePanel}
              headingRef={panelHeading}
            />
            {/* In a breakout room, its own chat replaces the group's. */}
            {state.breakout?.room ? (
              <BreakoutChat
                id="live-chat"
                state={state}
                actions={actions}
                hidden={!chatOpen}
                headingRef={chatHeading}
                onClose={closeChat}
              />
            ) : chatChannel ? (
              <ChatPanel
                id="live-chat"
                channelId={chatChannel}
                title={t('chat:panel.sessionTitle')}
                hidden={!chatOpen}
                headingRef={chatHeading}
                onClose={closeChat}
              />
            ) : null}
            {showWhispers ? <WhisperPanel state={state} actions={actions} /> : null}
          </div>
        </div>
      </div>
      <ControlBar
        state={state}
        actions={actions}
        panelOpen={panelOpen}
        onTogglePanel={togglePanel}
        panelToggleRef={panelToggle}
        chat={
          chat
            ? { open: chatOpen, onToggle: toggleChat, toggleRef: chatToggle, unread: chat.unread }
            : null
        }
      />
      <RemoteAudio
        tracks={state.remoteTracks}
        participants={state.participants}
        channel={state.channel}
      />
    </div>
  );
}
