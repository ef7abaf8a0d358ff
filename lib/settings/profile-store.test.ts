import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { privacyItem, profileItem } from './items';
import { saveProfile } from './profile-store';
import { readPrivacy, readProfile } from './schemas';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('saveProfile', () => {
  const profile = { name: 'Priya Raman', email: 'priya@northwind.example', companyDomain: 'northwind.example' };

  it('stores the profile and puts the company domain on the never-log list once', async () => {
    await privacyItem.setValue({ neverLog: ['me@home.net'], defaultVisibility: 'private', threadCapture: 'subject' });
    await saveProfile(profile);
    await saveProfile(profile);
    expect(await readProfile()).toEqual(profile);
    expect(await readPrivacy()).toEqual({ neverLog: ['me@home.net', 'northwind.example'], defaultVisibility: 'private', threadCapture: 'subject' });
  });

  it('reads privacy settings saved before the thread setting existed with the excerpt default', async () => {
    await fakeBrowser.storage.sync.set({ privacy: { neverLog: [], defaultVisibility: 'team' } });
    await saveProfile(profile);
    expect(await readPrivacy()).toEqual({ neverLog: ['northwind.example'], defaultVisibility: 'team', threadCapture: 'excerpt' });
    expect(await profileItem.getValue()).toEqual(profile);
  });
});
