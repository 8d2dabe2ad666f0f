// Walk-alongside routes: a family asks and may end it with one action; a coordinator pairs; the
// volunteer logs contacts and plans video meetings; the trainer sees their volunteers' load.
import { Types } from 'mongoose';
import type { SignedInActor } from '../access/actor.ts';
import { findByIds } from '../db/byIds.ts';
import { idsIn } from '../db/idLists.ts';
import type { FeatureDeps } from '../deps.ts';
import { RequestError } from '../errors.ts';
import { signedIn, type ApiRouter } from '../http/api.ts';
import { alongsideSchemas } from '../protocol/alongside.ts';
import type { MyAlongside, VolunteerCandidate } from '../protocol/alongside.ts';
import { systemClock, type Clock } from '../reminders/runner.ts';
import { volunteerLoads } from './care.ts';
import { logContact } from './contacts.ts';
import { planMeeting } from './meetings.ts';
import { Pairing, type PairingDoc } from './pairing.model.ts';
import { alongsideOf, ask, endPairing, pair, withdraw } from './pairings.ts';
import { qualifiedVolunteers } from './qualification.ts';
import { AlongsideRequest, type AlongsideRequestDoc } from './request.model.ts';
import { contactInfo, toPairingInfos, toRequestInfos, volunteerPairings } from './views.ts';
import './personalData.ts';

const notYours = () => new RequestError('alongside.notYourPairing', 404);

/** A pairing the actor is a party to (as family or volunteer); anything else answers as missing. */
async function partyTo(
  actor: SignedInActor,
  id: string | undefined,
  as: 'family' | 'volunteer' | 'either',
) {
  if (!id || !Types.ObjectId.isValid(id)) throw notYours();
  const pairing = await Pairing.findById(id).lean();
  const me = actor.personId;
  const family = String(pairing?.familyId) === me;
  const volunteer = String(pairing?.volunteerId) === me && actor.roles.includes('facilitator');
  const ok = as === 'family' ? family : as === 'volunteer' ? volunteer : family || volunteer;
  if (!pairing || !ok) throw notYours();
  return pairing;
}

async function requestById(id: string | undefined): Promise<AlongsideRequestDoc> {
  const request =
    id && Types.ObjectId.isValid(id) ? await AlongsideRequest.findById(id).lean() : null;
  if (!request) throw new RequestError('notFound', 404);
  return request;
}

