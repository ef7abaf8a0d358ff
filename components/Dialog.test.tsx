// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Dialog } from './Dialog';

afterEach(cleanup);

beforeAll(() => {
  // jsdom has <dialog> but not its modal methods; these do what the browser does for open/close.
  HTMLDialogElement.prototype.showModal ??= function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close ??= function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});

function Harness() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Keyboard shortcuts
      </button>
      <Dialog open={open} label="Shortcuts" onClose={() => setOpen(false)}>
        {/* eslint-disable-next-line jsx-a11y/no-autofocus -- the test dialog moves focus in, as the real ones do */}
        <button type="button" autoFocus onClick={() => setOpen(false)}>
          Close
        </button>
      </Dialog>
    </>
  );
}

describe('Dialog', () => {
  it('hands focus back to the button that opened it when it closes', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const opener = screen.getByRole('button', { name: 'Keyboard shortcuts' });
    await user.click(opener);
    const close = screen.getByRole('button', { name: 'Close' });
    close.focus();
    expect(document.activeElement).toBe(close);
    await user.click(close);
    expect(document.activeElement).toBe(opener);
  });
});
