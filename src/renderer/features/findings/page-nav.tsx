/** Previous / next page buttons and "Page n of m" under a paged list (pageOf in incident-filters.ts). */
import type { ReactNode } from 'react';

export function PageNav({ label, page, pages, onPage, children }: {
  readonly label: string;
  readonly page: number;
  readonly pages: number;
  readonly onPage: (page: number) => void;
  /** Said after "Page n of m", e.g. "(120 findings)". */
  readonly children?: ReactNode;
}) {
  if (pages <= 1) return null;
  return (
    <nav className="incident-pages" aria-label={label}>
      <button type="button" className="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Previous page
      </button>
      <span>
        Page {page} of {pages}
        {children === undefined ? null : <> {children}</>}
      </span>
      <button type="button" className="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Next page
      </button>
    </nav>
  );
}
