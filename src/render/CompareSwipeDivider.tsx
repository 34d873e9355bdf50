/**
 * The swipe view's divider: the reference left of it, the map right of it.
 * It moves the same column as the before/after divider (store splitX), so a
 * user comparing both ways keeps one place.
 */
import { useCompareState } from '../state/compare-store';
import { ColumnDivider } from './SplitDivider';
import type { Size } from '../core/view-transform';

export function CompareSwipeDivider({ viewport }: { viewport: Size }) {
  const active = useCompareState((s) => s.view === 'swipe' && s.reference !== null);
  return (
    <ColumnDivider
      viewport={viewport}
      active={active}
      label="Swipe divider: the reference on the left, the map on the right"
      testId="swipe-divider"
      left="reference"
      right="map"
    />
  );
}
