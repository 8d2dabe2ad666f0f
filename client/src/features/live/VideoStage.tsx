import { useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveParticipant } from '../../../../server/protocol/live.ts';
import type { LiveActions, LiveViewState, TransientReaction } from './liveState.ts';
import { MediaTrackView } from './MediaTrackView.tsx';
import { ParticipantTile } from './ParticipantTile.tsx';
import { useTileReports } from './useTileReports.ts';

const NO_REACTIONS: TransientReaction[] = [];

/**
 * The videos. A shared screen takes the main area; otherwise a spotlighted person does; everyone
 * else fills a grid (one column on a phone). Our own camera is a small self-view in the corner.
 */
export function VideoStage({ state, actions }: { state: LiveViewState; actions: LiveActions }) {
  const { t } = useTranslation('live');
  const stage = useRef<HTMLElement>(null);
  const self = state.admitted?.self;
  const { local, settings, remoteTracks, videoSlots } = state;
  const others = state.participants.filter((p) => p.peerId !== self?.peerId);
  const me = state.participants.find((p) => p.peerId === self?.peerId);

  const screen = local.audioOnly
    ? undefined
    : remoteTracks.find((track) => track.source === 'screen' && track.kind === 'video');
  const spotlit = others.find((p) => p.peerId === settings.spotlight);
  const main = screen ? null : spotlit;
  const grid = main
    ? others.filter((p) => p !== main)
    : spotlit
      ? [spotlit, ...others.filter((p) => p !== spotlit)]
      : others;

  const cameraOf = (p: LiveParticipant) =>
    p.cameraOff
      ? undefined
      : p.producers.find((producer) => producer.source === 'camera' && producer.kind === 'video');
  const videoOf = (p: LiveParticipant) => {
    const producer = cameraOf(p);
    if (!producer || local.audioOnly || !videoSlots.includes(producer.producerId)) return null;
    return remoteTracks.find((track) => track.producerId === producer.producerId) ?? null;
  };
  const hostLabel = t(
    state.admitted?.session.groupKind === 'family' ? 'roles.host' : 'roles.meetingHost',
  );
  // A shared empty list when someone has no reaction, so their memoised tile is left alone.
  const reactionsOf = (peerId: string) => {
    const theirs = state.reactions.filter((r) => r.peerId === peerId);
    return theirs.length > 0 ? theirs : NO_REACTIONS;
  };
  const tile = (p: LiveParticipant) => (
    <ParticipantTile
      participant={p}
      hostLabel={hostLabel}
      video={videoOf(p)}
      name={p.name}
      speaking={
        // The SFU's last dominant speaker stays named after they mute: a muted mic says nothing.
        !p.micMuted && (state.activeSpeaker === p.peerId || state.speaking.includes(p.peerId))
      }
      spotlighted={settings.spotlight === p.peerId}
      reactions={reactionsOf(p.peerId)}
      cameraProducerId={cameraOf(p)?.producerId}
    />
  );

  const report = useCallback(
    (tiles: { producerId: string; width: number }[]) => actions.reportTiles(tiles),
    [actions],
  );
  const layoutKey = [
    screen?.producerId,
    main?.peerId,
    ...grid.map((p) => `${p.peerId}:${cameraOf(p)?.producerId ?? ''}`),
  ].join('|');
  useTileReports(stage, layoutKey, report);

  const screenOwner = screen && state.participants.find((p) => p.peerId === screen.peerId);
  return (
    <section
      ref={stage}
      className="live-stage"
      data-layout={screen || main ? 'focus' : 'grid'}
      aria-label={t('room.stage')}
    >
      {local.audioOnly ? (
        <p className="live-stage-note">
          {t(local.cameraHeld ? 'room.audioOnlyHeldNote' : 'room.audioOnlyNote')}
        </p>
      ) : local.lowBandwidth ? (
        <p className="live-stage-note">{t('room.lowBandwidthNote')}</p>
      ) : null}
      {local.screenOn ? <p className="live-stage-note">{t('room.sharingScreen')}</p> : null}
      {screen ? (
        <figure className="live-main live-screen">
          <MediaTrackView
            track={screen.track}
            className="live-video"
            data-testid="remote-video"
            data-peer-id={screen.peerId}
            data-producer-id={screen.producerId}
          />
          <figcaption dir="auto">
            {t('room.screenOf', { name: screenOwner?.name ?? '' })}
          </figcaption>
        </figure>
      ) : null}
      {main ? <div className="live-main">{tile(main)}</div> : null}
      {grid.length > 0 ? (
        <ul className="live-grid" data-count={Math.min(grid.length, 9)}>
          {grid.map((p) => (
            <li key={p.peerId}>{tile(p)}</li>
          ))}
        </ul>
      ) : main || screen ? null : (
        <p className="live-alone">{t('room.alone')}</p>
      )}
      {me && self && !self.observer ? (
        <div className="live-self">
          <ParticipantTile
            participant={me}
            hostLabel={hostLabel}
            video={null}
            localTrack={local.cameraOn ? local.cameraTrack : null}
            name={t('room.you')}
            speaking={local.micOn && state.activeSpeaker === me.peerId}
            spotlighted={settings.spotlight === me.peerId}
            reactions={reactionsOf(me.peerId)}
          />
        </div>
      ) : null}
    </section>
  );
}
