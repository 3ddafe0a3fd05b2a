/**
 * How the e2e tier and the dashboard benchmark launch a browser (playwright-core's `chromium.launch`): Debian's
 * Chromium (scripts/install-deps.sh --browser installs it, `CHROMIUM` points elsewhere), headless, with the flags
 * of shared/TOOLCHAIN.md. playwright-core gives every launch a fresh temporary profile.
 */
export const chromiumLaunchOptions = () => ({
  executablePath: process.env['CHROMIUM'] ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
