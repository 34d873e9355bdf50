/**
 * How the reconstruction specs start (Node side): the app opened with a query
 * (the recon= settings, filters) and the posed synthetic room dropped in as a
 * Redwood folder, every frame's pose read.
 */
import { expect, type Page } from '@playwright/test';
import { openApp } from './helpers';
import { writeFolder } from './recording-fixtures';
import { RECON_FRAMES, reconSequence, syntheticRoomRedwood } from './recon-fixtures';
import type { SyntheticSequence } from '../src/core/synthetic-sequence';

export async function openPosedRoom(page: Page, query: string, seq: SyntheticSequence = reconSequence()): Promise<void> {
  await openApp(page, query);
  await page.getByTestId('folder-input').setInputFiles(writeFolder('synthetic_room', syntheticRoomRedwood(seq)));
  await expect(page.getByTestId('recording')).toHaveAttribute('data-poses', String(RECON_FRAMES));
}
