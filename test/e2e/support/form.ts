import type { Page } from 'puppeteer-core';

/** Sets a React-controlled input or select in the panel as typing would, in one step. */
export async function setField(panel: Page, selector: string, value: string): Promise<void> {
  await panel.$eval(
    selector,
    (element, next) => {
      const input = element as HTMLInputElement;
      Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), 'value')!.set!.call(input, next);
      input.dispatchEvent(new Event(input.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
    },
    value,
  );
}

/** Clicks the first button inside `scope` whose visible text includes `label`. */
export async function clickButton(panel: Page, scope: string, label: string): Promise<void> {
  await panel.$$eval(
    `${scope} button`,
    (buttons, want) => {
      const button = buttons.find((candidate) => (candidate as HTMLElement).innerText.includes(want)) as HTMLButtonElement | undefined;
      if (!button) throw new Error(`No button "${want}"`);
      button.click();
    },
    label,
  );
}

export interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** Where an element is in the panel's viewport, in CSS pixels. */
export const boxOf = (panel: Page, selector: string): Promise<Box> =>
  panel.$eval(selector, (element) => {
    const rect = element.getBoundingClientRect();
    return { top: rect.top, bottom: rect.bottom, left: rect.left, right: rect.right };
  });

export const overlaps = (a: Box, b: Box): boolean => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
