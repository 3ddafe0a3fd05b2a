const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { basename, join } = require('path');

/**
 * The webpack build of a NestJS app under `apps/<name>` (api, scheduler, worker): one bundle in
 * `dist/apps/<name>` with the `package.json` of its runtime dependencies, which the Docker image installs.
 * `additionalEntryPoints` (`{ entryName, entryPath }`, the path relative to the app) are bundled beside it as
 * `<entryName>.js`: files loaded by path at run time, such as a worker thread's task.
 */
module.exports = function nodeAppConfig(appDir, { additionalEntryPoints = [] } = {}) {
  return {
    output: {
      path: join(__dirname, '../../dist/apps', basename(appDir)),
      clean: true,
      // Each bundle's exports become its module.exports, so that a file loaded by path hands over what it defines
      // (Piscina calls the task's default export). Set here: the plugin's libraryTarget comes too late to apply.
      library: { type: 'commonjs2' },
      ...(process.env.NODE_ENV !== 'production' && {
        devtoolModuleFilenameTemplate: '[absolute-resource-path]',
      }),
    },
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: './src/main.ts',
        additionalEntryPoints,
        tsConfig: './tsconfig.app.json',
        optimization: false,
        outputHashing: 'none',
        generatePackageJson: true,
        sourceMap: true,
      }),
    ],
  };
};
