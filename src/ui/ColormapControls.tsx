/** Colormap, direction and scale (toolbar), and the range the colours span (next to the legend). */
import { useShallow } from 'zustand/react/shallow';
import { COLORMAP_NAMES, type ColormapName } from '../core/colormap-tables';
import { DEFAULT_RANGE, effectiveRange, setState, useAppState } from '../state/store';
import { NumberField } from './NumberField';
import { Options } from './Options';

export function ColormapControls() {
  const { colormap, reverse, logScale } = useAppState(useShallow((s) => ({ colormap: s.colormap, reverse: s.reverse, logScale: s.logScale })));
  return (
    <div className="group">
      <label>
        Colormap
        <select
          data-testid="colormap"
          value={colormap}
          onChange={(e) => setState({ colormap: e.target.value as ColormapName })}
        >
          <Options items={COLORMAP_NAMES} value={(n) => n} label={(n) => n} />
        </select>
      </label>
      <label>
        <input type="checkbox" data-testid="reverse" checked={reverse} onChange={(e) => setState({ reverse: e.target.checked })} />
        reverse
      </label>
      <label>
        <input type="checkbox" data-testid="log" checked={logScale} onChange={(e) => setState({ logScale: e.target.checked })} />
        log
      </label>
    </div>
  );
}

/** The depths the colours span: manual min/max, or percentiles of the valid depths. */
export function RangeControls() {
  const range = useAppState((s) => s.range);
  const shown = useAppState(useShallow((s) => effectiveRange(s)));
  const setManual = (min: number, max: number) => {
    if (max > min) setState({ range: { mode: 'manual', min, max } });
  };
  return (
    <div className="group range-controls" role="group" aria-label="Colour range">
      <NumberField
        label="min"
        testId="range-min"
        value={shown ? Number(shown[0].toPrecision(6)) : null}
        onCommit={(v) => shown && setManual(v, range.mode === 'manual' ? range.max : shown[1])}
      />
      <NumberField
        label="max"
        testId="range-max"
        value={shown ? Number(shown[1].toPrecision(6)) : null}
        onCommit={(v) => shown && setManual(range.mode === 'manual' ? range.min : shown[0], v)}
      />
      {range.mode === 'auto' && (
        <>
          <NumberField
            label="auto: percentile"
            testId="range-plo"
            value={range.pLo}
            min={0}
            max={range.pHi - 0.1}
            onCommit={(v) => setState({ range: { ...range, pLo: v } })}
          />
          <NumberField
            label="to"
            testId="range-phi"
            value={range.pHi}
            min={range.pLo + 0.1}
            max={100}
            onCommit={(v) => setState({ range: { ...range, pHi: v } })}
          />
        </>
      )}
      <button
        type="button"
        data-testid="range-auto"
        disabled={range.mode === 'auto'}
        title="Range from the 2nd to the 98th percentile of valid depths"
        onClick={() => setState({ range: DEFAULT_RANGE })}
      >
        Auto range
      </button>
    </div>
  );
}
