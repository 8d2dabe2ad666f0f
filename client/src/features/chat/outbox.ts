// Messages written but not yet acknowledged by the server. They live in localStorage, per person,
// so a dropped connection, a closed laptop or a reload never loses what someone wrote: the chat
// client sends them again (with the same client id, so the server never stores them twice).

export interface OutboxEntry {
  clientId: string;
  channelId: string;
  text: string;
  mentionFacilitators: boolean;
  createdAt: string;
  /**
   * `sending`: on its way; `retrying`: no answer yet (offline, timed out), sent again on the next
   * connect; `failed`: the server refused it (the reason in `error`), kept until retried or
   * discarded by the writer.
   */
  status: 'sending' | 'retrying' | 'failed';
  error: string | null;
}

const storageKey = (personId: string) => `rinnalla.chat.outbox.${personId}`;

/**
 * Forgets a person's unsent messages: on a shared device, what someone wrote must not stay
 * readable after they sign out.
 */
export function discardOutbox(personId: string): void {
  try {
    localStorage.removeItem(storageKey(personId));
  } catch {
    // Storage unavailable: nothing was kept either.
  }
}

/** 16 random bytes as base64url: 22 characters of [A-Za-z0-9_-], as the contract asks. */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function isEntry(value: unknown): value is OutboxEntry {
  const entry = value as Partial<OutboxEntry> | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.clientId === 'string' &&
    /^[A-Za-z0-9_-]{8,64}$/.test(entry.clientId) &&
    typeof entry.channelId === 'string' &&
    typeof entry.text === 'string'
  );
}

export class Outbox {
  private entries: OutboxEntry[] = [];

  constructor(private readonly personId: string) {
    try {
      const stored: unknown = JSON.parse(localStorage.getItem(storageKey(personId)) ?? '[]');
      if (Array.isArray(stored)) {
        // After a reload nothing is in flight: whatever was not refused is sent again.
        this.entries = stored.filter(isEntry).map((entry) => ({
          ...entry,
          mentionFacilitators: entry.mentionFacilitators === true,
          createdAt: entry.createdAt ?? new Date().toISOString(),
          status: entry.status === 'failed' ? 'failed' : 'retrying',
          error: entry.status === 'failed' ? (entry.error ?? null) : null,
        }));
      }
    } catch {
      this.entries = []; // unreadable storage: start empty rather than break the chat
    }
  }

  all(): readonly OutboxEntry[] {
    return this.entries;
  }

  get(clientId: string): OutboxEntry | undefined {
    return this.entries.find((entry) => entry.clientId === clientId);
  }

  add(entry: OutboxEntry): void {
    this.entries = [...this.entries, entry];
    this.save();
  }

  update(clientId: string, patch: Partial<Pick<OutboxEntry, 'status' | 'error'>>): void {
    this.entries = this.entries.map((entry) =>
      entry.clientId === clientId ? { ...entry, ...patch } : entry,
    );
    this.save();
  }

  remove(clientId: string): boolean {
    const before = this.entries.length;
    this.entries = this.entries.filter((entry) => entry.clientId !== clientId);
    if (this.entries.length === before) return false;
    this.save();
    return true;
  }

  private save(): void {
    try {
      if (this.entries.length === 0) localStorage.removeItem(storageKey(this.personId));
      else localStorage.setItem(storageKey(this.personId), JSON.stringify(this.entries));
    } catch {
      // Storage full or blocked (private mode): the messages still go while the page is open.
    }
  }
}
