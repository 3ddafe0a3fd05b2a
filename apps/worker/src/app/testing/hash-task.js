// The hash task for specs. Piscina's threads load plain JavaScript, outside jest and its TypeScript transform, so this
// file registers ts-node in the thread (the specs' compiler options, no type check) and hands Piscina the real task.
require('ts-node').register({ project: `${__dirname}/../../../tsconfig.spec.json`, transpileOnly: true });

module.exports = require('../processors/hash/hash.task');
