// From an export's address to what to export: unknown parameters are a 400 and values that name nothing a 404,
// each with a plain German sentence (and the English one below it) — never an empty file that looks like an answer.
import type { Api } from '../api';
import type { CsvDelimiter } from './csv';
import type { Dataset, Format } from './datasets';

export class ExportRequestError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
  }
}

/** The short names in the website's addresses (`/handlungsfelder/sprache-und-bildung`). */
const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

export const DELIMITERS: Record<string, CsvDelimiter> = { komma: ',', semikolon: ';' };

export interface ExportRequest {
  where: Record<string, unknown> | undefined;
  delimiter: CsvDelimiter;
}

export async function parseExportRequest(
  api: Api,
  dataset: Dataset,
  format: Format,
  params: URLSearchParams,
): Promise<ExportRequest> {
  const allowed = [...Object.keys(dataset.filters), ...(format === 'csv' ? ['trennzeichen'] : [])];
  const where: Record<string, unknown>[] = [];
  let delimiter: CsvDelimiter = ',';
  for (const name of new Set(params.keys())) {
    if (!allowed.includes(name)) {
      const filters = Object.keys(dataset.filters);
      const csv = format === 'csv' ? ' (CSV: dazu trennzeichen)' : '';
      const csvEn = format === 'csv' ? ' (CSV: and trennzeichen)' : '';
      const hint =
        filters.length > 0 ? `Filter: ${filters.join(', ')}${csv}.` : `Diese Datei hat keine Filter${csv}.`;
      const hintEn =
        filters.length > 0
          ? `Filters: ${filters.join(', ')}${csvEn}.`
          : `This file takes no filters${csvEn}.`;
      throw new ExportRequestError(
        400,
        `Unbekannter Parameter „${name}“. ${hint}\nUnknown parameter "${name}". ${hintEn}`,
      );
    }
    const values = params.getAll(name);
    if (values.length > 1)
      throw new ExportRequestError(
        400,
        `Der Parameter „${name}“ darf nur einmal vorkommen.\nThe parameter "${name}" may appear only once.`,
      );
    const value = values[0]!;
    if (name === 'trennzeichen') {
      const chosen = DELIMITERS[value];
      if (!chosen)
        throw new ExportRequestError(
          400,
          `Trennzeichen „${value}“ gibt es nicht: komma oder semikolon.\nNo delimiter "${value}": komma or semikolon.`,
        );
      delimiter = chosen;
      continue;
    }
    const filter = dataset.filters[name]!;
    if (!SLUG.test(value))
      throw new ExportRequestError(
        400,
        `„${name}“ nimmt einen Kurznamen aus Kleinbuchstaben, Ziffern und Bindestrichen.\n"${name}" takes a short name of lower-case letters, digits and hyphens.`,
      );
    if (!(await filter.exists(api, value)))
      throw new ExportRequestError(
        404,
        `${filter.label} „${value}“ gibt es nicht.\nNo ${name === 'stadt' ? 'city' : 'field of action'} "${value}".`,
      );
    where.push(filter.where(value));
  }
  return {
    where: where.length === 0 ? undefined : where.length === 1 ? where[0] : { and: where },
    delimiter,
  };
}

export const plainText = (status: number, message: string) =>
  new Response(`${message}\n`, {
    status,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
