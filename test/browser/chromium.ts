/**
 * Where Debian's Chromium is and how every browser run here starts it (the e2e suite,
 * the prompt tests and the bench share this). Never a downloaded browser.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const LAUNCH_ARGS = [
  // Running as root in a container: Chromium's sandbox needs namespaces we lack.
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // The network is closed: without these Chromium retries its own services at start.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
