import type { Reaction } from '../../../../server/protocol/live.ts';

/** Each reaction's picture; its name is translated (live:reactions.<reaction>). */
export const REACTION_EMOJI: Record<Reaction, string> = {
  thumbsUp: '👍',
  heart: '❤️',
  clap: '👏',
  laugh: '😄',
  wave: '👋',
};
