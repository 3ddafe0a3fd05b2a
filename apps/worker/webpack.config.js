// The hash pool's threads load their task by path: it is bundled as its own file, dist/apps/worker/hash.task.js.
module.exports = require('../../tools/webpack/node-app.config')(__dirname, {
  additionalEntryPoints: [{ entryName: 'hash.task', entryPath: './src/app/processors/hash/hash.task.ts' }],
});
