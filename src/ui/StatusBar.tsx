/** Loading progress, errors (role="alert") and renderer notices. */
import { useShallow } from 'zustand/react/shallow';
import { setState, useAppState } from '../state/store';

export function StatusBar() {
  const { loading, error, backendNotice: notice } = useAppState(useShallow((s) => ({ loading: s.loading, error: s.error, backendNotice: s.backendNotice })));
  return (
    <div className="status">
      {loading && (
        <div className="loading" data-testid="loading" role="status">
          Opening {loading.name}: {loading.stage}
          {loading.fraction !== null && <progress max={1} value={loading.fraction} />}
        </div>
      )}
      {error && (
        <div className="error" role="alert" data-testid="error">
          <span>{error}</span>
          <button type="button" aria-label="Dismiss" onClick={() => setState({ error: null })}>
            ×
          </button>
        </div>
      )}
      {notice && (
        <div className="notice" data-testid="backend-notice">
          {notice}
        </div>
      )}
    </div>
  );
}
