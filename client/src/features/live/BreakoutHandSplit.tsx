// Breakout rooms by hand: the host picks each person's room (or leaves them in the main room).
// Everyone starts spread over the rooms in turn, so "open" works at once and only changes are
// picked.
import { useTranslation } from 'react-i18next';

export type HandAssignment = Record<string, number>;

/** Each person's room number (1…rooms); 0 = the main room. */
export const spreadOver = (peerIds: string[], rooms: number): HandAssignment =>
  Object.fromEntries(peerIds.map((id, i) => [id, (i % rooms) + 1]));

/** The rooms as the server takes them: lists of people, empty rooms left out. */
export const roomsOf = (assignment: HandAssignment, rooms: number): string[][] =>
  Array.from({ length: rooms }, (_, i) =>
    Object.entries(assignment)
      .filter(([, room]) => room === i + 1)
      .map(([peerId]) => peerId),
  ).filter((members) => members.length > 0);

export function BreakoutHandSplit({
  people,
  rooms,
  assignment,
  onChange,
}: {
  people: { peerId: string; name: string }[];
  rooms: number;
  assignment: HandAssignment;
  onChange: (next: HandAssignment) => void;
}) {
  const { t } = useTranslation('live');
  return (
    <ul className="plain-list live-breakout-hand" data-testid="breakout-hand">
      {people.map((p) => (
        <li key={p.peerId} className="live-breakout-member">
          <span dir="auto">{p.name}</span>
          <select
            aria-label={t('breakout.roomFor', { name: p.name })}
            value={assignment[p.peerId] ?? 0}
            onChange={(e) => onChange({ ...assignment, [p.peerId]: Number(e.target.value) })}
          >
            <option value={0}>{t('breakout.mainRoom')}</option>
            {Array.from({ length: rooms }, (_, i) => (
              <option key={i} value={i + 1}>
                {t('breakout.roomName', { number: i + 1 })}
              </option>
            ))}
          </select>
        </li>
      ))}
    </ul>
  );
}
