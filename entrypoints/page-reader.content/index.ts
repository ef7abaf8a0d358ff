import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import * as z from 'zod';
import { startPageReader, type PageReaderRuntime } from './reader';

/**
 * Reads the page for the sidebar. Never listed in the manifest: the sidebar injects it into
 * the active tab (`scripting.executeScript`, under activeTab) and lib/browser/host-access.ts
 * registers it for the sites a rep granted. No `matches` here on purpose: with
 * `registration: 'runtime'` WXT would add them to the manifest's host permissions.
 * Its built path is `PAGE_READER_SCRIPT_FILE` in lib/browser/host-access.ts.
 */
export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_idle',
  main(ctx) {
    // Zod probes for eval on first parse; on a page with a strict CSP that probe is reported
    // to the site (report-uri), which would tell the site Sidenote is installed.
    z.config({ jitless: true });
    const reader = startPageReader({
      window,
      runtime: browser.runtime as unknown as PageReaderRuntime,
      signal: ctx.signal,
    });
    // The injector gets the context as the script's result, without a message round trip.
    return reader.readNow();
  },
});
