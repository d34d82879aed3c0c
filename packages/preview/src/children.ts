/**
 * Every process the preview starts (the program host, the policy packs) is tracked here and started in
 * its own process group, so a signal to `palisade` ends them and whatever they started in turn (tsx's
 * esbuild service, a pack's workers). CI cancellation and container stop send SIGTERM; nothing may be
 * left running with parent PID 1.
 */
import type { ChildProcess } from "node:child_process";

const live = new Set<ChildProcess>();

/** Remembers a child until it exits. Start it with `detached: true` so it leads its own group. */
export function track<C extends ChildProcess>(child: C): C {
  live.add(child);
  child.on("exit", () => live.delete(child));
  return child;
}

/** Kills a child's whole process group (falling back to the child alone). */
export function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    child.kill("SIGKILL");
  }
}

/** Exit codes for the signals the preview handles: 128 + the signal's number, as shells report them. */
export const SIGNAL_EXIT = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;

/**
 * On SIGINT, SIGTERM or SIGHUP, kills every tracked child's group and exits with 128 + the signal number.
 */
export function endChildrenOnSignals(): void {
  for (const signal of Object.keys(SIGNAL_EXIT) as (keyof typeof SIGNAL_EXIT)[]) {
    process.once(signal, () => {
      for (const child of live) killGroup(child);
      process.stderr.write(`palisade: stopped by ${signal}\n`);
      process.exit(SIGNAL_EXIT[signal]);
    });
  }
}
