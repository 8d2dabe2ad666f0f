// Bulk writing for the growth bench's seed: documents go to their collection in batches of a
// few thousand (FerretDB takes ~20 000 small documents a second that way), with progress lines.
import mongoose from 'mongoose';

const BATCH = 2000;

export class BulkWriter {
  private readonly pending = new Map<string, Record<string, unknown>[]>();
  private readonly counts = new Map<string, number>();
  private written = 0;
  private lastReport = Date.now();

  constructor(
    private readonly expected: number,
    private readonly report: (line: string) => void,
  ) {}

  async add(collection: string, doc: Record<string, unknown>): Promise<void> {
    let batch = this.pending.get(collection);
    if (!batch) this.pending.set(collection, (batch = []));
    batch.push(doc);
    if (batch.length >= BATCH) await this.flushOne(collection);
  }

  async flush(): Promise<void> {
    for (const collection of [...this.pending.keys()]) await this.flushOne(collection);
  }

  /** How many documents each collection received. */
  summary(): string {
    return [...this.counts].map(([name, n]) => `${name} ${n}`).join(', ');
  }

  private async flushOne(collection: string): Promise<void> {
    const batch = this.pending.get(collection);
    if (!batch || batch.length === 0) return;
    this.pending.set(collection, []);
    await mongoose.connection.collection(collection).insertMany(batch, { ordered: false });
    this.counts.set(collection, (this.counts.get(collection) ?? 0) + batch.length);
    this.written += batch.length;
    if (Date.now() - this.lastReport > 5000) {
      this.lastReport = Date.now();
      const share = Math.min(100, Math.round((100 * this.written) / this.expected));
      this.report(`${this.written} of ~${this.expected} documents (${share} %)`);
    }
  }
}
