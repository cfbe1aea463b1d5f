// Choices that several forms offer (cities, fields of action), cached briefly: they change rarely.
import { graphql } from '$lib/graphql';
import type { Api } from './api';

const Options = graphql(`
  query FormOptions {
    cities(sort: ["name:asc"], pagination: { pageSize: 100 }) {
      documentId
      name
    }
    actionFields(sort: ["name:asc"], pagination: { pageSize: 100 }) {
      documentId
      name
    }
  }
`);

let cached:
  | {
      at: number;
      value: {
        cities: { documentId: string; name: string }[];
        fields: { documentId: string; name: string }[];
      };
    }
  | undefined;

export async function formOptions(api: Api) {
  if (cached && Date.now() - cached.at < 60_000) return cached.value;
  const data = await api.load(Options, {});
  const value = {
    cities: data.cities.filter((c) => c !== null),
    fields: data.actionFields.filter((f) => f !== null),
  };
  cached = { at: Date.now(), value };
  return value;
}

export { SECTORS, isSector } from '$lib/members';

/** Where to go after signing in: only paths on this site. */
export function safeNext(value: string | null | undefined, fallback = '/') {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : fallback;
}
