// Socket requests for the room's tools: the plan's timer, speaking rounds, check-ins. Hosts
// start and move things on; a speaker may pass themself; everyone visible may answer once.
import { RequestError } from '../../errors.ts';
import { handle } from '../../realtime/handle.ts';
import type { RealtimeFeature } from '../../realtime/socket.ts';
import { CHECK_IN_CHOICES, PLAN_EXTEND_MINUTES } from '../../protocol/roomTools.ts';
import { member, moderator, type LiveContext } from '../handlers/context.ts';
import type { LiveSession } from '../LiveSession.ts';
import { planOf, SessionRun } from './plan.model.ts';
import { endRound, nextSpeaker, spotlightSpeaker, toolsChanged } from './rounds.ts';

/** The plan as run so far, kept for the session report (read by supervision/reports.ts). */
async function saveRun(live: LiveSession) {
  const plan = live.tools.plan?.run ?? [];
  await SessionRun.updateOne(
    { _id: live.id },
    { $set: { groupId: live.groupId, plan } },
    { upsert: true },
  );
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

export function roomToolsFeature(ctx: LiveContext): RealtimeFeature {
  return (socket) => {
    const { log, clock, registry } = ctx;

    handle(socket, log, 'live:plan', async ({ action, index }) => {
      const { live } = moderator(ctx, socket);
      await registry.locked(live.id, async () => {
        const tools = live.tools;
        const now = clock.now();
        if (action === 'start') {
          if (tools.planRunning) throw new RequestError('live.planRunning', 409);
          const items = await planOf(live.groupId);
          if (!items.length) throw new RequestError('live.noPlan', 409);
          tools.startPlan(items, now);
        } else {
          // The host acts on the item they saw: two hosts clicking at once move on only once.
          if (!tools.planRunning || (index !== undefined && index !== tools.plan!.index))
            throw new RequestError('live.planMoved', 409);
          if (action === 'extend') tools.extend(PLAN_EXTEND_MINUTES);
          else if (action === 'stop') {
            // The current item ran until now; the ones not reached are recorded as skipped.
            tools.moveOn(now, false);
            while (tools.planRunning) tools.moveOn(now, true);
          } else tools.moveOn(now, action === 'skip');
        }
        await saveRun(live);
        toolsChanged(live, now);
      });
      return null;
    });

    handle(socket, log, 'live:roundStart', async ({ order, speakerMinutes }) => {
      const { live } = moderator(ctx, socket);
      // By seat: the order people came in (the session keeps peers in joining order).
      // Hidden observers are never in a round.
      const seats = [...live.peers.values()].filter((p) => p.visible).map((p) => p.peerId);
      if (!seats.length) throw new RequestError('live.peerNotFound', 404);
      // A round still going ends first: its queued hands are raised, its spotlight given back.
      if (live.tools.round) endRound(live);
      const before = live.settings.spotlight;
      const now = clock.now();
      live.tools.startRound(
        order === 'shuffled' ? shuffle(seats) : seats,
        speakerMinutes * 60_000,
        before,
        now,
      );
      spotlightSpeaker(live);
      toolsChanged(live, now);
      return null;
    });

    handle(socket, log, 'live:roundPass', async ({ peerId }) => {
      const { live, peer } = member(ctx, socket);
      if (!live.tools.round) throw new RequestError('live.noRound', 409);
      // Only the speaker themself, or a host, and only for who is speaking now.
      if (peerId !== peer.peerId) moderator(ctx, socket);
      if (live.tools.speaker !== peerId) throw new RequestError('live.roundMoved', 409);
      nextSpeaker(live, clock.now());
      return null;
    });

    handle(socket, log, 'live:roundEnd', async () => {
      const { live } = moderator(ctx, socket);
      if (!live.tools.round) throw new RequestError('live.noRound', 409);
      endRound(live);
      toolsChanged(live, clock.now());
      return null;
    });

    handle(socket, log, 'live:checkInAsk', async ({ kind }) => {
      const { live } = moderator(ctx, socket);
      live.tools.askCheckIn(kind);
      toolsChanged(live, clock.now());
      return null;
    });

    handle(socket, log, 'live:checkInAnswer', async ({ choice }) => {
      const { live, peer } = member(ctx, socket);
      if (peer.observer) throw new RequestError('live.observerCannot', 409);
      const checkIn = live.tools.checkIn;
      if (!checkIn || checkIn.closed) throw new RequestError('live.noCheckIn', 409);
      if (choice >= CHECK_IN_CHOICES[checkIn.kind]) throw new RequestError('invalid', 400);
      // By person: another tab or device of the same family cannot answer again.
      if (checkIn.answeredBy.has(peer.personId))
        throw new RequestError('live.alreadyAnswered', 409);
      checkIn.answeredBy.add(peer.personId);
      checkIn.counts[choice] = (checkIn.counts[choice] ?? 0) + 1;
      toolsChanged(live, clock.now());
      return null;
    });

    handle(socket, log, 'live:checkInClose', async () => {
      const { live } = moderator(ctx, socket);
      if (!live.tools.checkIn) throw new RequestError('live.noCheckIn', 409);
      live.tools.checkIn.closed = true;
      toolsChanged(live, clock.now());
      return null;
    });

    handle(socket, log, 'live:checkInToReport', async () => {
      const { live } = moderator(ctx, socket);
      const checkIn = live.tools.checkIn;
      const result = live.tools.checkInResult();
      if (!checkIn || !result) throw new RequestError('live.checkInTooFew', 409);
      if (checkIn.inReport) return null;
      checkIn.inReport = true;
      await registry.locked(live.id, () =>
        SessionRun.updateOne(
          { _id: live.id },
          {
            $set: { groupId: live.groupId },
            $push: { checkIns: { kind: checkIn.kind, counts: result.counts } },
          },
          { upsert: true },
        ),
      );
      toolsChanged(live, clock.now());
      return null;
    });
  };
}
