// `session:language`: the socket's language changes with the UI's (protocol/socketLanguage.ts).
import type { Logger } from 'pino';
import type { LanguageCode } from '../protocol/languages.ts';
import { handle } from './handle.ts';
import type { RealtimeFeature } from './socket.ts';

export function socketLanguage(log: Logger): RealtimeFeature {
  return (socket) => {
    handle(socket, log, 'session:language', async ({ lang }) => {
      socket.data.lang = lang as LanguageCode;
      return { lang: lang as LanguageCode };
    });
  };
}
