import { hostname } from 'node:os';

/** This process, as a claim records its holder. */
export function thisProcess(): { host: string; pid: number } {
  return { host: hostname(), pid: process.pid };
}

/**
 * Whether the holder of a claim is known to be gone: a process on this machine that no longer
 * exists (a crashed local run). A holder elsewhere cannot be asked: its claim runs to its expiry.
 */
export function holderGone(holder: { host: string; pid: number } | undefined): boolean {
  if (!holder || holder.host !== hostname() || holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0); // signal 0 only asks whether the process exists
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
