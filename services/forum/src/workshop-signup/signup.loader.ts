import DataLoader from 'dataloader';
import type { Viewer } from '../context.js';
import type { SignupService } from './signup.service.js';
import type { WorkshopSettingsSource } from './workshop-settings.js';

export function createSignupLoaders(
  signups: SignupService,
  settingsSource: WorkshopSettingsSource,
  viewer: Viewer | null,
) {
  return {
    workshopSettings: new DataLoader((ids: readonly string[]) => settingsSource.loadMany(ids)),
    signupCounts: new DataLoader(async (ids: readonly string[]) => {
      const counts = await signups.counts(ids);
      return ids.map((id) => counts.get(id)!);
    }),
    mySignups: new DataLoader(async (ids: readonly string[]) => {
      if (!viewer) return ids.map(() => null);
      const mine = await signups.mine(viewer.id, ids);
      return ids.map((id) => mine.get(id) ?? null);
    }),
  };
}
