// Every collection that holds personal data registers here how to export it and how to erase
// it, so "download my data" and "delete my account" cover each domain, present and future.
import type { PersonDoc } from '../people/person.model.ts';
import { clearReferences } from './references.ts';

export interface PersonalDataHandler {
  /** Key in the export. */
  name: string;
  export(person: PersonDoc): Promise<unknown>;
  /** Removes or anonymises what this collection holds about the person. */
  erase(person: PersonDoc): Promise<void>;
}

const handlers: PersonalDataHandler[] = [];

export function registerPersonalData(handler: PersonalDataHandler): void {
  if (!handlers.some((h) => h.name === handler.name)) handlers.push(handler);
}

export async function exportPersonalData(person: PersonDoc): Promise<Record<string, unknown>> {
  const data: Record<string, unknown> = {};
  for (const handler of handlers) data[handler.name] = await handler.export(person);
  return data;
}

export async function erasePersonalData(person: PersonDoc): Promise<void> {
  for (const handler of handlers) await handler.erase(person);
  // After the handlers: they may still need the references to find what to anonymise.
  await clearReferences(person);
}
