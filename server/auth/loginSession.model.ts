// Server-side sessions. The cookie holds a random token; only its hash is stored, so a copy of
// the database cannot be used to sign in.
import mongoose from 'mongoose';

const loginSessionSchema = new mongoose.Schema(
  {
    _id: String, // sha256 of the cookie token
    personId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', required: true, index: true },
    csrfToken: { type: String, required: true },
    createdAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
    /** Sliding expiry; checked on every read (FerretDB has no TTL guarantee). */
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);
loginSessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const LoginSession = mongoose.model('LoginSession', loginSessionSchema, 'login_sessions');
