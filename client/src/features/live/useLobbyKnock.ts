// Someone new in the lobby must not go unnoticed by a facilitator busy talking: a short knock
// sound (made with WebAudio, no audio file) and an assertive announcement with their names.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LobbyEntry } from '../../../../server/protocol/live.ts';
import { useFormat } from '../../lib/format.ts';
import { numberFormat } from '../../lib/intl.ts';

export interface Knock {
  /** Changes with every knock, so the same words are announced again. */
  id: number;
  text: string;
}

export function useLobbyKnock(lobby: LobbyEntry[], enabled: boolean): Knock | null {
  const { t } = useTranslation('live');
  const { language, names } = useFormat();
  const known = useRef(new Set<string>());
  const sound = useRef<AudioContext | null>(null);
  const [knock, setKnock] = useState<Knock | null>(null);

  useEffect(() => {
    const arrived = lobby.filter((entry) => !known.current.has(entry.peerId));
    known.current = new Set(lobby.map((entry) => entry.peerId));
    if (!enabled || arrived.length === 0) return;
    playKnock(sound);
    setKnock((previous) => ({
      id: (previous?.id ?? 0) + 1,
      text: t('lobby.knock', {
        names: names(arrived.map((entry) => entry.name)),
        count: numberFormat(language).format(lobby.length),
      }),
    }));
    // names follows language
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lobby, enabled, t, language]);

  useEffect(
    () => () => {
      void sound.current?.close();
      sound.current = null;
    },
    [],
  );

  return knock;
}

/** Two soft low taps, like a knock on a door. */
function playKnock(sound: { current: AudioContext | null }): void {
  try {
    const context = (sound.current ??= new AudioContext());
    void context.resume().catch(() => undefined);
    const start = context.currentTime + 0.02;
    for (const offset of [0, 0.22]) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = 'triangle';
      oscillator.frequency.setValueAtTime(220, start + offset);
      oscillator.frequency.exponentialRampToValueAtTime(110, start + offset + 0.12);
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.4, start + offset + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.15);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.16);
    }
  } catch {
    // No WebAudio: the announcement and the panel still tell.
  }
}
