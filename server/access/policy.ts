// The one place that says who may do what. Every REST route and socket request names an action
// from this table; `who` gates the call itself, `may` decides about one resource, and `scope`
// narrows a listing to what the actor may see. Handlers never check roles themselves.
import type { RequestName } from '../protocol/socket.ts';
import type { Role } from '../protocol/api.ts';
import type { GroupKind } from '../protocol/groups.ts';
import { hasRole, isSignedIn, type Actor, type SignedInActor } from './actor.ts';

/** 'anyone' includes signed-out visitors; 'signedIn' is any role. */
type Audience = 'anyone' | 'signedIn' | readonly Role[];

/** The shape of the resources rules look at: only ids, never personal data. */
export interface PersonRef {
  id: string;
  supervisorId: string | null;
}
export interface ReferralRef {
  organisationId: string;
}
/** A directory entry: whose organisation keeps it. */
export interface DirectoryEntryRef {
  organisationId: string;
}
/** A group as the rules see it: who runs it and whether the actor is enrolled. */
export interface GroupRef {
  kind: GroupKind;
  facilitatorIds: string[];
  leadFacilitatorId: string;
  trainerId: string;
  enrolled: boolean;
}

/** A group as the live-session rules see it. */
export interface LiveGroupRef extends GroupRef {
  observationAllowed: boolean;
  /** Invited to interpret this one session (into this language); not otherwise in the group. */
  interpreterFor?: string | null;
}

/**
 * A relation to a group counts only with the role behind it: a person whose role was taken away
 * (or a facilitator on a pause, for family groups) keeps their place in the group's documents
 * but none of its powers.
 */
const RUNNER_ROLES: Record<GroupKind, readonly Role[]> = {
  family: ['facilitator'],
  training: ['trainer', 'coordinator'],
  supervision: ['trainer', 'coordinator'],
  peer: ['facilitator', 'trainer', 'coordinator'],
  interview: ['coordinator', 'trainer'],
  partnership: ['coordinator'],
  alongside: ['facilitator'],
};
/** Interview applicants hold no role yet: their booking (a confirmed enrolment) is the key. */
const MEMBER_ROLES: Record<GroupKind, readonly Role[] | 'any'> = {
  family: ['family'],
  training: ['facilitator'],
  supervision: ['facilitator'],
  peer: ['facilitator'],
  interview: 'any',
  partnership: ['coordinator', 'partner'],
  alongside: ['family'],
};
const holds = (actor: SignedInActor, roles: readonly Role[]) =>
  roles.some((role) => actor.roles.includes(role));

const runs = (actor: SignedInActor, group: GroupRef) =>
  group.facilitatorIds.includes(actor.personId) &&
  holds(actor, RUNNER_ROLES[group.kind]) &&
  !(group.kind === 'family' && actor.paused);
const trains = (actor: SignedInActor, group: GroupRef) =>
  group.trainerId === actor.personId && actor.roles.includes('trainer');
const belongs = (actor: SignedInActor, group: GroupRef) => {
  const roles = MEMBER_ROLES[group.kind];
  return group.enrolled && (roles === 'any' || holds(actor, roles));
};
const isCoordinator = (actor: SignedInActor) => actor.roles.includes('coordinator');
/** A partnership table: coordinators all; a partner contact person only the tables they sit at. */
const sitsAt = (actor: SignedInActor, group: GroupRef) =>
  group.kind === 'partnership' &&
  (isCoordinator(actor) || runs(actor, group) || belongs(actor, group));

interface Rule<R = never> {
  who: Audience;
  may?: (actor: SignedInActor, resource: R) => boolean;
  scope?: (actor: SignedInActor) => Record<string, unknown>;
}

const rule = <R = never>(r: Rule<R>) => r;

