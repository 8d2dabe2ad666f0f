// What every stored field of every model is, as far as people are concerned. The export must
// contain each `personal` field of the person's documents, and erasure clears every reference to
// the person that handlers leave behind (references.ts). fields.test.ts walks each mongoose
// schema: a field added without a class here fails it, so a new personal field is never forgotten.
export type FieldClass =
  /** Says whose document it is (their id, or the address it is about): selects it for export. */
  | 'owner'
  /** About the owner: in their export. */
  | 'personal'
  /** The owner's credential (a password or token hash): erased with them, never exported. */
  | 'secret'
  /** Names or describes someone else (who reviewed, whose words): cleared on that one's erasure. */
  | 'other'
  /** Not about a person: codes, counters, opaque ids, the platform's own content. */
  | 'none';

type Fields = Record<string, FieldClass>;

const all = (cls: FieldClass, ...paths: string[]): Fields =>
  Object.fromEntries(paths.map((p) => [p, cls]));
const stamps = all('personal', 'createdAt', 'updatedAt');

export const FIELD_CLASSES: Record<string, Fields> = {
  Person: {
    _id: 'owner',
    ...all(
      'personal',
      'email',
      'emailVerifiedAt',
      'displayName',
      'roles',
      'language',
      'languagesSpoken',
      'municipality',
      'childrenAgeRanges',
      'organisationId',
      'supervisorId',
      'passwordChangedAt',
      'pause.since',
      'pause.until',
      'pause.note',
      'reminders.offsetsMinutes',
      'reminders.email',
    ),
    ...stamps,
    ...all('secret', 'passwordHash', 'calendarToken'),
  },
  AuditEntry: {
    actorId: 'owner',
    ...all('personal', 'at', 'action', 'targetId', 'details'),
    _id: 'none',
  },
  LoginSession: {
    personId: 'owner',
    ...all('personal', 'createdAt', 'lastSeenAt', 'expiresAt'),
    ...all('secret', '_id', 'csrfToken'),
  },
  EmailToken: { personId: 'owner', ...all('personal', 'purpose', 'expiresAt'), _id: 'secret' },
  Consent: {
    personId: 'owner',
    ...all('personal', 'kind', 'version', 'subjectId', 'at'),
    _id: 'none',
  },
  Referral: {
    familyId: 'owner',
    ...all('personal', 'organisationId', 'language', 'status', 'expiresAt'),
    ...all('personal', 'target.groupId', 'target.language', 'target.region', 'target.topic'),
    'target.alongside': 'personal',
    ...all('personal', 'openedAt', 'signedUpAt', 'attendedAt', 'familyGoneAt', 'remindedAt'),
    ...all('personal', 'consent.state', 'consent.version', 'consent.stages', 'consent.at'),
    ...stamps,
    createdBy: 'other',
    // The partner workers who held it before a hand-over.
    previousHolders: 'other',
    // The partner's own case number: the partner's record, never shown to the family.
    reference: 'none',
    tokenHash: 'secret',
    _id: 'none',
  },
  AlongsideRequest: {
    familyId: 'owner',
    ...all('personal', 'help', 'helpLang', 'languages', 'region', 'status', 'pairingId'),
    // The partner referral it came through, and that partner (for the organisation's report).
    ...all('personal', 'referralId', 'organisationId'),
    ...stamps,
    _id: 'none',
  },
  AlongsidePairing: {
    ...all('owner', 'familyId', 'volunteerId'),
    ...all('personal', 'requestId', 'conversationId', 'groupId', 'status', 'startedAt'),
    ...all('personal', 'endedAt', 'endedBy', 'lastContactAt', 'quietRaisedAt'),
    ...stamps,
    pairedById: 'other',
    _id: 'none',
  },
  AlongsideContact: {
    volunteerId: 'owner',
    ...all('personal', 'pairingId', 'date', 'at', 'minutes', 'kind', 'note'),
    ...stamps,
    _id: 'none',
  },
  Invitation: {
    email: 'owner',
    ...all('personal', 'roles', 'organisationId', 'language', 'expiresAt', 'acceptedAt'),
    ...all('personal', 'revokedAt'),
    ...stamps,
    invitedBy: 'other',
    tokenHash: 'secret',
    _id: 'none',
  },
  OutboxMessage: {
    to: 'owner',
    ...all('personal', 'subject', 'template', 'text', 'links', 'sentAt'),
    _id: 'none',
  },
  Enrolment: {
    personId: 'owner',
    ...all('personal', 'groupId', 'status', 'rulesVersion', 'reason'),
    ...stamps,
    ...all('none', '_id', 'arrival', 'activeKey', 'seatId'),
  },
  Attendance: {
    personId: 'owner',
    ...all('personal', 'sessionId', 'groupId', 'present', 'source', 'joinedAt', 'leftAt'),
    ...stamps,
    _id: 'none',
  },
  Job: {
    personId: 'owner',
    ...all('personal', 'kind', 'runAt', 'groupId', 'sessionId', 'topic', 'status', 'doneAt'),
    ...stamps,
    ...all('none', '_id', 'leaseUntil', 'attempts'),
  },
  Notification: {
    personId: 'owner',
    ...all('personal', 'kind', 'groupId', 'sessionId', 'params', 'readAt'),
    ...stamps,
    _id: 'none',
  },
  Certification: {
    personId: 'owner',
    ...all('personal', 'certifiedAt', 'validUntil', 'note', 'modulesPassed'),
    ...all('personal', 'refresherRemindedAt'),
    ...stamps,
    signedOffById: 'other',
    ...all('none', '_id', 'refresherAttempts', 'refresherLeaseUntil'),
  },
  VolunteerApplication: {
    ...all('owner', 'email', 'personId'),
    ...all('personal', 'name', 'phone', 'languagesSpoken', 'region', 'motivation'),
    ...all('personal', 'availability', 'language', 'consentAt', 'status', 'interviewAt'),
    ...all('personal', 'interviewGroupId', 'interviewSessionId', 'interviewTokenValidUntil'),
    ...all('personal', 'history', 'history.from', 'history.to', 'history.at', 'history.reason'),
    ...all('personal', 'history.reasonCode'),
    ...stamps,
    'history.byId': 'other',
    interviewTokenHash: 'secret',
    _id: 'none',
  },
  TrainingRead: { personId: 'owner', ...all('personal', 'moduleId', 'at'), _id: 'none' },
  TrainingQuizAttempt: {
    personId: 'owner',
    ...all('personal', 'moduleId', 'n', 'answers', 'answers.questionId', 'answers.optionIds'),
    ...all('personal', 'score', 'passed', 'at'),
    _id: 'none',
  },
  TrainingExtraAttempt: {
    personId: 'owner',
    ...all('personal', 'moduleId', 'at'),
    byId: 'other',
    _id: 'none',
  },
  TrainingReflection: {
    personId: 'owner',
    ...all('personal', 'moduleId', 'text', 'status', 'submittedAt', 'feedback', 'reviewedAt'),
    reviewerId: 'other',
    _id: 'none',
  },
  SafeguardingAlert: {
    trainerId: 'owner',
    ...all('personal', 'kind', 'reportId', 'groupId', 'sessionId', 'openedAt'),
    ...all('personal', 'acknowledgedAt', 'note'),
    ...all('other', 'facilitatorId', 'acknowledgedById'),
    _id: 'none',
  },
  // The facilitator's plan for a group and a session's plan as run with check-in counts: the
  // platform's own content about the session, naming nobody (counts only).
  SessionPlan: {
    ...all('none', '_id', 'items', 'items.title', 'items.minutes', 'createdAt', 'updatedAt'),
  },
  SessionRun: {
    ...all('none', '_id', 'groupId', 'plan', 'plan.title', 'plan.plannedMinutes'),
    ...all('none', 'plan.startedAt', 'plan.endedAt', 'plan.skipped'),
    ...all('none', 'checkIns', 'checkIns.kind', 'checkIns.counts', 'createdAt', 'updatedAt'),
  },
  SessionReport: {
    authorId: 'owner',
    ...all('personal', 'sessionId', 'groupId', 'sessionStartsAt', 'themes', 'howItWent'),
    ...all('personal', 'notes', 'concern', 'safeguarding', 'feedback.text', 'feedback.at'),
    // The plan's titles and the check-ins' totals: nobody's answer, nobody named.
    ...all('personal', 'planRun', 'planRun.title', 'planRun.plannedMinutes'),
    ...all('personal', 'planRun.actualMinutes', 'planRun.skipped', 'checkIns', 'checkIns.kind'),
    ...all('personal', 'checkIns.counts'),
    ...stamps,
    // The attendance snapshot names the families; the feedback's author is the trainer.
    ...all('other', 'attendance', 'attendance.personId', 'attendance.displayName'),
    ...all('other', 'attendance.present', 'feedback', 'feedback.byId'),
    _id: 'none',
  },
  ChatConversation: {
    ...all('owner', 'familyId', 'facilitatorId', 'trainerId'),
    ...all('personal', 'kind', 'groupId', 'lastTrainerMessageAt'),
    ...stamps,
    openedBy: 'other',
    ...all('none', '_id', 'pairKey'),
  },
  ChatMessage: {
    senderId: 'owner',
    ...all('personal', 'channelId', 'seq', 'clientId', 'senderName', 'text', 'sentAt'),
    ...all('personal', 'senderRole', 'kind', 'editedAt', 'deleted', 'hidden'),
    ...all('personal', 'mentionsFacilitators', 'entry', 'lang'),
    hiddenBy: 'other',
    ...all('none', '_id', 'senderKey'),
  },
  // A send's claim is keyed by an HMAC of sender and client id: it names nobody, and the message
  // it points to is the sender's data (above). A channel's head is a number.
  ChatSend: { ...all('none', '_id', 'channelId', 'seq', 'at') },
  ChatHead: { ...all('none', '_id', 'seq') },
  ChatReport: {
    reporterId: 'owner',
    ...all('personal', 'channelId', 'seq', 'groupId', 'reason', 'note', 'status'),
    ...stamps,
    // The reported words and their writer: the writer's data, not the reporter's.
    ...all('other', 'textAtReport', 'senderName', 'senderId'),
    _id: 'none',
  },
  ChatReadMarker: {
    personId: 'owner',
    ...all('personal', 'channelId', 'seq'),
    ...stamps,
    _id: 'none',
  },
  LiveRemoval: {
    personId: 'owner',
    ...all('personal', 'sessionId', 'reason', 'at'),
    byId: 'other',
    ...all('none', '_id'),
  },
  Group: {
    ...all('other', 'leadFacilitatorId', 'coFacilitatorId', 'trainerId'),
    // The rest is the group's own description and bookkeeping.
    ...all(
      'none',
      '_id',
      'createdAt',
      'updatedAt',
      'kind',
      'title',
      'title.lang',
      'title.text',
      'description',
      'description.lang',
      'description.text',
      'topics',
      'sessionLanguages',
      'audience',
      'region',
      'capacity',
      'status',
      'visibility',
      'observationAllowed',
      'requiresApproval',
      'joinWindowMinutes',
      'autoAdmit',
      'schedule',
      'schedule.frequency',
      'schedule.weekday',
      'schedule.monthlyNth',
      'schedule.everyMonths',
      'schedule.startDate',
      'schedule.startTime',
      'schedule.durationMinutes',
      'schedule.until',
      'schedule.count',
      'exceptions',
      'exceptions.date',
      'exceptions.kind',
      'exceptions.newStart',
      'exceptions.reason',
      'timeOfDay',
      'searchText',
      'rulesVersion',
      'confirmedCount',
      'waitlistCount',
      'upcoming',
      'upcoming.id',
      'upcoming.key',
      'upcoming.startsAt',
      'upcoming.endsAt',
      'upcoming.status',
      'upcoming.reason',
      'upcoming.startedAt',
      'upcoming.endedAt',
      'awaitingReport',
      'awaitingReport.id',
      'awaitingReport.startsAt',
      'awaitingReport.startedAt',
      'arrivalSeq',
    ),
  },
  GroupSession: {
    ...all(
      'none',
      '_id',
      'createdAt',
      'updatedAt',
      'groupId',
      'key',
      'startsAt',
      'endsAt',
      'status',
      'reason',
      'startedAt',
      'endedAt',
    ),
  },
  /** Interpreters invited for one session (the document's _id is the session's). */
  SessionInterpreters: {
    ...all(
      'none',
      '_id',
      'createdAt',
      'updatedAt',
      'interpreters.language',
      'interpreters.invitedAt',
    ),
    // An invited interpreter and who invited them: named, cleared on their erasure.
    ...all('other', 'interpreters', 'interpreters.personId', 'interpreters.invitedBy'),
  },
  Organisation: {
    ...all('none', '_id', 'createdAt', 'updatedAt', 'name', 'kind', 'parentId', 'municipality'),
    ...all('none', 'partnerKind', 'region', 'languagesServed'),
  },
  /** A partner organisation's named contact person, over time. */
  Contact: {
    personId: 'owner',
    ...all('personal', 'organisationId', 'since', 'leftAt'),
    successorId: 'other',
    _id: 'none',
  },
  // A service in the directory: the partner organisation's content; its contact person is named.
  DirectoryEntry: {
    contactPersonId: 'other',
    ...all('none', '_id', 'organisationId', 'name', 'summary', 'summary.lang', 'summary.text'),
    ...all('none', 'need', 'region', 'languages', 'phone', 'email', 'url', 'address'),
    ...all('none', 'openingHours', 'confirmedAt', 'updatedAt'),
  },
  TrainingModule: {
    ...all(
      'none',
      '_id',
      'createdAt',
      'updatedAt',
      'order',
      'qualifies',
      'required',
      'published',
      'content',
      'content.lang',
      'content.title',
      'content.body',
      'quiz',
      'quiz.passMark',
      'quiz.maxAttempts',
      'quiz.questions',
      'quiz.questions.id',
      'quiz.questions.prompt',
      'quiz.questions.prompt.lang',
      'quiz.questions.prompt.text',
      'quiz.questions.options',
      'quiz.questions.options.id',
      'quiz.questions.options.text',
      'quiz.questions.options.text.lang',
      'quiz.questions.options.text.text',
      'quiz.questions.correct',
      'reflection',
      'reflection.prompt',
      'reflection.prompt.lang',
      'reflection.prompt.text',
    ),
  },
  Seat: { ...all('none', '_id', 'groupId', 'enrolmentId', 'at') },
  // When jobs are due (their ids are HMACs) and how far the runners got.
  JobSlot: { ...all('none', '_id', 'jobId') },
  JobCursor: { ...all('none', '_id', 'minute', 'until') },
  // A facilitator's last contact from a trainer (supervision/contactCard.ts).
  ContactCard: { personId: 'owner', _id: 'none', ...all('personal', 'at', 'kind') },
  // An address's key (an HMAC of it) → its person: dropped on erasure (people/emailKey.model.ts).
  EmailKey: { personId: 'owner', _id: 'none' },
  // Who was present per session, by day, as keyed hashes (reach/ledger.ts): counts only.
  ReachDay: {
    ...all('none', '_id', 'sessions', 'sessions.sessionId', 'sessions.groupId'),
    ...all('none', 'sessions.startsAt', 'sessions.families'),
  },
  // Changes to groups, numbered, for every process's catalogue (groups/changeFeed.ts).
  GroupChange: { ...all('none', '_id', 'groupId', 'seq') },
  // A calendar feed's token (hashed) to its person (calendar/feedToken.ts).
  CalendarFeed: { _id: 'secret', personId: 'owner' },
  // Reach figures kept per period and the stamps they were counted under (reach/cache.ts).
  ReachStamp: { ...all('none', '_id', 'stamp') },
  KeptFigures: { ...all('none', '_id', 'period', 'stamps', 'figures') },
  // Lists of ids under an HMAC of what lists them (db/idLists.ts): reports and alerts, a trainer's
  // supervisees, facilitators by week of contact, family groups, a person's inbox. Erasure takes
  // the person out of the lists that hold people and drops their own.
  IdList: { ...all('none', '_id', 'ids') },
  GroupSessionIndex: { ...all('none', '_id', 'sessions', 'sessions.key', 'sessions.id') },
  // Indexes of enrolments and staff (groups/memberships.ts): a person's enrolments are exported
  // from the enrolments themselves; erasure takes them out of rosters and drops the person's list.
  GroupRoster: {
    ...all('none', '_id', 'active', 'ended'),
    ...all('other', 'active.personId', 'ended.personId'),
    ...all('none', 'active.enrolmentId', 'active.status', 'active.arrival', 'active.reason'),
    ...all('none', 'active.createdAt', 'ended.enrolmentId', 'ended.status', 'ended.arrival'),
    ...all('none', 'ended.reason', 'ended.createdAt'),
  },
  PersonGroups: {
    personId: 'owner',
    _id: 'none',
    ...all('none', 'enrolments', 'enrolments.groupId', 'enrolments.enrolmentId'),
    ...all('none', 'enrolments.status', 'staff', 'staff.groupId', 'staff.as'),
  },
  // Keys are hashes (claims; the throttle's HMAC of the address), never ids or addresses as such.
  Claim: { ...all('none', '_id', 'at', 'until') },
  LoginFailure: { ...all('none', '_id', 'key', 'client', 'at') },
  LoginLock: { ...all('none', '_id', 'key', 'lockedUntil') },
  // The partnership table (partnership/models.ts): agenda items and minutes revisions are their
  // author's words; the minutes as last saved and action items are the table's shared work.
  TableAgendaItem: {
    authorId: 'owner',
    ...all('none', '_id', 'tableId', 'sessionId'),
    ...all('personal', 'text', 'createdAt'),
  },
  TableMinutes: {
    ...all('none', '_id', 'tableId', 'text', 'version', 'updatedAt'),
    updatedBy: 'other',
  },
  TableMinutesRevision: {
    authorId: 'owner',
    ...all('none', '_id', 'tableId'),
    ...all('personal', 'text', 'at'),
  },
  TableActionItem: {
    ownerId: 'owner',
    ...all('none', '_id', 'tableId', 'sessionId', 'raisedOn', 'text'),
    ...all('personal', 'dueDate', 'status', 'doneAt', 'createdAt', 'updatedAt'),
    ...all('other', 'createdBy', 'handedOverFrom'),
  },
  // A family's own appointments (alongside/appointment.model.ts): their words and times.
  AlongsideAppointment: {
    familyId: 'owner',
    _id: 'none',
    ...all('personal', 'what', 'startsAt', 'where', 'shared', 'timeSetAt', 'remindAt'),
    ...all('personal', 'remindedAt', 'volunteerNotedAt', 'createdAt', 'updatedAt'),
  },
  // Demo logins printed on the first run (development only).
  SeedMark: { ...all('none', '_id', 'seededAt', 'lines') },
};

/** The class of a model's path; undefined when nobody has classified it (the test fails). */
export function classOf(model: string, path: string): FieldClass | undefined {
  return FIELD_CLASSES[model]?.[path];
}
