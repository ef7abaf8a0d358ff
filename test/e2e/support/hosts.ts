/**
 * Sites the pre-granted build may read from install on, standing in for the rep's "Let
 * Sidenote read …" and the browser's prompt, which headless Chromium cannot answer. Only
 * allowed-site.e2e.test.ts installs that build; www.globex.cn is left out on purpose, as a
 * site that is not allowed.
 */
export const E2E_GRANTED_HOSTS = ['*://www.acme-robotics.com/*', '*://mail.google.com/*'];
