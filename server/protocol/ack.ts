// Every socket request is answered with an ack: a result, or an error a person can read.

export interface AppError {
  code: string;
  /** Already translated into the user's language. */
  message: string;
  /** Per-field messages for validation errors. */
  fields?: Record<string, string>;
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: AppError };
