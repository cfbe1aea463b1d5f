import { DATASETS } from '$lib/server/open-data/datasets';
import { openDataLicence } from '$lib/server/open-data/licence';
import { Api } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, getClientAddress }) => {
  const licence = await openDataLicence(new Api(undefined, getClientAddress()));
  return {
    licence,
    datasets: DATASETS.map((dataset) => ({
      name: dataset.name,
      formats: [...dataset.formats],
      title: dataset.title[locals.locale],
      description: dataset.description[locals.locale],
      filters: Object.keys(dataset.filters),
      columns: [...dataset.columns],
    })),
  };
};
