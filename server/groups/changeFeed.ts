// Changes to groups as a numbered feed that every server process reads by key. Each process keeps
// the catalogue in memory (catalogue.ts); instead of re-reading every public group every few
// seconds (seconds of work with thousands of groups, FerretDB reading them all), it re-reads only
// the groups changed since it last looked. A change takes the next number by inserting its key
// (an insert is atomic where FerretDB's updates are not: db/claims.ts); a taken number means
// another process was first, and the next one is tried. The head is only a hint where to start.
import mongoose from 'mongoose';
import { replaceById } from '../db/rewrite.ts';
import { isDuplicateKey } from '../db/claims.ts';

const changeSchema = new mongoose.Schema(
  { _id: String, groupId: { type: String, required: true }, seq: Number },
  { versionKey: false },
);
const GroupChange = mongoose.model('GroupChange', changeSchema, 'group_changes');

const HEAD = 'head';
const key = (seq: number) => `change#${String(seq).padStart(12, '0')}`;

export class ChangeFeed {
  /** The highest number this feed has seen taken (by anyone). */
  private known = 0;

  /** `keep`: changes kept; a reader further behind is told to read everything again. */
  constructor(private readonly keep = 10_000) {}

  /** The newest number, from the head and what follows it. */
  async head(): Promise<number> {
    const hint = (await GroupChange.findById(HEAD).lean())?.seq ?? 0;
    let seq = Math.max(hint, this.known);
    while (await GroupChange.exists({ _id: key(seq + 1) })) seq += 1;
    this.known = seq;
    return seq;
  }

  async announce(groupId: string): Promise<void> {
    if (this.known === 0) await this.head();
    for (;;) {
      const seq = this.known + 1;
      try {
        await GroupChange.create({ _id: key(seq), groupId, seq });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        this.known = seq; // another process took it
        continue;
      }
      this.known = seq;
      await replaceById(GroupChange, HEAD, { _id: HEAD, groupId: '', seq });
      if (seq > this.keep) await GroupChange.deleteOne({ _id: key(seq - this.keep) });
      return;
    }
  }

  /**
   * The groups changed after `after` (each once), and the number read up to; `behind` when the
   * changes right after it are no longer kept: read everything again.
   */
  async changedAfter(
    after: number,
    max = 1_000,
  ): Promise<{ groupIds: string[]; last: number } | 'behind'> {
    const groupIds = new Set<string>();
    let seq = after;
    for (let n = 0; n < max; n += 1) {
      const change = await GroupChange.findById(key(seq + 1)).lean();
      if (!change) break;
      groupIds.add(change.groupId);
      seq += 1;
    }
    if (seq === after && after < (await this.head()) - this.keep) return 'behind';
    this.known = Math.max(this.known, seq);
    return { groupIds: [...groupIds], last: seq };
  }
}
