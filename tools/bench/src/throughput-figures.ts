/** The arithmetic of the throughput bench: rates, the combined raw limit, CPU shares from /proc tick counts. */

/** Items over the seconds between two instants in milliseconds. */
export function perSecond(items: number, startMs: number, endMs: number): number {
  return items / ((endMs - startMs) / 1000);
}

/**
 * What the three engines allow together when every job goes through each of them on the same cores: each job
 * costs 1/limit of a second in each, so the combined rate is 1 / the sum of those costs.
 */
export function combinedLimit(limits: readonly number[]): number {
  return 1 / limits.reduce((sum, limit) => sum + 1 / limit, 0);
}

/** utime + stime of a process, in clock ticks, from the text of `/proc/<pid>/stat`. */
export function processTicks(stat: string): number {
  // The command name (field 2) is in parentheses and may contain spaces: fields are counted after its `)`.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 (utime) and 15 (stime) of proc(5), counted from 1; after the name, field 3 is index 0.
  return Number(fields[14 - 3]) + Number(fields[15 - 3]);
}

/** Busy and total clock ticks of all cores, from the first line of `/proc/stat`. */
export function machineTicks(stat: string): { busy: number; total: number } {
  const [user, nice, system, idle, iowait, irq, softirq, steal] = stat.split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

export interface CpuUse {
  name: string;
  /** Cores used on average over the window (1 = one core busy all the time). */
  cores: number;
  /** Its part of the CPU every measured process used together. */
  share: number;
}

/** Each process's cores and share over a window, from its tick counts at the start and the end. */
export function cpuUse(
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number>,
  seconds: number,
  ticksPerSecond: number,
): CpuUse[] {
  const used = [...after].map(([name, ticks]) => ({ name, ticks: ticks - (before.get(name) ?? ticks) }));
  const sum = used.reduce((total, { ticks }) => total + ticks, 0);
  return used.map(({ name, ticks }) => ({ name, cores: ticks / ticksPerSecond / seconds, share: sum === 0 ? 0 : ticks / sum }));
}
