import type { Core } from '@strapi/strapi';
import { COMPONENT_LABELS, CONTENT_TYPE_LABELS, type FieldLabels } from './field-labels';

interface Metadata {
  edit?: Record<string, unknown>;
  list?: Record<string, unknown>;
}
interface Configuration {
  settings?: Record<string, unknown>;
  metadatas?: Record<string, Metadata>;
  layouts?: Record<string, unknown>;
}
interface ConfigurationService {
  findConfiguration(model: { uid: string }): Promise<Configuration>;
  updateConfiguration(model: { uid: string }, configuration: Configuration): Promise<unknown>;
}

function withLabels(configuration: Configuration, labels: FieldLabels): Configuration | null {
  const metadatas = { ...(configuration.metadatas ?? {}) };
  let changed = false;
  for (const [field, [label, description]] of Object.entries(labels)) {
    const current = metadatas[field];
    if (!current) continue;
    const edit = { ...(current.edit ?? {}), label, description: description ?? '' };
    const list = { ...(current.list ?? {}), label };
    if (
      current.edit?.label !== label ||
      current.edit?.description !== edit.description ||
      current.list?.label !== label
    )
      changed = true;
    metadatas[field] = { ...current, edit, list };
  }
  if (!changed) return null;
  const { settings, layouts } = configuration;
  return { settings, layouts, metadatas };
}

/**
 * Puts the German labels and help texts of field-labels.ts into the content manager's view configuration, through
 * the content manager's own configuration services (what "Configure the view" in the admin saves; Strapi keeps
 * it in its core store). The labels are code: a label changed in the admin is put back on the next start — change
 * it in field-labels.ts. Runs after the content manager has synchronised its configurations (plugin bootstrap).
 */
export async function applyGermanLabels(strapi: Core.Strapi): Promise<number> {
  const contentManager = strapi.plugin('content-manager');
  const sources: [ConfigurationService, Record<string, FieldLabels>][] = [
    [contentManager.service('content-types') as ConfigurationService, CONTENT_TYPE_LABELS],
    [contentManager.service('components') as ConfigurationService, COMPONENT_LABELS],
  ];
  let updated = 0;
  for (const [service, byUid] of sources) {
    for (const [uid, labels] of Object.entries(byUid)) {
      const configuration = await service.findConfiguration({ uid });
      const next = withLabels(configuration, labels);
      if (!next) continue;
      await service.updateConfiguration({ uid }, next);
      updated += 1;
    }
  }
  return updated;
}
