/**
 * A styled button that opens the file picker, naming what it opens: every file
 * input of the app is one of these, so the browser's "Choose File / No file
 * chosen" never shows. The input stays in the page (visually hidden) for the
 * keyboard, screen readers and tests (`data-testid`, setInputFiles).
 */
import { useId, type ReactNode } from 'react';

// React has no typed prop for it; Chromium, Firefox and Safari all read webkitdirectory.
const FOLDER_PICKER = { webkitdirectory: '' } as Record<string, string>;

export function FileButton(props: {
  children: ReactNode;
  testId: string;
  onFiles: (files: File[]) => void;
  accept?: string;
  multiple?: boolean;
  /** Pick a whole folder (its files, with their relative paths). */
  folder?: boolean;
  title?: string;
}) {
  const id = useId();
  return (
    <>
      <label className="button" htmlFor={id} title={props.title}>
        {props.children}
      </label>
      <input
        id={id}
        data-testid={props.testId}
        type="file"
        accept={props.accept}
        multiple={props.multiple}
        className="visually-hidden"
        {...(props.folder ? FOLDER_PICKER : {})}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          // Cleared so that picking the same file again is a change too.
          e.target.value = '';
          if (files.length > 0) props.onFiles(files);
        }}
      />
    </>
  );
}
