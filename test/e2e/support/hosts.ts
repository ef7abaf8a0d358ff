/**
 * Sites the end-to-end build may read from install on, standing in for the rep's one-time
 * "allow this site" click. www.globex.cn is left out on purpose: it shows what the sidebar
 * does without access (address and title only, and an offer to allow the site).
 */
export const E2E_GRANTED_HOSTS = ['*://www.acme-robotics.com/*', '*://mail.google.com/*'];
