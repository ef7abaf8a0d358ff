import type { Page } from 'puppeteer-core';

/** The visible text of the first element matching `selector` in the side panel. */
export const panelText = (panel: Page, selector: string): Promise<string> => panel.$eval(selector, (element) => (element as HTMLElement).innerText);

/** Waits until an element matching `selector` shows `expected`; on failure, says what the panel shows instead. */
export async function waitForPanelText(panel: Page, selector: string, expected: string, timeout = 30_000): Promise<void> {
  try {
    await panel.waitForFunction(
      (sel, want) => Array.from(document.querySelectorAll(sel)).some((element) => (element as HTMLElement).innerText.includes(want)),
      { timeout },
      selector,
      expected,
    );
  } catch {
    const seen = await panel.$$eval(selector, (elements) => elements.map((element) => (element as HTMLElement).innerText).join(' | ')).catch(() => '(panel gone)');
    const main = await panel.$eval('.sn-main', (element) => (element as HTMLElement).innerText).catch(() => '(panel gone)');
    throw new Error(`Waited ${timeout / 1000} s for ${selector} to show "${expected}"; it shows: ${seen || '(nothing)'}\n--- panel ---\n${main.slice(0, 1500)}`);
  }
}

/** Opens the participant picker from its one line, if it is folded. */
export async function expandPicker(panel: Page): Promise<void> {
  await panel.waitForSelector('[data-testid=picker-summary]');
  await panel.$eval('[data-testid=picker-summary]', (button) => {
    if (button.getAttribute('aria-expanded') === 'false') (button as HTMLButtonElement).click();
  });
  await panel.waitForSelector('[data-testid=picker-summary][aria-expanded=true]');
}
