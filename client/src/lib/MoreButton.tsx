import type { Pages } from './usePages.ts';

/** "Show more" under a list the server gives a page at a time (usePages); gone at the end. */
export function MoreButton({
  pages,
  label,
}: {
  pages: Pick<Pages<unknown>, 'more' | 'loading'>;
  label: string;
}) {
  if (!pages.more) return null;
  return (
    <div className="actions">
      <button type="button" className="secondary" disabled={pages.loading} onClick={pages.more}>
        {label}
      </button>
    </div>
  );
}
