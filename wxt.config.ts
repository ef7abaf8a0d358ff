import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';

/**
 * Zod probes for `new Function` to JIT-compile parsers. Extension pages forbid eval (MV3 CSP),
 * so the probe only ever fails, and store reviewers and `web-ext lint` flag the constructor.
 * Replace it with a stand-in that throws, which Zod already handles as "no eval here".
 */
function zodWithoutEval(): Plugin {
  return {
    name: 'sidenote:zod-without-eval',
    enforce: 'pre',
    transform(code, id) {
      if (!/node_modules[\\/]zod[\\/]v4[\\/]core[\\/](util|doc|compile)\.js$/.test(id)) return null;
      return code.replaceAll('const F = Function;', 'const F = function () { throw new EvalError("Sidenote builds Zod without eval"); };');
    },
  };
}

// Auto-imports are off so every dependency is visible at the top of the file that uses it.
const E2E_GRANTED_HOSTS = (process.env.SIDENOTE_E2E_GRANTED_HOSTS ?? '').split(',').filter(Boolean);

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  imports: false,
  // Source maps only when asked (bundle analysis in `npm run bench`); shipped builds stay lean.
  vite: () => ({ plugins: [zodWithoutEval()], build: { sourcemap: process.env.SIDENOTE_SOURCEMAP === '1' } }),
  // End-to-end builds stand in for the rep's one-time "allow this site" click, which a
  // headless browser cannot answer: they pre-grant the fixture hosts and build elsewhere,
  // so the shipped build never carries them.
  outDir: E2E_GRANTED_HOSTS.length ? '.output/e2e' : '.output',
  manifest: ({ browser, manifestVersion }) => {
    const isFirefox = browser === 'firefox';
    // Least privilege; the README lists what each permission is for.
    const permissions: string[] = [
      'storage',
      'unlimitedStorage',
      'tabs',
      'activeTab',
      'scripting',
      'alarms',
      'notifications',
      'contextMenus',
      ...(isFirefox ? [] : ['sidePanel']),
    ];
    // Host access is asked for at run time, per site the rep chooses.
    const optionalHosts = ['*://*/*'];
    return {
      name: '__MSG_extName__',
      description: '__MSG_extDescription__',
      default_locale: 'en',
      permissions: manifestVersion === 2 ? [...permissions, ...E2E_GRANTED_HOSTS] : permissions,
      ...(manifestVersion === 3
        ? { optional_host_permissions: optionalHosts, ...(E2E_GRANTED_HOSTS.length ? { host_permissions: E2E_GRANTED_HOSTS } : {}) }
        : { optional_permissions: optionalHosts }),
      action: { default_title: '__MSG_actionTitle__' },
      commands: {
        // The browser delivers this shortcut as a toolbar click, so it opens the sidebar (never
        // toggles it shut) and grants activeTab like the click; _execute_sidebar_action would only toggle.
        [isFirefox ? '_execute_browser_action' : '_execute_action']: {
          suggested_key: { default: 'Alt+Shift+S' },
          description: '__MSG_commandOpenSidebar__',
        },
        'focus-composer': {
          suggested_key: { default: 'Alt+Shift+N' },
          description: '__MSG_commandFocusComposer__',
        },
        'log-call': {
          suggested_key: { default: 'Alt+Shift+L' },
          description: '__MSG_commandLogCall__',
        },
        'search-accounts': {
          suggested_key: { default: 'Alt+Shift+K' },
          description: '__MSG_commandSearch__',
        },
      },
      ...(isFirefox
        ? {
            browser_specific_settings: {
              // data_collection_permissions is read from Firefox 140 (desktop, the current ESR)
              // and 142 (Android); older minimums make web-ext lint warn that it is ignored.
              gecko: {
                id: 'sidenote@sidenote.app',
                strict_min_version: '140.0',
                data_collection_permissions: { required: ['none'] },
              },
              gecko_android: { strict_min_version: '142.0' },
            },
          }
        : {}),
    };
  },
});
