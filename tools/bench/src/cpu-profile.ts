/** Where a process's time went, from the `.cpuprofile` that `node --cpu-prof` writes when it exits. */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

export interface CpuProfile {
  nodes: ProfileNode[];
  /** The node each sample found on top of the stack. */
  samples: number[];
  /** Microseconds from the sample before (from the start for the first). */
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  ms: number;
  /** Of the time the process was not idle. */
  share: number;
}

/** Nodes' own pseudo-frames: the idle loop is left out of the shares, the rest (GC, program) kept. */
const IDLE = '(idle)';

/** What a frame is by its origin: the package under node_modules, node's own code, or the file of the app. */
export function moduleOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  return url.replace(/^file:\/\//, '').replace(/^.*?\/(dist|apps|libs)\//, '$1/');
}

/** A frame as function, file and line, the file shortened to what makes it recognisable. */
export function frameOf(url: string, functionName: string, lineNumber: number): string {
  if (url === '') return functionName;
  return `${functionName || '(anonymous)'} ${moduleOf(url, functionName)}:${lineNumber + 1}`;
}

/** Self time per key (a frame, a module...), the most expensive first, at most `top` of them. */
export function selfTimes(profile: CpuProfile, key: (node: ProfileNode) => string, top: number): SelfTime[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const micros = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node || node.callFrame.functionName === IDLE) return;
    const name = key(node);
    micros.set(name, (micros.get(name) ?? 0) + profile.timeDeltas[i]);
    busy += profile.timeDeltas[i];
  });
  return [...micros]
    .map(([name, us]) => ({ name, ms: us / 1000, share: busy === 0 ? 0 : us / busy }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top);
}

export const byFrame = (node: ProfileNode) => frameOf(node.callFrame.url, node.callFrame.functionName, node.callFrame.lineNumber);
export const byModule = (node: ProfileNode) => moduleOf(node.callFrame.url, node.callFrame.functionName);
