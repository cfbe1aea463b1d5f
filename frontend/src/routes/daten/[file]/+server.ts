// /daten/projekte.csv, .json, .geojson, /daten/workshops.csv, .json, /daten/staedte.*, /daten/handlungsfelder.* —
// the open data exports (see $lib/server/open-data). Read anonymously: what the public reads, nothing of a member.
import { Api } from '$lib/server/api';
import { exportDataset } from '$lib/server/open-data/export';
import { exportFiles, liveAnswer } from '$lib/server/open-data/export-files';
import { MEDIA_TYPES, UpstreamError, datasetOf } from '$lib/server/open-data/datasets';
import { openDataLicence } from '$lib/server/open-data/licence';
import { ExportRequestError, parseExportRequest, plainText } from '$lib/server/open-data/request';
import { siteOrigin } from '$lib/server/public-gateway';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, request: httpRequest, getClientAddress }) => {
  const found = datasetOf(params.file);
  if (!found)
    return plainText(
      404,
      `Diese Datei gibt es nicht. Alle Dateien: ${siteOrigin(url)}/daten\nNo such file. All files: ${siteOrigin(url)}/daten`,
    );
  const { dataset, format } = found;
  // Anonymous, whoever asks: an export never carries a member's view of the data.
  const api = new Api(undefined, getClientAddress());
  try {
    const request = await parseExportRequest(api, dataset, format, url.searchParams);
    const licence = await openDataLicence(api);
    const build = () =>
      exportDataset(api, dataset, {
        format,
        origin: siteOrigin(url),
        licence,
        where: request.where,
        delimiter: request.delimiter,
      });
    const suffix = request.delimiter === ';' ? '-semikolon' : '';
    const filename = `${dataset.name}${suffix}.${format}`;
    // The whole table is kept as a file until the content changes; a filtered export is built each time.
    const answer = request.where
      ? liveAnswer(await build())
      : await exportFiles.answer(
          api,
          JSON.stringify([filename, siteOrigin(url), licence]),
          build,
          httpRequest.headers.get('if-none-match'),
        );
    const headers: Record<string, string> = {
      'content-type': MEDIA_TYPES[format],
      'content-disposition': `inline; filename="${filename}"`,
      'cache-control': 'public, max-age=300',
      'x-total-count': String(answer.total),
      'x-export': answer.source,
      link: `<${licence.url}>; rel="license", <${siteOrigin(url)}/daten/katalog.jsonld>; rel="describedby"; type="application/ld+json"`,
      'access-control-allow-origin': '*',
      'access-control-expose-headers': 'etag, last-modified, x-total-count',
    };
    if (answer.kept) {
      headers['etag'] = answer.kept.etag;
      headers['last-modified'] = answer.kept.readAt.toUTCString();
    }
    if (answer.notModified) return new Response(null, { status: 304, headers });
    return new Response(answer.body, { headers });
  } catch (error) {
    if (error instanceof ExportRequestError) return plainText(error.status, error.message);
    if (error instanceof UpstreamError) {
      console.error(`open data export ${params.file}: ${error.message}`);
      return plainText(
        503,
        'Die Daten sind gerade nicht erreichbar. Bitte später noch einmal versuchen.\nThe data are unavailable right now; please try again later.',
      );
    }
    throw error;
  }
};