export const policy = {
  'session.read': rule({ who: 'anyone' }),
  'account.signUp': rule({ who: 'anyone' }),
  'account.verifyEmail': rule({ who: 'anyone' }),
  'account.signIn': rule({ who: 'anyone' }),
  'account.signOut': rule({ who: 'signedIn' }),
  'account.resetPassword': rule({ who: 'anyone' }),

  'me.read': rule({ who: 'signedIn' }),
  'me.update': rule({ who: 'signedIn' }),
  'me.export': rule({ who: 'signedIn' }),
  'me.erase': rule({ who: 'signedIn' }),

  'invitation.view': rule({ who: 'anyone' }),
  'invitation.accept': rule({ who: 'anyone' }),
  'invitation.list': rule({ who: ['coordinator'] }),
  'invitation.create': rule({ who: ['coordinator'] }),
  'invitation.revoke': rule({ who: ['coordinator'] }),

  // A trainer sees the people they supervise, a coordinator everyone (read by key from their
  // lists: people/listing.ts).
  'people.list': rule({ who: ['coordinator', 'trainer'] }),
  'people.read': rule<PersonRef>({
    who: 'signedIn',
    may: (actor, person) =>
      person.id === actor.personId ||
      actor.roles.includes('coordinator') ||
      (actor.roles.includes('trainer') && person.supervisorId === actor.personId),
  }),
  'people.setRoles': rule({ who: ['coordinator'] }),

  'organisation.list': rule({ who: 'signedIn' }),
  'organisation.create': rule({ who: ['coordinator'] }),

  'referral.list': rule({
    who: ['partner'],
    // Their own organisation's referrals, with only what each family allowed. What a family
    // allowed is for the partner: coordinators see where families come from as counts. Read
    // from the organisation's own lists (referrals/views.ts).
  }),
  'referral.create': rule<ReferralRef>({ who: ['partner'] }),
  /** The family's side of a referral link: the token is the key. */
  'referral.follow': rule({ who: 'anyone' }),
  /** A family's own referrals: what they share, and withdrawing it. */
  'referral.mine': rule({ who: 'signedIn' }),
  /** Where families come from: counts per partner organisation. */
  'referral.sources': rule({ who: ['coordinator'] }),
  /** Partner organisations: a partner worker sees their own, a coordinator keeps them all. */
  'partner.list': rule({ who: ['partner', 'coordinator'] }),
  /** Register an organisation, name its contact persons, record one leaving. */
  'partner.manage': rule({ who: ['coordinator'] }),
  /** Their region's reach figures, aggregates with small cells hidden. */
  'partner.reach': rule({ who: ['partner'] }),
  /** The service directory: families and everyone who works with them search it. */
  'directory.search': rule({
    who: ['family', 'facilitator', 'trainer', 'coordinator', 'partner'],
  }),
  /** Partners keep their own organisation's entries current; coordinators any. */
  'directory.manage': rule<DirectoryEntryRef>({
    who: ['partner', 'coordinator'],
    may: (actor, entry) =>
      isCoordinator(actor) ||
      (actor.roles.includes('partner') && actor.organisationId === entry.organisationId),
    scope: (actor) =>
      isCoordinator(actor) ? {} : { organisationId: actor.organisationId ?? 'none' },
  }),
  /** Sharing an entry into a group's chat: those who run the group. */
  'directory.share': rule<LiveGroupRef>({
    who: ['facilitator', 'trainer', 'coordinator'],
    may: runs,
  }),

  'group.browse': rule({ who: 'anyone' }),
  /** Beyond the public catalogue: drafts and invitation-only groups. */
  'group.read': rule<GroupRef>({
    who: 'anyone',
    may: (actor, group) =>
      isCoordinator(actor) || runs(actor, group) || trains(actor, group) || belongs(actor, group),
  }),
  'group.create': rule({ who: ['coordinator'] }),
  'group.update': rule<GroupRef>({
    who: ['coordinator', 'facilitator'],
    may: (actor, group) => isCoordinator(actor) || group.leadFacilitatorId === actor.personId,
  }),
  /** Enrolments, waitlist and attendance of a group: to read. */
  'group.roster': rule<GroupRef>({
    who: ['coordinator', 'facilitator', 'trainer'],
    may: (actor, group) => isCoordinator(actor) || runs(actor, group) || trains(actor, group),
  }),
  /** Approve, remove, change the schedule, correct attendance. */
  'group.manage': rule<GroupRef>({
    who: ['coordinator', 'facilitator'],
    may: (actor, group) => isCoordinator(actor) || runs(actor, group),
  }),
  'group.enrol': rule({ who: ['family'] }),
  'group.mine': rule({ who: 'signedIn' }),
  'reminders.manage': rule({ who: 'signedIn' }),
  'calendar.manage': rule({ who: 'signedIn' }),
  /** The private feed: its token is the key, so calendar apps need no session. */
  'calendar.subscribe': rule({ who: 'anyone' }),
  'reach.read': rule({ who: ['coordinator'] }),
  /** The funder's report: counts only, small cells suppressed in what leaves the screen. */
  'funderReport.read': rule({ who: ['coordinator'] }),
  /** Volunteering: anyone may apply; coordinators run the recruitment pipeline. */
  'recruitment.apply': rule({ who: 'anyone' }),
  'recruitment.manage': rule({ who: ['coordinator'] }),
  /** An applicant enters their interview with the link from the booking email (the token decides). */
  'recruitment.interview': rule({ who: 'anyone' }),

  /** Training: facilitators learn (quiz, reflection, own progress); staff read every module. */
  'training.read': rule({ who: ['facilitator', 'trainer', 'coordinator'] }),
  'training.learn': rule({ who: ['facilitator'] }),
  'training.edit': rule({ who: ['trainer', 'coordinator'] }),
  /** A trainee's progress and reflections: their supervising trainer, or a coordinator. */
  'training.supervise': rule<PersonRef>({
    who: ['trainer', 'coordinator'],
    // Listings read the trainer's supervisees by key (training/traineeRoutes.ts).
    may: (actor, person) => isCoordinator(actor) || person.supervisorId === actor.personId,
  }),
  /** Signing off a certification, granting another quiz attempt: the supervising trainer only. */
  'training.certify': rule<PersonRef>({
    who: ['trainer'],
    may: (actor, person) => person.supervisorId === actor.personId,
  }),
  'training.eligibleLeads': rule({ who: ['coordinator'] }),

  /** Session reports: written by the group's facilitators, read by them and the group's trainer. */
  'report.write': rule<GroupRef>({ who: ['facilitator'], may: runs }),
  'report.read': rule<GroupRef>({
    who: ['facilitator', 'trainer'],
    may: (actor, group) => runs(actor, group) || trains(actor, group),
  }),
  'report.feedback': rule<GroupRef>({
    who: ['trainer'],
    may: trains,
  }),
  /** Safeguarding alerts: only the trainer each was sent to (checked per alert). */
  'alert.manage': rule({ who: ['trainer'] }),
  'supervision.dashboard': rule({ who: ['trainer'] }),
  /** Facilitators without contact from a trainer: the coordinator looks after volunteers. */
  'supervision.contact': rule({ who: ['coordinator'] }),
  'volunteer.pause': rule({ who: ['facilitator'] }),
  /** Meetings for facilitators (training, työnohjaus, peer, interview). */
  'meeting.list': rule({ who: ['facilitator', 'trainer', 'coordinator'] }),
  'meeting.create': rule({ who: ['facilitator', 'trainer', 'coordinator'] }),
  /** Members and schedule of a meeting: its host or a coordinator. */
  'meeting.manage': rule<GroupRef>({
    who: ['facilitator', 'trainer', 'coordinator'],
    may: (actor, group) => isCoordinator(actor) || group.leadFacilitatorId === actor.personId,
  }),

  /** The partnership table (kumppanuuspöytä): coordinators and partner contact persons. */
  'table.list': rule({ who: ['partner', 'coordinator'] }),
  'table.create': rule({ who: ['coordinator'] }),
  /** Read a table, add agenda items, write minutes, raise and close action items: its members. */
  'table.read': rule<GroupRef>({ who: ['partner', 'coordinator'], may: sitsAt }),
  'table.write': rule<GroupRef>({ who: ['partner', 'coordinator'], may: sitsAt }),
  /** Who sits at a table: coordinators. */
  'table.manage': rule<GroupRef>({
    who: ['coordinator'],
    may: (actor, group) => group.kind === 'partnership' && isCoordinator(actor),
  }),

  /** Walk-alongside: a family asks (and ends it at once); coordinators pair; the volunteer logs
   * contacts; either party plans a video meeting; the trainer sees their volunteers' load. */
  'alongside.ask': rule({ who: ['family'] }),
  'alongside.end': rule({ who: ['family', 'coordinator'] }),
  'alongside.pair': rule({ who: ['coordinator'] }),
  'alongside.walk': rule({ who: ['facilitator'] }),
  'alongside.meet': rule({ who: ['family', 'facilitator'] }),
  'alongside.care': rule({ who: ['trainer'] }),
  /** A family's own appointments: only theirs (checked per appointment: others' are 404). */
  'appointment.manage': rule({ who: ['family'] }),
  /** The shared appointments of a pairing: its volunteer, while it is active (checked per pairing). */
  'appointment.shared': rule({ who: ['facilitator'] }),

  'audit.read': rule({ who: ['coordinator'] }),
  'outbox.read': rule({ who: ['coordinator'] }),

  /** Media signalling; which room a peer is in is decided when it is admitted (live sessions). */
  'media.signal': rule({ who: 'signedIn' }),
  /** Live sessions: facilitators, enrolled families and the group's trainer (visibly). */
  'session.join': rule<LiveGroupRef>({
    who: 'signedIn',
    may: (actor, group) =>
      runs(actor, group) || belongs(actor, group) || trains(actor, group) || !!group.interpreterFor,
  }),
  /** Invite an interpreter for one session: whoever runs the group. */
  'session.invite': rule<LiveGroupRef>({
    who: ['facilitator', 'trainer', 'coordinator'],
    may: runs,
  }),
  /** Hidden observation: only the group's trainer, only when families were told. */
  'session.observe': rule<LiveGroupRef>({
    who: 'signedIn',
    may: (actor, group) => group.observationAllowed && trains(actor, group),
  }),
  /** Admit, mute, remove, lock, end: the lead and co-facilitator. */
  'session.moderate': rule<LiveGroupRef>({ who: 'signedIn', may: runs }),
  /**
   * A group's chat (and its sessions'): facilitators and confirmed families; the trainer reads.
   * Partners: only a partnership table they sit at (MEMBER_ROLES admits them nowhere else).
   */
  'chat.read': rule<LiveGroupRef>({
    who: ['family', 'facilitator', 'trainer', 'coordinator', 'partner'],
    may: (actor, group) => runs(actor, group) || belongs(actor, group) || trains(actor, group),
  }),
  'chat.post': rule<LiveGroupRef>({
    who: ['family', 'facilitator', 'trainer', 'coordinator', 'partner'],
    may: (actor, group) => runs(actor, group) || belongs(actor, group),
  }),
  /** Edit, delete, report: one's own messages / messages one can read (checked per message). */
  'chat.member': rule({ who: ['family', 'facilitator', 'trainer', 'coordinator', 'partner'] }),
  /** Hide a message: the group's facilitators. */
  'chat.moderate': rule<LiveGroupRef>({ who: 'signedIn', may: runs }),
  /** Announcements to a group or to every facilitator. */
  'chat.announce': rule({ who: ['coordinator'] }),
  /** Online / away / in a session, seen only by people who share a group. */
  'presence.share': rule({
    who: ['family', 'facilitator', 'trainer', 'coordinator', 'partner'],
  }),
  /** Presence, reactions, whisper: whoever the live session admitted (checked by the session). */
  'session.participate': rule({ who: 'signedIn' }),
} as const;

