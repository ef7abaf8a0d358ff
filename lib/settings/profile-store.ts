import type { RepProfile } from '../schemas';
import { withOwnDomain } from '../context/never-log';
import { privacyItem, profileItem } from './items';
import { readPrivacy } from './schemas';

/**
 * Stores the rep's profile and puts their company domain on the never-log list, where the
 * options page shows it (matching adds it in any case, see `withOwnDomain`).
 */
export async function saveProfile(profile: RepProfile): Promise<void> {
  const privacy = await readPrivacy();
  await profileItem.setValue(profile);
  const neverLog = withOwnDomain(privacy.neverLog, profile.companyDomain);
  if (neverLog !== privacy.neverLog) await privacyItem.setValue({ ...privacy, neverLog: [...neverLog] });
}
