// The facilitator's tools as everyone in the room sees them: the plan's current item and time
// left, the speaking round, the check-in. Screen readers hear a new item or a new speaker once
// (a polite live region whose text changes only then), never the seconds ticking.
import { useTranslation } from 'react-i18next';
import type { LiveActions, LiveViewState } from '../liveState.ts';
import { CheckInCard } from './CheckInCard.tsx';
import { HostTools } from './HostTools.tsx';
import { PlanStrip } from './PlanStrip.tsx';
import { RoundStrip } from './RoundStrip.tsx';
import './tools.css';

export function RoomTools({ state, actions }: { state: LiveViewState; actions: LiveActions }) {
  const { t } = useTranslation('live');
  const tools = state.tools;
  const admitted = state.admitted;
  if (!tools || !admitted) return null;
  const host = admitted.canModerate;
  const nameOf = (peerId: string) =>
    state.participants.find((p) => p.peerId === peerId)?.name ?? '';
  const item = tools.plan?.items[tools.plan.index];
  const speaker = tools.round?.order[tools.round.index];
  const anything = tools.plan || tools.round || tools.checkIn || tools.handsAfterRound.length;
  if (!anything && !host) return null;
  return (
    <section className="room-tools" aria-label={t('tools.heading')} data-testid="room-tools">
      {tools.plan ? <PlanStrip plan={tools.plan} offset={state.serverOffset} /> : null}
      <RoundStrip
        tools={tools}
        self={admitted.self.peerId}
        host={host}
        nameOf={nameOf}
        offset={state.serverOffset}
        actions={actions}
      />
      {tools.checkIn ? (
        <CheckInCard
          checkIn={tools.checkIn}
          canAnswer={!admitted.self.observer}
          host={host}
          actions={actions}
        />
      ) : null}
      {host ? <HostTools tools={tools} actions={actions} /> : null}
      <div className="visually-hidden" aria-live="polite" data-testid="tools-announce">
        {item ? (
          <p key={`item-${tools.plan?.index}`}>
            {t('tools.plan.announce', { title: item.title, count: item.minutes })}
          </p>
        ) : null}
        {speaker ? (
          <p key={`speaker-${speaker}`}>
            {speaker === admitted.self.peerId
              ? t('tools.round.yourTurn')
              : t('tools.round.speaking', { name: nameOf(speaker) })}
          </p>
        ) : null}
        {tools.checkIn && !tools.checkIn.closed ? (
          <p key={`check-in-${tools.checkIn.kind}`}>
            {t(`tools.checkIn.${tools.checkIn.kind}.question`)}
          </p>
        ) : null}
      </div>
    </section>
  );
}
