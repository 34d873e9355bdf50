/**
 * A number input that commits on Enter or blur, and refuses (with a visible
 * hint) values that are not numbers or out of bounds, instead of applying them.
 */
import { useState } from 'react';

interface Props {
  label: string;
  value: number | null;
  onCommit: (value: number) => void;
  min?: number;
  max?: number;
  testId?: string;
  placeholder?: string;
  /** What the field does, beyond its label: the input's title and its description for screen readers. */
  title?: string;
}

export function NumberField({ label, value, onCommit, min = -Infinity, max = Infinity, testId, placeholder, title }: Props) {
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? (value === null ? '' : String(value));
  const parsed = Number(shown);
  const valid = shown.trim() !== '' && Number.isFinite(parsed) && parsed >= min && parsed <= max;
  const commit = () => {
    if (draft === null) return;
    if (valid) onCommit(parsed);
    setDraft(null);
  };
  return (
    <label className="number-field">
      {label}
      <input
        type="text"
        inputMode="decimal"
        data-testid={testId}
        aria-invalid={draft !== null && !valid}
        placeholder={placeholder}
        title={title}
        aria-description={title}
        value={shown}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(null);
        }}
      />
    </label>
  );
}