export type Action = keyof typeof policy;
type ResourceOf<A extends Action> = (typeof policy)[A] extends Rule<infer R> ? R : never;

/** Every socket request's action: a new request name without one does not compile. */
export const socketActions: Record<RequestName, Action> = {
  'media:capabilities': 'media.signal',
  'media:createTransport': 'media.signal',
  'media:connectTransport': 'media.signal',
  'media:produce': 'media.signal',
  'media:consume': 'media.signal',
  'media:resumeConsumer': 'media.signal',
  'media:restartIce': 'media.signal',
  'media:closeProducer': 'media.signal',
  'live:join': 'session.join',
  'live:leave': 'session.participate',
  'live:admit': 'session.moderate',
  'live:lobbyMessage': 'session.moderate',
  'live:mute': 'session.moderate',
  'live:askUnmute': 'session.moderate',
  'live:stopCamera': 'session.moderate',
  'live:remove': 'session.moderate',
  'live:lock': 'session.moderate',
  'live:spotlight': 'session.moderate',
  'live:end': 'session.moderate',
  'live:selfMute': 'session.participate',
  'live:hand': 'session.participate',
  'live:interpreter': 'session.moderate',
  'live:channel': 'session.participate',
  'live:react': 'session.participate',
  'live:viewport': 'session.participate',
  'live:quality': 'session.participate',
  'live:whisper': 'session.participate',
  'live:stepIn': 'session.participate',
  'live:breakoutOpen': 'session.moderate',
  'live:breakoutMove': 'session.moderate',
  'live:breakoutClose': 'session.moderate',
  'live:breakoutBroadcast': 'session.moderate',
  'live:breakoutChat': 'session.participate',
  'live:plan': 'session.moderate',
  'live:roundStart': 'session.moderate',
  'live:roundPass': 'session.participate',
  'live:roundEnd': 'session.moderate',
  'live:checkInAsk': 'session.moderate',
  'live:checkInAnswer': 'session.participate',
  'live:checkInClose': 'session.moderate',
  'live:checkInToReport': 'session.moderate',
  'chat:send': 'chat.post',
  'chat:sync': 'chat.read',
  'chat:subscribe': 'chat.read',
  'chat:announce': 'chat.announce',
  'chat:history': 'chat.read',
  'chat:read': 'chat.read',
  'chat:typing': 'chat.post',
  'chat:edit': 'chat.member',
  'chat:delete': 'chat.member',
  'chat:hide': 'chat.moderate',
  'chat:report': 'chat.member',
  'chat:conversations': 'chat.member',
  'chat:openDirect': 'chat.member',
  'chat:shareEntry': 'directory.share',
  'presence:set': 'presence.share',
  'group:watch': 'group.browse',
  'session:language': 'me.read',
  'presence:watch': 'presence.share',
};

export type Gate = 'allowed' | 'unauthenticated' | 'forbidden';

/** May this actor make this call at all? */
export function gate(actor: Actor, action: Action): Gate {
  const { who } = policy[action] as Rule<unknown>;
  if (who === 'anyone') return 'allowed';
  if (!isSignedIn(actor)) return 'unauthenticated';
  if (who === 'signedIn') return 'allowed';
  return hasRole(actor, ...who) ? 'allowed' : 'forbidden';
}

/** May this actor do this action to this resource? (false also for signed-out actors) */
export function may<A extends Action>(actor: Actor, action: A, resource: ResourceOf<A>): boolean {
  if (gate(actor, action) !== 'allowed' || !isSignedIn(actor)) return false;
  const { may: check } = policy[action] as Rule<ResourceOf<A>>;
  return check ? check(actor, resource) : true;
}

/** The query filter that limits a listing to what the actor may see. */
export function scopeOf(actor: SignedInActor, action: Action): Record<string, unknown> {
  const { scope } = policy[action] as Rule<unknown>;
  return scope ? scope(actor) : {};
}
