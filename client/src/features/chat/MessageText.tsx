// A message's text as React text nodes (never HTML): whatever someone types, tags included, is
// shown literally. Only http(s) addresses become links, opening in a new tab without referrer
// rights; nothing else (no other schemes, no markup) is interpreted.
import { Fragment } from 'react';

const URL_PATTERN = /https?:\/\/[^\s<>"'`]+/gi;
/** Punctuation that ends a sentence rather than the address ("see https://x.fi/a."). */
const TRAILING = /[.,;:!?)\]}'"»”]+$/;

export interface TextPart {
  text: string;
  href: string | null;
}

/** Splits plain text into text and http(s) links. */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    let candidate = match[0];
    const trailing = TRAILING.exec(candidate);
    // Keep a closing parenthesis that belongs to the address (Wikipedia-style links).
    if (trailing && !(trailing[0] === ')' && candidate.includes('('))) {
      candidate = candidate.slice(0, -trailing[0].length);
    }
    const href = safeHref(candidate);
    if (!href) continue;
    if (start > at) parts.push({ text: text.slice(at, start), href: null });
    parts.push({ text: candidate, href });
    at = start + candidate.length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), href: null });
  return parts;
}

function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function MessageText({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((part, i) =>
        part.href ? (
          <a key={i} href={part.href} target="_blank" rel="noopener noreferrer nofollow">
            {part.text}
          </a>
        ) : (
          <Fragment key={i}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}
