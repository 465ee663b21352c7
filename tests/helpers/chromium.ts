/** Debian's Chromium, as the browser tests and `npm run check:teams` drive it (headless, loopback only). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Headless, sandbox-free (CI runs as root), and quiet: no first-run page, no background network, no updates. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
