import { lazy, Suspense } from 'react';
import type { RepProfile } from '@/lib/schemas';
import { firstRunSkippedItem, type Identity } from '@/lib/settings/items';
import { useSetting } from './hooks/use-setting';

// Shown once per install, and its form validates with Zod: neither belongs in every panel's first paint.
const FirstRunBanner = lazy(() => import('@/components/FirstRunBanner').then((m) => ({ default: m.FirstRunBanner })));
const saveProfile = (profile: RepProfile) => import('@/lib/settings/profile-store').then((m) => m.saveProfile(profile));

/** The first-run step, shown until the rep has a server identity or a profile, or said "Not now". */
export function FirstRun({ serverIdentity, profile }: { serverIdentity: Identity | null; profile: RepProfile | null }) {
  const skipped = useSetting(firstRunSkippedItem, (s) => s.firstRunSkippedSchema, true);
  if (serverIdentity || profile || skipped) return null;
  return (
    <Suspense fallback={null}>
      <FirstRunBanner onSave={saveProfile} onSkip={() => void firstRunSkippedItem.setValue(true)} />
    </Suspense>
  );
}
