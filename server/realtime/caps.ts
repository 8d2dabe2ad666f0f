// How many sockets one person, and one network address, may hold open in this process: enough
// for a phone, a laptop and a few tabs (or a family centre's shared connection), not a flood.
export interface CapOptions {
  perPerson: number;
  perAddress: number;
}

export class ConnectionCaps {
  private readonly byPerson = new Map<string, number>();
  private readonly byAddress = new Map<string, number>();
  private readonly holders = new Map<string, { personId: string; address: string }>();

  constructor(private readonly options: CapOptions) {}

  /** Takes a place for this socket; false when the person or the address has no place left. */
  take(personId: string, address: string, socketId: string): boolean {
    const person = this.byPerson.get(personId) ?? 0;
    const from = this.byAddress.get(address) ?? 0;
    if (person >= this.options.perPerson || from >= this.options.perAddress) return false;
    this.byPerson.set(personId, person + 1);
    this.byAddress.set(address, from + 1);
    this.holders.set(socketId, { personId, address });
    return true;
  }

  release(socketId: string): void {
    const holder = this.holders.get(socketId);
    if (!holder) return;
    this.holders.delete(socketId);
    decrement(this.byPerson, holder.personId);
    decrement(this.byAddress, holder.address);
  }
}

function decrement(counts: Map<string, number>, key: string): void {
  const left = (counts.get(key) ?? 1) - 1;
  if (left > 0) counts.set(key, left);
  else counts.delete(key);
}