export function alongsideRoutes(
  api: ApiRouter,
  deps: FeatureDeps,
  clock: Clock = systemClock,
): void {
  api.post(
    '/alongside/requests',
    { action: 'alongside.ask', body: alongsideSchemas.ask, status: 201 },
    async ({ actor, body, t }) => {
      const request = await ask(signedIn(actor), body, t);
      return (await toRequestInfos([request], false))[0];
    },
  );

  api.get(
    '/alongside/mine',
    { action: 'alongside.ask' },
    async ({ actor }): Promise<MyAlongside> => {
      const me = signedIn(actor);
      const { requests, pairings } = await alongsideOf(me.personId);
      const mine = pairings.filter((p) => String(p.familyId) === me.personId);
      const current = mine.find((p) => p.status === 'active') ?? mine.at(-1) ?? null;
      return {
        requests: (await toRequestInfos(requests, false)).reverse(),
        pairing: current ? (await toPairingInfos([current], me.personId, clock.now()))[0]! : null,
      };
    },
  );

  api.post(
    '/alongside/requests/:id/withdraw',
    { action: 'alongside.ask' },
    async ({ actor, params }) => {
      await withdraw(signedIn(actor), params.id ?? '');
    },
  );

  api.post(
    '/alongside/pairings/:id/end',
    { action: 'alongside.end', body: alongsideSchemas.end },
    async ({ actor, params }) => {
      const me = signedIn(actor);
      const coordinator = me.roles.includes('coordinator');
      const pairing = coordinator
        ? await Pairing.findById(Types.ObjectId.isValid(params.id ?? '') ? params.id : null).lean()
        : await partyTo(me, params.id, 'either');
      if (!pairing) throw notYours();
      const by =
        String(pairing.familyId) === me.personId
          ? 'family'
          : String(pairing.volunteerId) === me.personId
            ? 'volunteer'
            : 'coordinator';
      await endPairing(pairing, by, me.personId, clock.now());
    },
  );

  api.get('/alongside/requests', { action: 'alongside.pair' }, async () => {
    const requests = await findByIds<AlongsideRequestDoc>(
      AlongsideRequest,
      await idsIn('alongside-requests', 'all'),
    );
    // Waiting ones first, oldest first (they have waited longest); then the rest, newest first.
    const waiting = requests.filter((r) => r.status === 'waiting');
    const others = requests
      .filter((r) => r.status !== 'waiting')
      .reverse()
      .slice(0, 50);
    const order = (a: AlongsideRequestDoc, b: AlongsideRequestDoc) =>
      a.createdAt.getTime() - b.createdAt.getTime();
    return toRequestInfos([...waiting.sort(order), ...others], true);
  });

  api.get(
    '/alongside/requests/:id/candidates',
    { action: 'alongside.pair' },
    async ({ params }): Promise<VolunteerCandidate[]> => {
      const request = await requestById(params.id);
      const volunteers = (await qualifiedVolunteers(clock.now())).filter(
        (v) => v.id !== String(request.familyId),
      );
      const candidates = await Promise.all(
        volunteers.map(async (v) => ({
          id: v.id,
          name: v.displayName,
          languagesSpoken: v.languagesSpoken,
          sharedLanguages: request.languages.filter((l) => v.languagesSpoken.includes(l)),
          activePairings: (await alongsideOf(v.id)).pairings.filter(
            (p) => p.status === 'active' && String(p.volunteerId) === v.id,
          ).length,
          certifiedUntil: v.certifiedUntil,
        })),
      );
      // Someone who shares the family's languages and walks with fewest families first.
      return candidates.sort(
        (a, b) =>
          b.sharedLanguages.length - a.sharedLanguages.length ||
          a.activePairings - b.activePairings ||
          a.name.localeCompare(b.name, 'fi'),
      );
    },
  );

  api.post(
    '/alongside/requests/:id/pair',
    { action: 'alongside.pair', body: alongsideSchemas.pair, status: 201 },
    async ({ actor, params, body, t }) => {
      const me = signedIn(actor);
      const request = await requestById(params.id);
      const pairing = await pair(String(request._id), body.volunteerId, me, t, clock.now(), deps);
      return (await toPairingInfos([pairing], me.personId, clock.now()))[0];
    },
  );

  api.get('/alongside/walking', { action: 'alongside.walk' }, async ({ actor }) => {
    const me = signedIn(actor);
    const pairings = (await alongsideOf(me.personId)).pairings
      .filter((p) => String(p.volunteerId) === me.personId)
      .sort(
        (a, b) =>
          Number(a.status === 'ended') - Number(b.status === 'ended') ||
          b.startedAt.getTime() - a.startedAt.getTime(),
      );
    const requests = await findByIds<AlongsideRequestDoc>(
      AlongsideRequest,
      pairings.map((p) => p.requestId),
    );
    return volunteerPairings(
      pairings,
      new Map(requests.map((r) => [String(r._id), r])),
      me.personId,
      clock.now(),
    );
  });

  api.post(
    '/alongside/pairings/:id/contacts',
    { action: 'alongside.walk', body: alongsideSchemas.logContact, status: 201 },
    async ({ actor, params, body, t }) => {
      const pairing: PairingDoc = await partyTo(signedIn(actor), params.id, 'volunteer');
      const contact = await logContact(pairing, body, t, clock.now());
      return contactInfo(contact);
    },
  );

  api.post(
    '/alongside/pairings/:id/meeting',
    { action: 'alongside.meet', body: alongsideSchemas.planMeeting },
    async ({ actor, params, body, t }) => {
      const me = signedIn(actor);
      const pairing = await partyTo(me, params.id, 'either');
      if (pairing.status !== 'active' || !pairing.groupId) throw notYours();
      await planMeeting(pairing.groupId, body, t, clock.now());
      return (await toPairingInfos([pairing], me.personId, clock.now()))[0];
    },
  );

  api.get('/alongside/volunteers', { action: 'alongside.care' }, async ({ actor }) =>
    volunteerLoads(signedIn(actor).personId, clock.now()),
  );
}
