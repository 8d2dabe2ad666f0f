// A backup file: gzip-compressed EJSON lines, sealed with AES-256-GCM under BACKUP_KEY.
//   header (36 bytes) = "RINNALLABACKUP01" | key check (8) | IV (12);  then ciphertext;  then tag (16)
// The header is authenticated too (GCM's additional data). GCM proves the whole file intact only
// at its end, so a restore reads the file twice: first to verify it, then to write anything.
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

const MAGIC = Buffer.from('RINNALLABACKUP01', 'ascii');
const HEADER_BYTES = MAGIC.length + 8 + 12;
const TAG_BYTES = 16;

export class BackupError extends Error {}

/** BACKUP_KEY: 32 bytes, as base64 (e.g. `openssl rand -base64 32`) or 64 hex digits. */
export function backupKey(value: string | undefined = process.env.BACKUP_KEY): Buffer {
  if (!value)
    throw new BackupError(
      'BACKUP_KEY is not set. Backups are encrypted: set BACKUP_KEY to 32 random bytes in base64 ' +
        '(make one with `openssl rand -base64 32`) and keep it safe, apart from the backups.',
    );
  const key = /^[0-9a-fA-F]{64}$/.test(value)
    ? Buffer.from(value, 'hex')
    : Buffer.from(value, 'base64');
  if (key.length !== 32)
    throw new BackupError(
      `BACKUP_KEY must be 32 bytes (base64 or 64 hex digits); this one is ${key.length} bytes.`,
    );
  return key;
}

/** Tells a wrong key from a changed file without revealing anything about the key. */
const keyCheck = (key: Buffer) =>
  createHmac('sha256', key).update('rinnalla-backup-key-check').digest().subarray(0, 8);

/** Encrypts a stream of compressed bytes into the file's bytes (header first, tag last). */
export function sealer(key: Buffer) {
  const iv = randomBytes(12);
  const header = Buffer.concat([MAGIC, keyCheck(key), iv]);
  return async function* seal(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(header);
    yield header;
    for await (const chunk of source) {
      const sealed = cipher.update(chunk);
      if (sealed.length) yield sealed;
    }
    const last = cipher.final();
    if (last.length) yield last;
    yield cipher.getAuthTag();
  };
}

const damaged = (path: string) =>
  new BackupError(
    `The backup ${path} has been changed or damaged: it does not pass its integrity check ` +
      '(AES-GCM authentication). Nothing was restored from it.',
  );

/**
 * The file's plaintext lines, decrypted and decompressed. The last line comes only after the
 * tag has been checked; a changed file throws a BackupError (possibly after earlier lines, which
 * is why a restore reads it through once before writing).
 */
export async function* openedLines(path: string, key: Buffer): AsyncGenerator<string> {
  const file = await open(path, 'r');
  let header: Buffer;
  let size: number;
  let tag: Buffer;
  try {
    size = (await file.stat()).size;
    if (size < HEADER_BYTES + TAG_BYTES)
      throw new BackupError(`${path} is not a Rinnalla backup (too short).`);
    header = Buffer.alloc(HEADER_BYTES);
    await file.read(header, 0, HEADER_BYTES, 0);
    tag = Buffer.alloc(TAG_BYTES);
    await file.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
  } finally {
    await file.close();
  }
  if (!header.subarray(0, MAGIC.length).equals(MAGIC))
    throw new BackupError(`${path} is not a Rinnalla backup (or of a newer format).`);
  if (!timingSafeEqual(header.subarray(MAGIC.length, MAGIC.length + 8), keyCheck(key)))
    throw new BackupError(
      `${path} was made with another BACKUP_KEY: set the key that was in use when it was made.`,
    );
  const decipher = createDecipheriv('aes-256-gcm', key, header.subarray(MAGIC.length + 8));
  decipher.setAAD(header);
  decipher.setAuthTag(tag);
  const ciphertext = createReadStream(path, { start: HEADER_BYTES, end: size - TAG_BYTES - 1 });
  async function* opened(): AsyncGenerator<Buffer> {
    for await (const chunk of ciphertext as AsyncIterable<Buffer>) {
      const plain = decipher.update(chunk);
      if (plain.length) yield plain;
    }
    try {
      const last = decipher.final();
      if (last.length) yield last;
    } catch {
      throw damaged(path);
    }
  }
  const gunzip = createGunzip();
  // Its failure reaches the loop below too (gunzip is destroyed with the error).
  const piping = pipeline(Readable.from(opened()), gunzip).catch(() => undefined);
  // A character's bytes may be split between two chunks: decoded across them.
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      const lines = (rest + decoder.write(chunk)).split('\n');
      rest = lines.pop()!;
      for (const line of lines) if (line) yield line;
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw damaged(path); // garbage where gzip expected its stream: changed bytes
  } finally {
    gunzip.destroy();
    ciphertext.destroy();
    await piping;
  }
  rest += decoder.end();
  if (rest) yield rest;
}
