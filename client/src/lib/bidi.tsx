// Keeping mixed-direction snippets in order. A Latin name or ".ics" inside an Arabic sentence
// (or an Arabic name in a Finnish one) is isolated, so its neutral characters (parentheses,
// dots, @) keep to it instead of taking the sentence's direction: "(.ics)" never "(ics.)".
import { useFormat } from './format.ts';
import { listFormat } from './intl.ts';

/**
 * Plain text isolated with FSI…PDI, where no element can go (an <option>, a document title):
 * the text takes its own direction from its first strong character, as dir="auto" would.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

/** A person's name as they wrote it, in a sentence of the UI's language. */
export function PersonName({ name }: { name: string }) {
  return <bdi dir="auto">{name}</bdi>;
}

/** Names listed the UI language's way ("Aino, Basma ja Ulla"), each isolated from the others. */
export function PersonNames({ names }: { names: readonly string[] }) {
  const { language } = useFormat();
  const parts = listFormat(language, { type: 'conjunction' }).formatToParts(names);
  return (
    <>
      {parts.map((part, i) =>
        part.type === 'element' ? <PersonName key={i} name={part.value} /> : part.value,
      )}
    </>
  );
}

/** A technical token (an address, a file name, a link) read left to right in any language. */
export function Technical({ children }: { children: string }) {
  return <bdi dir="ltr">{children}</bdi>;
}
