/** An error a signalling handler can show to a user: `code` is a stable key for translation. */
export class SfuError extends Error {
  constructor(
    readonly code:
      | 'transport-not-found'
      | 'producer-not-found'
      | 'consumer-not-found'
      | 'cannot-consume'
      | 'room-closed'
      | 'no-worker'
      | 'not-allowed'
      | 'too-many',
    message: string,
  ) {
    super(message);
  }
}
