/**
 * A side panel: a labelled region (a landmark for screen readers) whose `data`
 * entries become its data-* attributes, the page's contract with tests and tools
 * (`data={{ fx: 525 }}` is `data-fx="525"`; undefined leaves the attribute out).
 */
import type { ReactNode } from 'react';

export type PanelData = Record<string, string | number | boolean | undefined>;

export function Panel({ label, testId, data = {}, children }: { label: string; testId?: string; data?: PanelData; children?: ReactNode }) {
  const attributes = Object.fromEntries(Object.entries(data).map(([key, value]) => [`data-${key}`, value]));
  return (
    <section className="panel" aria-label={label} data-testid={testId} {...attributes}>
      {children}
    </section>
  );
}
