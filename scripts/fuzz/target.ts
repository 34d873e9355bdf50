/**
 * What a fuzz target is: a seed corpus, a way to draw an input from it, and a
 * run that either returns a verdict or throws. The run returns the target's own
 * refusal (its typed error's message) or the messages of a valid result after
 * checking the result's invariants; anything it throws is an escape.
 */
import type { Rng } from './rng';

export type FuzzInput = Uint8Array | string;

export interface Verdict {
  /** The refusal's message, or null when the input was accepted. */
  refused: string | null;
  /** Every sentence the user may see from this input: the refusal, notes, warnings, problems. */
  messages: string[];
  /** The result, kept alive until the worker has measured the memory it holds. */
  value?: unknown;
}

export interface FuzzTarget {
  readonly name: string;
  /** The seed inputs; built once per process, lazily (the worker never needs them). */
  corpus(): readonly FuzzInput[];
  generate(rng: Rng, corpus: readonly FuzzInput[]): FuzzInput;
  run(input: FuzzInput): Verdict;
}

/** A result that breaks the target's promises (a wrong size, an unsafe value): always an escape. */
export class InvariantBroken extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvariantBroken';
  }
}

export function invariant(ok: boolean, what: string): asserts ok {
  if (!ok) throw new InvariantBroken(what);
}

export function accepted(messages: string[] = [], value?: unknown): Verdict {
  return { refused: null, messages, value };
}

export function refusal(message: string): Verdict {
  return { refused: message, messages: [message] };
}

/** Caches a corpus builder: the main thread builds each corpus once. */
export function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}

/** The longest message a user should have to read (brief, issue 13): longer is a finding. */
export const MAX_MESSAGE_CHARS = 300;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why a message is not a readable sentence, or null when it is: 10 to
 * MAX_MESSAGE_CHARS characters, no control characters or lone surrogates
 * (quoted file bytes must be escaped), ending like a sentence.
 */
export function messageProblem(message: string): string | null {
  if (message.length < 10) return `message too short (${message.length} characters)`;
  if (message.length > MAX_MESSAGE_CHARS) return `message of ${message.length} characters (cap ${MAX_MESSAGE_CHARS})`;
  if (/\p{Cc}/u.test(message)) return 'message holds control characters';
  if (LONE_SURROGATE.test(message)) return 'message holds a lone surrogate';
  if (!/[.!?]["')\]]*$/.test(message)) return 'message does not end like a sentence';
  return null;
}
