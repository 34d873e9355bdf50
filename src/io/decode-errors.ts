/**
 * Error plumbing shared by the decoders. Every decoder promises to throw only
 * DepthDecodeError; these helpers keep that promise at the two places where
 * something else can escape: calls into libraries, and our own bugs.
 */

import { asDecodeError, describeError, DepthDecodeError } from '../core/depth-image';


/**
 * Thrown (as a last resort) when a decoder failed in a way we did not foresee.
 * It is still a DepthDecodeError, so the user sees a sensible message, but tests
 * treat it as a failure: it means one of our own checks is missing.
 */
export class UnexpectedDecodeError extends DepthDecodeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnexpectedDecodeError';
  }
}

/**
 * Runs a library call; whatever it throws becomes a DepthDecodeError saying what we
 * were doing (`doing`, e.g. "PNG: the image data could not be decompressed") and
 * that the file is probably damaged. The library's own message goes in parentheses
 * (useful in bug reports) and the original error is kept as `cause`.
 */
export function callLibrary<T>(doing: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw asDecodeError(doing, error);
  }
}

/**
 * Wraps a whole decoder: a DepthDecodeError passes through, anything else (a bug in
 * our own code) is re-thrown as UnexpectedDecodeError so callers still only ever see
 * DepthDecodeError.
 */
export function guardDecoder<T>(formatName: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof DepthDecodeError) throw error;
    throw new UnexpectedDecodeError(
      `${formatName}: the file could not be read because of an unexpected error (${describeError(error)}). ` +
        'This is probably a bug in Depthscope; please report it with the file.',
      { cause: error },
    );
  }
}
