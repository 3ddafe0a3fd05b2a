import { byFrame, byModule, frameOf, moduleOf, selfTimes, type CpuProfile } from './cpu-profile';

const frame = (id: number, functionName: string, url = '', lineNumber = 0) => ({ id, callFrame: { functionName, url, lineNumber } });

describe('cpu profile', () => {
  it('names a frame by its package, node module or app file', () => {
    expect(moduleOf('file:///work/main/node_modules/@elastic/transport/lib/Transport.js', 'request')).toBe('@elastic/transport');
    expect(moduleOf('file:///work/main/node_modules/amqplib/lib/channel.js', 'ack')).toBe('amqplib');
    expect(moduleOf('node:internal/streams/writable', 'write')).toBe('node:internal');
    expect(moduleOf('/work/main/dist/apps/worker/main.js', 'process')).toBe('dist/apps/worker/main.js');
    expect(moduleOf('', '(garbage collector)')).toBe('(garbage collector)');
    expect(frameOf('node:net', '', 9)).toBe('(anonymous) node:net:10');
  });

  it('adds up the time of the samples on top of each frame, leaving the idle loop out of the shares', () => {
    const profile: CpuProfile = {
      nodes: [
        frame(1, '(root)'),
        frame(2, '(idle)'),
        frame(3, 'ack', 'file:///x/node_modules/amqplib/lib/channel.js', 4),
        frame(4, '(garbage collector)'),
      ],
      samples: [3, 2, 3, 4, 2],
      timeDeltas: [1_000, 5_000, 2_000, 1_000, 9_000],
    };
    expect(selfTimes(profile, byFrame, 5)).toEqual([
      { name: 'ack amqplib:5', ms: 3, share: 0.75 },
      { name: '(garbage collector)', ms: 1, share: 0.25 },
    ]);
    expect(selfTimes(profile, byModule, 1)).toEqual([{ name: 'amqplib', ms: 3, share: 0.75 }]);
  });
});
