// One node-side WebRTC endpoint on one of the product's WebRtcTransports: ICE as the controlling
// agent (as a browser is against mediasoup's ICE-lite server), a DTLS client handshake, then
// SRTP with the keys DTLS exported — the same crypto path a browser makes the SFU run.
//
// Built from werift's ICE and DTLS transports rather than its RTCPeerConnection: the bench hands
// the SFU ready-made RTP and needs no SDP. Only 127.0.0.1 is used: no STUN server, and candidate
// pairs from any other local address are filtered out.
import {
  IceCandidate,
  ProtectionProfileAes128CmHmacSha1_80,
  RTCDtlsFingerprint,
  RTCDtlsParameters,
  RTCDtlsTransport,
  RTCIceGatherer,
  RTCIceParameters,
  RTCIceTransport,
  type RtcpPacket,
  type RtpHeader,
} from 'werift';
import type { types } from 'mediasoup';
import type { TransportOptions } from '../../sfu/index.ts';

const LOOPBACK = '127.0.0.1';

/**
 * A DTLS transport that derives the SRTP keys but leaves incoming packets encrypted: a receiver
 * here counts sequence numbers from the clear RTP header and decrypts only a sample (to prove the
 * stream is real SRTP), so that decrypting every packet in JavaScript does not eat the core the
 * SFU's worker needs.
 */
class KeysOnlyDtlsTransport extends RTCDtlsTransport {
  override startSrtp(): void {
    if (this.srtpStarted) return;
    this.srtpStarted = true;
    this.updateSrtpSession();
  }
}

export interface WebRtcEndpoint {
  /** Parameters for SfuPeer.connectTransport (this side is the DTLS client). */
  dtlsParameters: types.DtlsParameters;
  connect(): Promise<void>;
  /** Encrypts and sends one RTP packet; returns the bytes put on the wire. */
  sendRtp(header: RtpHeader, payload: Buffer): number;
  sendRtcp(packets: RtcpPacket[]): void;
  /** RTCP from the SFU, decrypted (sending endpoints only). */
  onRtcp(listener: (packet: RtcpPacket) => void): void;
  /** Every SRTP/SRTCP datagram as received, still encrypted (receiving endpoints only). */
  onDatagram(listener: (datagram: Buffer) => void): void;
  /** Decrypts and authenticates one received SRTP packet; throws when it is not genuine. */
  verify(datagram: Buffer): void;
  close(): Promise<void>;
}

/** Every endpoint not yet closed, so a run that fails half-way still closes them all. */
const open = new Set<WebRtcEndpoint>();

export async function closeAllEndpoints(): Promise<void> {
  await Promise.all([...open].map((endpoint) => endpoint.close()));
}

export async function openEndpoint(
  remote: TransportOptions,
  role: 'send' | 'recv',
): Promise<WebRtcEndpoint> {
  const certificate = await RTCDtlsTransport.SetupCertificate();
  const gatherer = new RTCIceGatherer({
    useIpv4: true,
    useIpv6: false,
    useTcp: false,
    stunServer: undefined,
    interfaceAddresses: { udp4: LOOPBACK },
    additionalHostAddresses: [LOOPBACK],
    filterCandidatePair: (pair) => pair.localCandidate.host === LOOPBACK,
  });
  await gatherer.gather();
  const ice = new RTCIceTransport(gatherer);
  // mediasoup is ICE-lite: the client side must be the controlling agent.
  ice.connection.iceControlling = true;
  ice.setRemoteParams(
    new RTCIceParameters({
      usernameFragment: remote.iceParameters.usernameFragment,
      password: remote.iceParameters.password,
      iceLite: true,
    }),
  );
  for (const candidate of remote.iceCandidates) {
    if (candidate.protocol !== 'udp' || candidate.address !== LOOPBACK) continue;
    await ice.addRemoteCandidate(
      new IceCandidate(
        1,
        candidate.foundation,
        candidate.address,
        candidate.port,
        candidate.priority,
        'udp',
        candidate.type,
      ),
    );
  }
  await ice.addRemoteCandidate(undefined);

  const Dtls = role === 'send' ? RTCDtlsTransport : KeysOnlyDtlsTransport;
  // AES_CM_128_HMAC_SHA1_80: the profile every browser offers, and the costlier one for the SFU
  // (mediasoup would pick AES-GCM first if offered).
  const dtls = new Dtls({}, ice, certificate, [ProtectionProfileAes128CmHmacSha1_80]);
  dtls.setRemoteParams(
    new RTCDtlsParameters(
      remote.dtlsParameters.fingerprints.map((f) => new RTCDtlsFingerprint(f.algorithm, f.value)),
      'server',
    ),
  );
  dtls.role = 'client';

  const endpoint: WebRtcEndpoint = {
    dtlsParameters: {
      role: 'client',
      fingerprints: dtls.localParameters.fingerprints.map((f) => ({
        algorithm: f.algorithm as types.FingerprintAlgorithm,
        value: f.value,
      })),
    },
    async connect() {
      await ice.start();
      await dtls.start();
    },
    sendRtp(header, payload) {
      const datagram = dtls.srtp.encrypt(payload, header);
      void ice.connection.send(datagram);
      return datagram.length;
    },
    sendRtcp(packets) {
      void dtls.sendRtcp(packets);
    },
    onRtcp(listener) {
      dtls.onRtcp.subscribe(listener);
    },
    onDatagram(listener) {
      ice.connection.onData.subscribe((datagram) => {
        // RTP and RTCP start with version 2 (RFC 7983); DTLS and STUN are not media.
        if (datagram.length >= 12 && datagram[0]! >> 6 === 2) listener(datagram);
      });
    },
    verify(datagram) {
      dtls.srtp.decrypt(datagram);
    },
    async close() {
      open.delete(endpoint);
      await dtls.stop().catch(() => undefined);
      await ice.stop().catch(() => undefined);
    },
  };
  open.add(endpoint);
  return endpoint;
}
