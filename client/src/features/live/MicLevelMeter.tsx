import { useEffect, useRef } from 'react';

/**
 * How loud the microphone hears you, from a WebAudio analyser. The meter is updated directly
 * (not through React state) so sixty updates a second cost no re-renders.
 */
export function MicLevelMeter({ track, id }: { track: MediaStreamTrack; id: string }) {
  const meter = useRef<HTMLMeterElement>(null);

  useEffect(() => {
    let context: AudioContext;
    try {
      context = new AudioContext();
    } catch {
      return; // no WebAudio: the meter stays empty
    }
    const source = context.createMediaStreamSource(new MediaStream([track]));
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let level = 0;
    let frame = 0;
    const tick = () => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      const decibels = 20 * Math.log10(Math.sqrt(sum / samples.length) || 1e-8);
      // −60 dB (silence) … 0 dB (very loud) onto 0…1; a slow fall keeps the bar readable.
      level = Math.max(level * 0.9, Math.min(1, Math.max(0, (decibels + 60) / 60)));
      if (meter.current) meter.current.value = level;
      frame = requestAnimationFrame(tick);
    };
    void context.resume().catch(() => undefined);
    tick();
    return () => {
      cancelAnimationFrame(frame);
      source.disconnect();
      void context.close();
    };
  }, [track]);

  return <meter ref={meter} id={id} className="live-meter" min={0} max={1} low={0.15} value={0} />;
}
