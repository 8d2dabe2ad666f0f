// The room tools' clock: every client counts down from the server's instants, in the server's
// time (its offset from ours taken from each update), so all agree within a second.
import { useEffect, useState } from 'react';
import type { ToolsView } from '../../../../../server/protocol/roomTools.ts';

export function toolsPatch(tools: ToolsView) {
  return { tools, serverOffset: Date.parse(tools.serverNow) - Date.now() };
}

/** Milliseconds until `endsAt` in server time (negative once past), refreshed every second. */
export function useTimeLeft(endsAt: string | null | undefined, serverOffset: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!endsAt) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [endsAt]);
  return endsAt ? Date.parse(endsAt) - (now + serverOffset) : 0;
}

/** "12:05" (minutes and seconds), digits in the reader's numbering system. */
export function clockText(ms: number, language: string): string {
  const total = Math.ceil(Math.abs(ms) / 1000);
  const two = new Intl.NumberFormat(language, { minimumIntegerDigits: 2, useGrouping: false });
  const one = new Intl.NumberFormat(language, { useGrouping: false });
  return `${one.format(Math.floor(total / 60))}:${two.format(total % 60)}`;
}
