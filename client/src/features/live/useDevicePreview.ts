// The pre-join check's own camera and microphone: which devices there are, and a stream of the
// chosen ones for the preview and the level meter. Stopped before joining, so the session's
// media can take the devices (some phones allow only one user of the camera).
import { useCallback, useEffect, useRef, useState } from 'react';

export type PreviewProblem = 'denied' | 'notFound' | 'busy' | 'unsupported' | 'failed';

export interface DevicePreview {
  stream: MediaStream | null;
  cameras: MediaDeviceInfo[];
  microphones: MediaDeviceInfo[];
  /** Why no stream could be opened; null while asking or when it worked. */
  problem: PreviewProblem | null;
  /** Still waiting for the browser (or the person answering its permission question). */
  pending: boolean;
  stop(): void;
  restart(): void;
}

export function useDevicePreview(cameraId: string, micId: string, camera: boolean): DevicePreview {
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [problem, setProblem] = useState<PreviewProblem | null>(null);
  const [pending, setPending] = useState(true);
  const [attempt, setAttempt] = useState(0);
  // Each opening has a number; a stream that arrives after a newer opening (or a stop) is closed.
  const generation = useRef(0);
  const current = useRef<MediaStream | null>(null);

  const stop = useCallback(() => {
    generation.current += 1;
    stopTracks(current.current);
    current.current = null;
  }, []);

  useEffect(() => {
    const media = navigator.mediaDevices as MediaDevices | undefined;
    if (!media?.getUserMedia) {
      setProblem('unsupported');
      setPending(false);
      return;
    }
    const mine = ++generation.current;
    setPending(true);
    void open(media, cameraId, micId, camera).then(async (result) => {
      if (mine !== generation.current) return stopTracks(result.stream);
      current.current = result.stream;
      setStream(result.stream);
      setProblem(result.problem);
      setPending(false);
      // Device names are readable only once the browser has allowed a device.
      setDevices(await media.enumerateDevices().catch(() => []));
    });
    return () => {
      stop();
      setStream(null);
    };
  }, [cameraId, micId, camera, attempt, stop]);

  // A headset plugged in or out changes the choices.
  useEffect(() => {
    const media = navigator.mediaDevices as MediaDevices | undefined;
    if (!media?.enumerateDevices) return;
    const refresh = () => void media.enumerateDevices().then(setDevices, () => undefined);
    media.addEventListener('devicechange', refresh);
    return () => media.removeEventListener('devicechange', refresh);
  }, []);

  return {
    stream,
    cameras: devices.filter((d) => d.kind === 'videoinput' && d.deviceId),
    microphones: devices.filter((d) => d.kind === 'audioinput' && d.deviceId),
    problem,
    pending,
    stop,
    restart: useCallback(() => setAttempt((a) => a + 1), []),
  };
}

async function open(
  media: MediaDevices,
  cameraId: string,
  micId: string,
  camera: boolean,
): Promise<{ stream: MediaStream | null; problem: PreviewProblem | null }> {
  const audio: MediaTrackConstraints | boolean = micId ? { deviceId: { exact: micId } } : true;
  const video: MediaTrackConstraints | boolean = cameraId
    ? { deviceId: { exact: cameraId } }
    : true;
  try {
    return { stream: await media.getUserMedia({ audio, video: camera && video }), problem: null };
  } catch (error) {
    // One of the two may be missing or refused: the other alone still helps.
    const alone: MediaStreamConstraints[] = camera ? [{ audio }, { video }] : [];
    for (const constraints of alone) {
      try {
        return { stream: await media.getUserMedia(constraints), problem: null };
      } catch {
        // try the next
      }
    }
    return { stream: null, problem: problemOf(error) };
  }
}

function problemOf(error: unknown): PreviewProblem {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'notFound';
  if (name === 'NotReadableError' || name === 'AbortError') return 'busy';
  return 'failed';
}

function stopTracks(stream: MediaStream | null): void {
  stream?.getTracks().forEach((track) => track.stop());
}
