/**
 * A page's dedicated workers, reached over CDP for the benchmarks: the page's
 * session auto-attaches to them (non-flat sessions: Playwright's CDPSession has
 * no flat child sessions) and commands go to each through
 * Target.sendMessageToTarget. Used by scripts/tab-memory.ts (heap sizes) and
 * scripts/playback-profile.ts (CPU profiles).
 */
import type { CDPSession } from '@playwright/test';

export class PageWorkers {
  /** sessionId -> the worker's name (or its script's URL). */
  readonly sessions = new Map<string, string>();
  private nextId = 1;
  private readonly waiting = new Map<number, (result: unknown) => void>();

  private constructor(private readonly page: CDPSession) {}

  /** Attach before the page starts the workers it should see. */
  static async attach(page: CDPSession): Promise<PageWorkers> {
    const w = new PageWorkers(page);
    page.on('Target.attachedToTarget', (e) => {
      if (e.targetInfo.type === 'worker') w.sessions.set(e.sessionId, e.targetInfo.title || e.targetInfo.url);
    });
    page.on('Target.detachedFromTarget', (e) => void w.sessions.delete(e.sessionId ?? ''));
    page.on('Target.receivedMessageFromTarget', (e) => {
      const reply = JSON.parse(e.message) as { id?: number; result?: unknown };
      if (reply.id !== undefined) w.waiting.get(reply.id)?.(reply.result ?? null);
    });
    await page.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    return w;
  }

  /** Sends one CDP command to a worker; null when it does not answer within `limitMs` (a worker busy in a long task answers late). */
  ask(sessionId: string, method: string, limitMs = 1000): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        resolve(null);
      }, limitMs);
      this.waiting.set(id, (r) => {
        clearTimeout(timer);
        this.waiting.delete(id);
        resolve(r);
      });
      this.page.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) }).catch(() => resolve(null));
    });
  }
}
