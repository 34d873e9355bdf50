/**
 * A collapsible group of side panels. Open unless the user closed it (kept in
 * localStorage); opens by itself when `active` becomes true (its feature starts).
 */
import { useEffect, useId, type ReactNode } from 'react';
import { setSectionOpen, useSections, type SectionId } from './section-store';

interface Props {
  id: SectionId;
  title: string;
  /** The section's feature is in use (e.g. a reference is open): open the section when this turns true. */
  active?: boolean;
  children: ReactNode;
}

export function Section({ id, title, active = false, children }: Props) {
  const open = useSections((s) => !s.closed[id]);
  const bodyId = useId();
  useEffect(() => {
    if (active) setSectionOpen(id, true);
  }, [active, id]);
  return (
    <section className="side-section" data-testid={`section-${id}`} data-open={open}>
      <h2 className="side-section-title">
        <button type="button" aria-expanded={open} aria-controls={bodyId} onClick={() => setSectionOpen(id, !open)}>
          <span aria-hidden="true" className="side-section-chevron">{open ? '▾' : '▸'}</span>
          {title}
        </button>
      </h2>
      <div id={bodyId} className="side-section-body" hidden={!open}>
        {children}
      </div>
    </section>
  );
}
