export { Sfu } from './Sfu.ts';
export { SfuRoom } from './SfuRoom.ts';
export { SfuPeer } from './SfuPeer.ts';
export { SfuError } from './errors.ts';
export type { SfuOptions } from './options.ts';
export type { RoomRouterFigures } from './SfuRoom.ts';
export type * from './types.ts';
export { SFU_OBJECT_KINDS } from './types.ts';
