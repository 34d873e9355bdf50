/** Which side-column sections are open: plain UI state, kept in localStorage across reloads. */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export type SectionId = 'inspect' | 'filters' | 'camera' | 'compare' | 'live' | 'reconstruct' | 'export';

interface SectionState {
  /** Sections the user closed; every section is open until closed. */
  closed: Partial<Record<SectionId, boolean>>;
}

export const useSections = create<SectionState>()(
  persist(() => ({ closed: {} }) as SectionState, { name: 'depthscope.ui.sections' }),
);

export function setSectionOpen(id: SectionId, open: boolean): void {
  useSections.setState((s) => ({ closed: { ...s.closed, [id]: !open } }));
}
