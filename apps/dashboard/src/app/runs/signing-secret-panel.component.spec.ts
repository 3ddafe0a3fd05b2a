import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { byTestId } from '../shared/component.testing';
import { SigningSecretPanelComponent } from './signing-secret-panel.component';

const SECRET = `whsec_${btoa('a signing secret, 24 b.')}`;

describe('SigningSecretPanelComponent', () => {
  let fixture: ComponentFixture<SigningSecretPanelComponent>;
  const ui = byTestId(() => fixture);
  const writeText = jest.fn<Promise<void>, [string]>();

  beforeEach(async () => {
    writeText.mockReset().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    fixture = TestBed.createComponent(SigningSecretPanelComponent);
    fixture.componentRef.setInput('runId', 'r-http');
    fixture.componentRef.setInput('secret', SECRET);
    await fixture.whenStable();
  });

  afterEach(() => Reflect.deleteProperty(navigator, 'clipboard'));

  it('shows the secret, that it will not be shown again, and how a receiver verifies a delivery', () => {
    expect(ui.text('signing-secret-value')).toBe(SECRET);
    const text = ui.text('signing-secret');
    expect(text).toContain('run r-http');
    expect(text).toContain('It will not be shown again.');
    expect(text).toContain('Standard Webhooks');
    expect(text).toContain('webhook-signature');
  });

  it('copies the secret to the clipboard and says so', async () => {
    await ui.click('copy-secret');
    await fixture.whenStable();
    expect(writeText).toHaveBeenCalledWith(SECRET);
    expect(ui.text('copy-secret')).toBe('Copied');
    expect(ui.text('signing-secret')).toContain('Copied to the clipboard.');
  });

  it('says to copy it by hand when the browser refuses', async () => {
    writeText.mockRejectedValue(new Error('denied'));
    await ui.click('copy-secret');
    await fixture.whenStable();
    expect(ui.text('copy-secret')).toBe('Copy secret');
    expect(ui.text('signing-secret')).toContain('select the secret above and copy it');
  });

  it('emits when dismissed', async () => {
    let dismissed = 0;
    fixture.componentInstance.dismissed.subscribe(() => dismissed++);
    await ui.click('dismiss-secret');
    expect(dismissed).toBe(1);
  });
});
