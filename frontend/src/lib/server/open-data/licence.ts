// The licence and publisher of the open data, as editors set them in the CMS (single type "Offene Daten"), read
// through the public gateway like everything else. If the CMS cannot say, the platform's default applies: the
// exports are never served without a licence.
import { graphql } from '$lib/graphql';
import type { Api } from '../api';

export interface OpenDataLicence {
  name: string;
  /** An identifier of the DCAT-AP.de licence vocabulary (http://dcat-ap.de/def/licenses/…), e.g. `dl-by-de/2.0`. */
  id: string;
  url: string;
  attribution: string;
  publisher: { name: string; url: string | null; email: string | null };
  /** GovData's id of the data provider (dcatde:contributorID), once one is assigned. */
  contributorId: string | null;
  updatedAt: string | null;
}

export const DEFAULT_LICENCE: OpenDataLicence = {
  name: 'Datenlizenz Deutschland – Namensnennung – 2.0',
  id: 'dl-by-de/2.0',
  url: 'https://www.govdata.de/dl-de/by-2-0',
  attribution: 'Stadtnetz Integration',
  publisher: { name: 'Stadtnetz Integration', url: null, email: null },
  contributorId: null,
  updatedAt: null,
};

/** The DCAT-AP.de licence URI of an identifier such as `dl-by-de/2.0`. */
export const licenceUri = (id: string) =>
  /^https?:\/\//.test(id) ? id : `http://dcat-ap.de/def/licenses/${id}`;

const OpenData = graphql(`
  query OpenDataLicence {
    openData {
      licenceName
      licenceId
      licenceUrl
      attribution
      publisherName
      publisherUrl
      contactEmail
      contributorId
      updatedAt
    }
  }
`);

export async function openDataLicence(api: Api): Promise<OpenDataLicence> {
  const { data, errors } = await api.run(OpenData, {});
  const entry = data?.openData;
  if (!entry) {
    if (errors.length > 0) console.error(`open data licence unavailable: ${errors[0]!.message}`);
    return DEFAULT_LICENCE;
  }
  return {
    name: entry.licenceName,
    id: entry.licenceId,
    url: entry.licenceUrl,
    attribution: entry.attribution,
    publisher: {
      name: entry.publisherName,
      url: entry.publisherUrl ?? null,
      email: entry.contactEmail ?? null,
    },
    contributorId: entry.contributorId ?? null,
    updatedAt: entry.updatedAt ?? null,
  };
}
