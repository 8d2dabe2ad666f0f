// [heal-2] A request that meets the database gone — or still on the connection the database watch
// has just replaced — is answered "unavailable" (503, try again), never "internal" (500).
import assert from 'node:assert/strict';
import { isDatabaseUnavailable } from './connect.ts';
import { isUnavailable } from '../errors.ts';
import { markDown, markUp } from '../platform/parts.ts';

const named = (name: string) => Object.assign(new Error('x'), { name });

describe('[heal-2] which database errors mean "unavailable"', () => {
  it('[heal-2] the driver losing, clearing or closing its connections', () => {
    for (const name of [
      'MongoServerSelectionError',
      'MongoNetworkError',
      'MongoPoolClearedError',
      'MongoPoolClosedError',
      'MongoServerClosedError',
      'MongoClientClosedError',
      'MongoExpiredSessionError',
      'MongoTopologyClosedError',
      'MongoWaitQueueTimeoutError',
    ])
      assert.ok(isDatabaseUnavailable(named(name)), name);
  });

  it('[heal-2] not a refused write, a bad query or anything else', () => {
    for (const name of ['MongoServerError', 'MongoInvalidArgumentError', 'Error', 'TypeError'])
      assert.ok(!isDatabaseUnavailable(named(name)), name);
  });

  it('[heal-2] any driver error while the database is known to be down is "try again"', () => {
    assert.ok(!isUnavailable(named('MongoServerError')), 'while up: a real error');
    markDown('database', 'frozen (test)');
    try {
      assert.ok(isUnavailable(named('MongoServerError')));
      assert.ok(!isUnavailable(named('TypeError')), 'not a bug of ours');
    } finally {
      markUp('database');
    }
  });
});
