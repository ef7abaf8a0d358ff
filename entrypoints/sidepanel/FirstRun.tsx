import { FirstRunBanner } from '@/components/FirstRunBanner';
import type { RepProfile } from '@/lib/schemas';
import { firstRunSkippedItem, type Identity } from '@/lib/settings/items';
import { saveProfile } from '@/lib/settings/profile-store';
import { useSetting } from './hooks/use-setting';

/** The first-run step, shown until the rep has a server identity or a profile, or said "Not now". */
export function FirstRun({ serverIdentity, profile }: { serverIdentity: Identity | null; profile: RepProfile | null }) {
  const skipped = useSetting(firstRunSkippedItem, (s) => s.firstRunSkippedSchema, true);
  if (serverIdentity || profile || skipped) return null;
  return <FirstRunBanner onSave={saveProfile} onSkip={() => void firstRunSkippedItem.setValue(true)} />;
}
