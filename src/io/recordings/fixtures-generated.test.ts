/** The committed recording fixtures are exactly what scripts/make-recording-fixtures.ts writes. */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { recordingFixtures } from '../../../scripts/make-recording-fixtures';
import { FIXTURES, fixtureBytes } from './test-support';

describe('recording fixtures', () => {
  it('are what the generator writes, each under 200 KB', async () => {
    const fresh = await recordingFixtures();
    expect(readdirSync(FIXTURES).sort()).toEqual([...fresh.keys()].sort());
    for (const [name, bytes] of fresh) {
      expect(bytes.length, name).toBeLessThan(200 * 1024);
      expect(Buffer.from(fixtureBytes(name)).equals(Buffer.from(bytes)), `${name} differs from a fresh generation: run npx tsx scripts/make-recording-fixtures.ts`).toBe(true);
    }
  });
});
