/** The committed dataset fixtures are exactly what scripts/make-dataset-fixtures.ts writes (so the script is their source). */
import { describe, expect, it } from 'vitest';
import { generateDatasetFixtures } from '../../../scripts/make-dataset-fixtures';
import { fixtureBytes, listFixtures } from './test-support';

describe('dataset fixtures', () => {
  it('equal a fresh generation, file for file and byte for byte', () => {
    const generated = generateDatasetFixtures();
    expect(listFixtures().sort()).toEqual([...generated.keys()].sort());
    for (const [name, bytes] of generated) expect(Buffer.from(fixtureBytes(name)).equals(Buffer.from(bytes)), name).toBe(true);
  });
});
