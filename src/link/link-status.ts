/**
 * Whether the link can carry the depth of the source on screen, for the Copy
 * link button to say. Encoding a map costs tens of milliseconds, so the result
 * is kept per raw image: the URL is rewritten often, the map changes rarely.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { RawDepthImage } from '../core/depth-image';
import { embedDepth, type Embedding } from './embedded-depth';

export type DepthInLink =
  | { kind: 'url' }
  | { kind: 'waiting'; why: string }
  | (Embedding & { kind: 'embedded'; fromLink: boolean });

export const linkStatus = createStore<{ depth: DepthInLink }>()(() => ({ depth: { kind: 'url' } }));

export function useDepthInLink(): DepthInLink {
  return useStore(linkStatus, (s) => s.depth);
}

let remembered: { raw: RawDepthImage; embedding: Embedding; fromLink: boolean } | null = null;

/** Keeps the text a map was opened from, so the link it gives is that same text, not a new encoding. */
export function rememberEmbedding(raw: RawDepthImage, embedding: Embedding, fromLink: boolean): void {
  remembered = { raw, embedding, fromLink };
}

/** The fragment text for a map with no URL (null if it does not fit), and the status it shows. */
export function embeddingFor(raw: RawDepthImage, name: string, depth: Float32Array | null): string | null {
  if (remembered?.raw !== raw) {
    remembered = { raw, embedding: embedDepth(raw, name, depth ? (i) => Number.isFinite(depth[i]) : () => true), fromLink: false };
  }
  const { embedding, fromLink } = remembered;
  showDepthInLink({ kind: 'embedded', fromLink, ...embedding });
  return embedding.fits ? embedding.text : null;
}

export function showDepthInLink(depth: DepthInLink): void {
  const now = linkStatus.getState().depth;
  if (now.kind !== depth.kind || JSON.stringify(now) !== JSON.stringify(depth)) linkStatus.setState({ depth });
}
