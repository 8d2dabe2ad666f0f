// Interpreter channels of a live session. The host names a participant as interpreter into a
// language; each person listens to the floor or to one language's channel. An interpreter's
// microphone reaches only those on their channel (and no consumer is ever made for anyone else);
// the floor — everyone else's voices — reaches everyone, the interpreters included. Kept by
// person, not by peer, so a choice survives a reconnect or a reload.

export class Interpretation {
  /** personId → the language they interpret into. */
  private readonly interpreters = new Map<string, string>();
  /** personId → the channel they listen to; absent = the floor. */
  private readonly channels = new Map<string, string>();

  interpreting(personId: string): string | null {
    return this.interpreters.get(personId) ?? null;
  }

  channelOf(personId: string): string | null {
    return this.channels.get(personId) ?? null;
  }

  /** The languages someone interprets into now. */
  languages(): Set<string> {
    return new Set(this.interpreters.values());
  }

  name(personId: string, language: string | null): void {
    if (language) this.interpreters.set(personId, language);
    else this.interpreters.delete(personId);
    // An interpreter listens to the floor they interpret.
    this.channels.delete(personId);
    // A channel nobody interprets any more: its listeners are back on the floor.
    const open = this.languages();
    for (const [listener, channel] of this.channels) {
      if (!open.has(channel)) this.channels.delete(listener);
    }
  }

  listen(personId: string, language: string | null): void {
    if (language) this.channels.set(personId, language);
    else this.channels.delete(personId);
  }

  /** Whether `listener` may receive the `source` that `owner` sends. */
  mayReceive(listener: string, owner: string, source: unknown): boolean {
    const language = this.interpreters.get(owner);
    if (!language || source !== 'microphone') return true;
    return listener === owner || this.channels.get(listener) === language;
  }
}
