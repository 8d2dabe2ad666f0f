// How a transport reaches the SFU: the TURN relays the server handed this participant, and —
// as a diagnostics switch — relay only. Setting localStorage `rinnalla.iceTransportPolicy` to
// `relay` sends all media through the TURN relay, to check from a family's network that the
// relay works (the [scale-4] test uses it too). Only `relay` is honoured and it affects only
// this browser: it can make its own connection worse, never anyone else's.
import type { TransportOptions } from 'mediasoup-client/types';
import type { TransportInfo } from '../../../../server/protocol/media.ts';

export const ICE_POLICY_KEY = 'rinnalla.iceTransportPolicy';

function forcedPolicy(): RTCIceTransportPolicy | undefined {
  try {
    return localStorage.getItem(ICE_POLICY_KEY) === 'relay' ? 'relay' : undefined;
  } catch {
    return undefined; // storage blocked: the default policy
  }
}

export function transportOptions(info: TransportInfo): TransportOptions {
  const policy = forcedPolicy();
  return {
    id: info.id,
    iceParameters: info.iceParameters,
    iceCandidates: info.iceCandidates,
    dtlsParameters: info.dtlsParameters,
    iceServers: info.iceServers ?? [],
    ...(policy ? { iceTransportPolicy: policy } : {}),
  };
}
