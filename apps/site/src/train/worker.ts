/// <reference lib="webworker" />
import type { FromWorker, ToWorker } from './protocol.js';
import { createSession, type Session } from './session.js';

/** The training worker: owns one Session; plays by taking `stepsPerFrame` steps per frame. */
const ctx = self as unknown as DedicatedWorkerGlobalScope;
let session: Session | null = null;
let playing = false;
let timer: ReturnType<typeof setTimeout> | undefined;
let waiting = false;

const post = (m: FromWorker): void => ctx.postMessage(m);
const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

function tick(): void {
  timer = undefined;
  if (!session || !playing) return;
  try {
    const t0 = performance.now();
    session.step(session.config.stepsPerFrame);
    post(session.frame(true, performance.now() - t0));
  } catch (err) {
    playing = false;
    post({ type: 'error', message: message(err), fatal: true });
    return;
  }
  // Back-pressure: the next frame is computed when the page acknowledges this one, so a fast
  // worker never floods the page with frames it cannot draw.
  waiting = true;
}

ctx.addEventListener('message', (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  try {
    if (m.type === 'init') {
      playing = false;
      const next = createSession(m.config, { csv: m.csv, model: m.model });
      session = next;
      post(session.frame(false));
    } else if (m.type === 'step') {
      if (!session) return;
      playing = false;
      const t0 = performance.now();
      session.step(m.steps);
      post(session.frame(false, performance.now() - t0));
    } else if (m.type === 'play') {
      playing = true;
      waiting = false;
      if (!timer) timer = setTimeout(tick, 0);
    } else if (m.type === 'ack') {
      if (playing && waiting && !timer) {
        waiting = false;
        timer = setTimeout(tick, 0);
      }
    } else if (m.type === 'pause') {
      playing = false;
    }
  } catch (err) {
    // The previous session (and what the page shows) is kept.
    post({ type: 'error', message: message(err), fatal: m.type !== 'init' });
  }
});
