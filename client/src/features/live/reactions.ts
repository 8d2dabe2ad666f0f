import type { Reaction } from '../../../../server/protocol/live.ts';
import {
  HandIcon,
  HeartIcon,
  LaughIcon,
  PartyIcon,
  ThumbsUpIcon,
  type Icon,
} from '../../lib/icons.ts';

/** Each reaction's picture; its name is translated (live:reactions.<reaction>) and shown with it. */
export const REACTION_ICONS: Record<Reaction, Icon> = {
  thumbsUp: ThumbsUpIcon,
  heart: HeartIcon,
  clap: PartyIcon,
  laugh: LaughIcon,
  wave: HandIcon,
};
