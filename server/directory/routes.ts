// The service directory: partners keep their own organisation's entries current (coordinators
// any), signed-in families and staff search it, and a leaving contact person's entries pass to
// their successor. Sharing into a group's chat is a chat request (chat/requests/sharing.ts).
import { Types } from 'mongoose';
import type { SignedInActor } from '../access/actor.ts';
import { may, scopeOf } from '../access/policy.ts';
import { audit } from '../audit/audit.model.ts';
import { notFound, RequestError } from '../errors.ts';
import { signedIn, type ApiRouter } from '../http/api.ts';
import { Organisation } from '../people/organisation.model.ts';
import { Person } from '../people/person.model.ts';
import { registerHandover } from '../partners/succession.ts';
import {
  contactProblems,
  DIRECTORY_PAGE_SIZE,
  directorySchemas,
  type DirectoryPage,
} from '../protocol/directory.ts';
import { systemClock, type Clock } from '../reminders/runner.ts';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { DirectoryEntry, type EntryDoc } from './entry.model.ts';
import './personalData.ts';
import { searchEntries } from './search.ts';
import { toEntryInfos } from './views.ts';

type EntryInput = z.output<typeof directorySchemas.entryInput>;

registerHandover({
  name: 'directoryEntries',
  async run(organisationId, fromId, toId) {
    const moved = await DirectoryEntry.updateMany(
      { organisationId, contactPersonId: fromId },
      { contactPersonId: toId },
    );
    return moved.modifiedCount;
  },
});

/** Whose entry this will be: a partner's own organisation; a coordinator names a partner one. */
async function owner(actor: SignedInActor, input: EntryInput, t: TFunction): Promise<string> {
  const organisationId = actor.roles.includes('coordinator')
    ? (input.organisationId ?? actor.organisationId)
    : actor.organisationId;
  const org = organisationId
    ? await Organisation.findById(organisationId, { kind: 1 }).lean()
    : null;
  if (!org || org.kind !== 'partner')
    throw new RequestError('invalid', 400, { organisationId: t('directory.notPartner') });
  if (!may(actor, 'directory.manage', { organisationId: String(org._id) })) throw notFound();
  return String(org._id);
}

/** Everything the schema cannot say: contact details that work, a contact person of theirs. */
async function checkDetails(input: EntryInput, organisationId: string, t: TFunction) {
  const fields = Object.fromEntries(
    Object.entries(contactProblems(input)).map(([field, key]) => [field, t(key)]),
  );
  if (input.contactPersonId) {
    const person = await Person.findById(input.contactPersonId, {
      roles: 1,
      organisationId: 1,
    }).lean();
    if (!person?.roles.includes('partner') || String(person.organisationId) !== organisationId)
      fields.contactPersonId = t('directory.notOwnWorker');
  }
  if (Object.keys(fields).length) throw new RequestError('invalid', 400, fields);
}

const detailsOf = (input: EntryInput) => ({
  name: input.name,
  summary: input.summary,
  need: input.need,
  region: input.region,
  languages: [...new Set(input.languages)],
  phone: input.phone,
  email: input.email,
  url: input.url,
  address: input.address,
  openingHours: input.openingHours,
  contactPersonId: input.contactPersonId,
});

/** An entry the actor may keep; any other answers as missing (its existence is no secret, but
 * a refusal would say no more than "not yours"). */
async function ownEntry(actor: SignedInActor, id: string | undefined): Promise<EntryDoc> {
  if (!id || !Types.ObjectId.isValid(id)) throw notFound();
  const entry = await DirectoryEntry.findById(id).lean();
  if (!entry || !may(actor, 'directory.manage', { organisationId: String(entry.organisationId) }))
    throw notFound();
  return entry;
}

export function directoryRoutes(api: ApiRouter, clock: Clock = systemClock): void {
  api.get(
    '/directory',
    { action: 'directory.search', query: directorySchemas.search },
    async ({ actor, query, t }): Promise<DirectoryPage> => {
      const me = signedIn(actor);
      const page = Math.max(1, Number(query.page ?? '1'));
      const { entries, total } = await searchEntries(query, page, clock.now(), t);
      return {
        entries: await toEntryInfos(entries, me, clock.now()),
        total,
        page,
        pageSize: DIRECTORY_PAGE_SIZE,
      };
    },
  );

  api.get('/directory/mine', { action: 'directory.manage' }, async ({ actor }) => {
    const me = signedIn(actor);
    const entries = await DirectoryEntry.find(scopeOf(me, 'directory.manage'))
      .sort({ name: 1 })
      .limit(500)
      .lean();
    return toEntryInfos(entries, me, clock.now());
  });

  api.post(
    '/directory',
    { action: 'directory.manage', body: directorySchemas.entryInput, status: 201 },
    async ({ actor, body, t }) => {
      const me = signedIn(actor);
      const organisationId = await owner(me, body, t);
      await checkDetails(body, organisationId, t);
      const now = clock.now();
      const entry = await DirectoryEntry.create({
        ...detailsOf(body),
        organisationId,
        confirmedAt: now,
        updatedAt: now,
      });
      await audit('directory.entryChanged', me.personId, String(entry._id), {
        organisationId,
        change: 'created',
      });
      const [info] = await toEntryInfos([entry.toObject()], me, now);
      return info;
    },
  );

  api.put(
    '/directory/:id',
    { action: 'directory.manage', body: directorySchemas.entryInput },
    async ({ actor, params, body, t }) => {
      const me = signedIn(actor);
      const entry = await ownEntry(me, params.id);
      const organisationId = String(entry.organisationId);
      // Moving an entry to another organisation is not an edit.
      if (body.organisationId && body.organisationId !== organisationId)
        throw new RequestError('invalid', 400, { organisationId: t('directory.notPartner') });
      await checkDetails(body, organisationId, t);
      const now = clock.now();
      const update = { ...detailsOf(body), confirmedAt: now, updatedAt: now };
      await DirectoryEntry.updateOne({ _id: entry._id }, update);
      await audit('directory.entryChanged', me.personId, String(entry._id), {
        organisationId,
        change: 'edited',
      });
      const [info] = await toEntryInfos([{ ...entry, ...update }], me, now);
      return info;
    },
  );

  api.post('/directory/:id/confirm', { action: 'directory.manage' }, async ({ actor, params }) => {
    const me = signedIn(actor);
    const entry = await ownEntry(me, params.id);
    const now = clock.now();
    await DirectoryEntry.updateOne({ _id: entry._id }, { confirmedAt: now });
    await audit('directory.entryChanged', me.personId, String(entry._id), {
      organisationId: String(entry.organisationId),
      change: 'confirmed',
    });
    const [info] = await toEntryInfos([{ ...entry, confirmedAt: now }], me, now);
    return info;
  });

  api.delete('/directory/:id', { action: 'directory.manage' }, async ({ actor, params }) => {
    const me = signedIn(actor);
    const entry = await ownEntry(me, params.id);
    await DirectoryEntry.deleteOne({ _id: entry._id });
    await audit('directory.entryChanged', me.personId, String(entry._id), {
      organisationId: String(entry.organisationId),
      change: 'deleted',
    });
  });
}
