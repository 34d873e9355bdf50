/**
 * A stand-in for a Web Worker in unit tests (install it with
 * vi.stubGlobal('Worker', FakeWorker)): it records what it was sent, whether it
 * was terminated, and lets the test answer, or not answer. Test support only.
 */
export class FakeWorker<Request = unknown, Reply = unknown> {
  /** Every worker made since the test reset this list, in order. */
  static made: FakeWorker<never, never>[] = [];
  onmessage: ((e: MessageEvent<Reply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  sent: Request[] = [];
  terminated = false;
  constructor() {
    FakeWorker.made.push(this as unknown as FakeWorker<never, never>);
  }
  postMessage(m: Request) {
    this.sent.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  reply(r: Reply) {
    this.onmessage?.({ data: r } as MessageEvent<Reply>);
  }
}

/** The workers made so far, typed for the test's protocol. */
export function madeWorkers<Request, Reply>(): FakeWorker<Request, Reply>[] {
  return FakeWorker.made as unknown as FakeWorker<Request, Reply>[];
}
