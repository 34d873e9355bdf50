/** The keyboard shortcuts: `?` opens this list (outside text fields), Escape or the button closes it. */
import { useEffect, useRef, useState } from 'react';

/** The app's real keys: the view's (render/Viewport.tsx, while the view has focus) and the overlay's own. */
const SHORTCUTS: { keys: string; action: string }[] = [
  { keys: '+ or =', action: 'Zoom in (view focused)' },
  { keys: '−', action: 'Zoom out (view focused)' },
  { keys: '0', action: 'Fit the image to the view (view focused; also double-click)' },
  { keys: '← → ↑ ↓', action: 'Pan the image (view focused)' },
  { keys: ', and .', action: 'Previous and next frame of a recording or sequence' },
  { keys: 'k or Space', action: 'Play or pause a recording or sequence (outside buttons and fields)' },
  { keys: 'Enter', action: 'Commit a number field' },
  { keys: 'Escape', action: 'Undo the edit of a number field; close this list' },
  { keys: '?', action: 'Show this list' },
];

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLInputElement) return target.type === 'text' || target.type === 'number' || target.type === 'search';
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

export function useShortcutsOverlay(): [boolean, (open: boolean) => void] {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '?' && !isTyping(e.target) && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        setOpen(true);
      } else if (e.key === 'Escape') {
        setOpen(false);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return [open, setOpen];
}

export function ShortcutsButton({ onOpen }: { onOpen: () => void }) {
  return (
    <button type="button" className="shortcuts-button" aria-label="Keyboard shortcuts (?)" title="Keyboard shortcuts (?)" onClick={onOpen}>
      ?
    </button>
  );
}

export function ShortcutsOverlay({ onClose }: { onClose: () => void }) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  return (
    <div className="shortcuts-backdrop" onClick={onClose}>
      <div
        className="shortcuts"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        data-testid="shortcuts"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <table>
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.keys}>
                <th scope="row">
                  <kbd>{s.keys}</kbd>
                </th>
                <td>{s.action}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" ref={closeRef} onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
