// The audit log only grows (every role change, export, erasure, observer…): its pages, newest
// first, are read from day lists kept as each entry is written (db/dayLists.ts).
import type { DayLists } from '../db/dayLists.ts';

export const AUDIT_DAYS: DayLists = { day: 'audit-day', days: 'audit-days' };
