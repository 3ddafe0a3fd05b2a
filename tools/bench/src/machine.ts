import { cpus, loadavg } from 'node:os';

/** The machine's load averages (1, 5 and 15 min): what else ran on its cores while a figure was taken. */
export const loadAverage = (): string =>
  loadavg()
    .map((load) => load.toFixed(2))
    .join(' / ');

/** The machine a bench ran on, for the notes under its figures. */
export const machineNote = (loadBefore: string): string =>
  `${cpus().length} cores; load average (1 / 5 / 15 min) ${loadBefore} before, ${loadAverage()} after.`;
