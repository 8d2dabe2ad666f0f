// The UI language of an open socket: chosen again in the UI, it follows into the socket, so texts
// the server makes for it afterwards (errors, notices in a live session) come in that language.
import { z } from 'zod';
import { isLanguage, type LanguageCode } from './languages.ts';

export const socketLanguageSchemas = {
  'session:language': z
    .object({ lang: z.string().refine(isLanguage, { message: 'unknown language' }) })
    .strict(),
} as const;

export interface SocketLanguageResponses {
  'session:language': { lang: LanguageCode };
}
