/** Loading progress, errors (role="alert") and renderer notices. */
import { setState, useAppState } from '../state/store';

export function StatusBar() {
  const loading = useAppState((s) => s.loading);
  const error = useAppState((s) => s.error);
  const notice = useAppState((s) => s.backendNotice);
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
