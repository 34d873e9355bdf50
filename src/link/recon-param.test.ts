/** The reconstruction's link parameter, `recon=<voxel m>,<truncation m>,<dataset|track>` (issue 16). */
import { describe, expect, it } from 'vitest';
import { parseLink, serializeLink } from './parse-link';

describe('recon= in the link', () => {
  it('reads the issue example and writes it back the same', () => {
    const link = parseLink('?recon=0.01,0.04,track', '');
    expect(link.problems).toEqual([]);
    expect(link.view.recon).toEqual({ voxelM: 0.01, truncationM: 0.04, poseSource: 'track' });
    expect(serializeLink(link.view, {}, null).search).toBe('recon=0.01,0.04,track');
  });

  it('is left out of a link at the defaults', () => {
    expect(serializeLink({ recon: { voxelM: 0.01, truncationM: 0.04, poseSource: 'dataset' } }, {}, null).search).toBe('');
  });

  it.each(['0.01,0.005,dataset', '0,0.04,dataset', '0.01,0.04,icp', '0.01,0.04', '2,4,dataset', '0.01,0.7,track'])('refuses recon=%s with a sentence, alone', (value) => {
    const link = parseLink(`?recon=${value}&log=1`, '');
    expect(link.view.recon).toBeUndefined();
    expect(link.view.logScale).toBe(true);
    expect(link.problems.join(' ')).toMatch(/voxel size and truncation in metres/);
  });
});
