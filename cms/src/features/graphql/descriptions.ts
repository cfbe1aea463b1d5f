// Descriptions of Strapi's generated schema — every content type's fields, its filters, its lists and their
// arguments — for portal developers reading the API in GraphiQL or in `schema/public.graphql`. Strapi's GraphQL
// plugin builds the schema without any; like the page-size clamp (operation-limits.ts) this runs once the schema is
// built (Apollo's serverWillStart) and sets them on it, so the SDL the gateway composes carries them. A description
// written in SDL (our own typeDefs) is never replaced.
import {
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLSchema,
} from 'graphql';

/** What each content type is, by GraphQL type name (used in the generated lists' descriptions). */
const ENTRIES: Record<string, { one: string; many: string }> = {
  Project: { one: 'good-practice project', many: 'good-practice projects' },
  Workshop: { one: 'workshop of the series', many: 'workshops of the series' },
  City: { one: 'city of the network', many: 'cities of the network' },
  ActionField: { one: 'field of action (Handlungsfeld)', many: 'fields of action (Handlungsfelder)' },
  Organisation: { one: 'organisation', many: 'organisations' },
  LegalNotice: { one: 'legal notice (Impressum)', many: 'legal notices' },
  PrivacyPolicy: { one: 'privacy policy (Datenschutzerklärung)', many: 'privacy policies' },
  AccessibilityStatement: { one: 'accessibility statement (BITV 2.0)', many: 'accessibility statements' },
  EasyLanguage: { one: 'page in Leichte Sprache (easy German)', many: 'pages in Leichte Sprache' },
  OpenData: { one: 'open data licence and publisher', many: 'open data settings' },
  UploadFile: { one: 'file of the media library', many: 'files' },
  I18NLocale: { one: 'locale', many: 'locales' },
};

const MARKDOWN =
  ' Markdown, as the editors wrote it (render it yourself; the website renders it with raw HTML off).';

/** Fields of our content types and components, `Type.field`; `*.field` applies to every type with that field. */
export const FIELD_DESCRIPTIONS: Record<string, string> = {
  '*.documentId':
    'The document’s stable id: the same in every locale and across edits; the key of `project(documentId:)` and the other single lookups.',
  '*.createdAt': 'When the entry was created (ISO 8601, UTC).',
  '*.updatedAt': 'When the entry last changed (ISO 8601, UTC); for mirroring, filter `updatedAt: { gt: … }`.',
  '*.publishedAt':
    'When this version was published (ISO 8601, UTC); the public API serves published versions only.',
  '*.locale': 'The entry’s locale: `de` (the default) or `en`.',
  '*.localizations': 'The same document in its other locales (published ones only).',
  '*.localizations_connection': 'The same document in its other locales, as a connection.',
  '*.slug':
    'The short name in the website’s addresses (lower-case letters, digits and hyphens), unique per type.',
  '*.name': 'The name.',
  '*.title': 'The title.',
  '*.intro': 'The introduction above the sections (plain text; paragraphs separated by an empty line).',
  '*.sections': 'The page’s sections, in order.',
  '*.website': 'The website (an http:// or https:// address).',
  '*.city': 'The city.',
  '*.id': 'The id of this component within its entry.',

  'Project.title': 'The project’s name, as lists and search results show it.',
  'Project.summary': 'Two or three sentences for lists and search results (plain text).',
  'Project.description': `Starting point and approach.${MARKDOWN}`,
  'Project.outcomes': `What the project achieved.${MARKDOWN}`,
  'Project.transferability': `What other cities can take over.${MARKDOWN}`,
  'Project.actionFields': 'The fields of action the project works in (at least one).',
  'Project.actionFields_connection': 'The fields of action the project works in, as a connection.',
  'Project.city': 'The city the project runs in (with its coordinates: the project’s place on the map).',
  'Project.district': 'The district or neighbourhood, if the editors named one (German only).',
  'Project.leadOrganisation': 'The organisation that leads the project.',
  'Project.partners': 'Partner organisations.',
  'Project.partners_connection': 'Partner organisations, as a connection.',
  'Project.startDate': 'When the project began (YYYY-MM-DD).',
  'Project.endDate': 'When the project ended or ends (YYYY-MM-DD); empty while it runs.',
  'Project.ongoing': 'Whether the project is still running.',
  'Project.projectStatus':
    'laufend (running) or abgeschlossen (finished). (`status` is Strapi’s draft & publish.)',
  'Project.targetGroups': 'The groups the project is for.',
  'Project.funding': 'Programmes and means that fund it, in words.',
  'Project.budgetRange': 'The budget’s order of magnitude.',
  'Project.contacts': 'Contact persons, published by the editors with the project.',
  'Project.images': 'Pictures of the project.',
  'Project.images_connection': 'Pictures of the project, as a connection.',
  'Project.documents': 'Files to download (e.g. PDF).',
  'Project.documents_connection': 'Files to download, as a connection.',
  'Project.relatedProjects': 'Projects the editors linked to this one.',
  'Project.relatedProjects_connection': 'Projects the editors linked to this one, as a connection.',
  'Project.source':
    '`redaktionell` (entered by the editors) or `eingereicht` (submitted by a practitioner, reviewed).',
  'Project.demo': 'True for the demo content of a fresh installation.',
  'Project.workshops': 'Workshops that discussed this project.',

  'Workshop.number': 'The workshop’s number in the series.',
  'Workshop.title': 'The workshop’s title.',
  'Workshop.guidingQuestion': 'The question the workshop works on.',
  'Workshop.startsAt': 'When it starts (an instant, UTC; the programme’s times are Berlin time).',
  'Workshop.endsAt': 'When it ends (an instant, UTC).',
  'Workshop.venue': 'Where it takes place.',
  'Workshop.programme': 'The programme, item by item.',
  'Workshop.registration':
    'The editors’ registration settings (see also `signup` for the platform’s own registration).',
  'Workshop.documentation': `The documentation written after the workshop.${MARKDOWN}`,
  'Workshop.documentationFiles': 'Files of the documentation (slides, minutes).',
  'Workshop.documentationFiles_connection': 'Files of the documentation, as a connection.',
  'Workshop.relatedProjects': 'Projects presented or discussed.',
  'Workshop.relatedProjects_connection': 'Projects presented or discussed, as a connection.',
  'Workshop.actionFields': 'The fields of action it is about.',
  'Workshop.actionFields_connection': 'The fields of action it is about, as a connection.',

  'City.name': 'The city’s name.',
  'City.federalState': 'The federal state (Bundesland) it lies in.',
  'City.population': 'Inhabitants, as the editors entered them.',
  'City.latitude': 'Latitude of the city centre (WGS 84, decimal degrees).',
  'City.longitude': 'Longitude of the city centre (WGS 84, decimal degrees).',
  'City.projects': 'Published projects in this city (each once, in the default locale).',
  'City.projects_connection': 'Published projects in this city, as a connection.',
  'City.organisations': 'Organisations based in this city.',
  'City.organisations_connection': 'Organisations based in this city, as a connection.',

  'ActionField.name': 'The field of action’s name.',
  'ActionField.description': 'What the field of action covers (plain text).',
  'ActionField.projects': 'Projects in this field of action.',
  'ActionField.projects_connection': 'Projects in this field of action, as a connection.',
  'ActionField.workshops': 'Workshops about this field of action.',
  'ActionField.workshops_connection': 'Workshops about this field of action, as a connection.',

  'Organisation.name': 'The organisation’s name.',
  'Organisation.kind':
    'What kind of organisation: Kommune, Wissenschaft, Sozialwesen, Wohnungsunternehmen, Initiative, Stiftung, Verband.',
  'Organisation.city': 'Where it is based.',
  'Organisation.ledProjects': 'Projects it leads (each once, in the default locale).',
  'Organisation.ledProjects_connection': 'Projects it leads, as a connection.',
  'Organisation.partnerProjects': 'Projects it is a partner in.',
  'Organisation.partnerProjects_connection': 'Projects it is a partner in, as a connection.',

  'ComponentProjectContactPerson.name': 'The contact person’s name.',
  'ComponentProjectContactPerson.role': 'Their role in the project (German only).',
  'ComponentProjectContactPerson.organisation': 'Their organisation.',
  'ComponentProjectContactPerson.phone': 'Phone number, as published by the editors.',
  'ComponentProjectContactPerson.email': 'E-mail address, as published by the editors.',
  'ComponentProjectContactPerson.address': 'Postal address, as published by the editors.',
  'ComponentProjectTargetGroup.group': 'The target group.',
  'ComponentWorkshopProgrammeItem.time': 'Start time of the item, Berlin time (e.g. `10:00`).',
  'ComponentWorkshopProgrammeItem.title': 'What happens.',
  'ComponentWorkshopProgrammeItem.speakers': 'Who speaks or leads it.',
  'ComponentWorkshopRegistration.open':
    'Whether the editors opened registration (the website also closes it after the deadline).',
  'ComponentWorkshopRegistration.deadline': 'Registration closes at this instant (UTC).',
  'ComponentWorkshopRegistration.capacity': 'Places available.',
  'ComponentWorkshopRegistration.url': 'An external registration page, if the editors use one.',
  'ComponentWorkshopRegistration.opensAt': 'Registration opens at this instant (UTC); empty: open now.',
  'ComponentWorkshopRegistration.waitlist': 'Whether a full workshop takes registrations on a waiting list.',
  'ComponentWorkshopRegistration.approvalRequired': 'Whether an editor approves each registration.',
  'ComponentWorkshopRegistration.questions': 'Questions asked on registration.',
  'ComponentWorkshopRegistrationQuestion.key': 'The question’s key (answers name it).',
  'ComponentWorkshopRegistrationQuestion.label': 'The question, in German.',
  'ComponentWorkshopRegistrationQuestion.labelEn': 'The question in English (German when empty).',
  'ComponentWorkshopRegistrationQuestion.required': 'Whether an answer is required.',
  'ComponentWorkshopVenue.name': 'The venue’s name.',
  'ComponentWorkshopVenue.address': 'Street address.',
  'ComponentWorkshopVenue.city': 'The city it is in.',
  'ComponentPageSection.heading': 'The section’s heading.',
  'ComponentPageSection.body': 'The section’s text (plain text; paragraphs separated by an empty line).',

  'OpenData.licenceName': 'The licence of the open data exports, as the editors chose it.',
  'OpenData.licenceId':
    'Its identifier in DCAT-AP.de’s licence vocabulary (http://dcat-ap.de/def/licenses/…), e.g. `dl-by-de/2.0`.',
  'OpenData.licenceUrl': 'Where the licence text is.',
  'OpenData.attribution': 'How reusers should name the source.',
  'OpenData.publisherName': 'Who publishes the data (DCAT-AP.de `dcterms:publisher`).',
  'OpenData.publisherUrl': 'The publisher’s website.',
  'OpenData.contactEmail': 'A functional address for questions about the data.',
  'OpenData.contributorId':
    'GovData’s id of the data provider (DCAT-AP.de `dcatde:contributorID`), once assigned.',

  'UploadFile.name': 'The file name.',
  'UploadFile.alternativeText': 'Text alternative for images.',
  'UploadFile.caption': 'Caption.',
  'UploadFile.width': 'Width in pixels (images).',
  'UploadFile.height': 'Height in pixels (images).',
  'UploadFile.formats': 'Smaller renditions of an image (thumbnail, small, …) with their URLs and sizes.',
  'UploadFile.hash': 'The stored file’s name without extension.',
  'UploadFile.ext': 'The file extension, e.g. `.pdf`.',
  'UploadFile.mime': 'The media type, e.g. `application/pdf`.',
  'UploadFile.size': 'Size in kilobytes (1000 bytes).',
  'UploadFile.url': 'The file’s path on the CMS (`/uploads/…`); the website serves it under the same path.',
  'UploadFile.previewUrl': 'A preview image, if there is one.',
  'UploadFile.focalPoint': 'The point of an image that crops keep.',

  'I18NLocale.code': 'The locale code (`de`, `en`).',
  'I18NLocale.name': 'The locale’s name.',

  'ProjectSubmission.documentId': 'The submitted project’s documentId.',
  'ProjectSubmission.title': 'The title as submitted (or as the editors changed it).',
  'ProjectSubmission.status': 'IN_REVIEW until the editors publish it, then PUBLISHED.',
  'ProjectSubmission.submittedAt': 'When it was submitted.',
  'ProjectSubmission.publishedAt': 'When the editors published it.',
  'ProjectSearchHit.project': 'The project found.',
  'ProjectSearchResult.nodes': 'The projects of this page, best match first (the same as `hits[].project`).',
  'Query.cities': 'Published cities of the network, one page of them (default 20, at most 100).',
  'Query.cities_connection':
    'Published cities of the network, one page of them with `pageInfo` (total, page, pageSize, pageCount).',
  'Pagination.page': 'This page’s number (from 1).',
  'Pagination.pageSize': 'Entries per page.',
  'Pagination.pageCount': 'How many pages there are.',
  'Pagination.total': 'How many entries match, over all pages.',
  'PaginationArg.page': 'The page number, from 1 (with `pageSize`).',
  'PaginationArg.pageSize': 'Entries per page, 1 to 100 (default 20).',
  'PaginationArg.start': 'Skip this many entries (with `limit`).',
  'PaginationArg.limit': 'At most this many entries, 1 to 100 (with `start`).',
};

/** Operators of Strapi's scalar filter inputs (StringFilterInput, IntFilterInput, …). */
const OPERATORS: Record<string, string> = {
  and: 'All of these conditions.',
  or: 'Any of these conditions.',
  not: 'Not this condition.',
  eq: 'Equal to.',
  eqi: 'Equal to, ignoring case.',
  ne: 'Not equal to.',
  nei: 'Not equal to, ignoring case.',
  lt: 'Less than.',
  lte: 'Less than or equal to.',
  gt: 'Greater than (for dates: later than).',
  gte: 'Greater than or equal to.',
  in: 'One of these values.',
  notIn: 'None of these values.',
  contains: 'Contains this text (case-sensitive).',
  containsi: 'Contains this text, ignoring case.',
  notContains: 'Does not contain this text (case-sensitive).',
  notContainsi: 'Does not contain this text, ignoring case.',
  null: 'true: has no value; false: has a value.',
  notNull: 'true: has a value; false: has no value.',
  between: 'Between the two values given, both included.',
  startsWith: 'Starts with this text.',
  startsWithi: 'Starts with this text, ignoring case.',
  endsWith: 'Ends with this text.',
  endsWithi: 'Ends with this text, ignoring case.',
};

const ARGUMENTS: Record<string, string> = {
  filters:
    'Conditions every entry must meet (all of them; combine with `and`, `or`, `not`), e.g. `{ city: { slug: { eq: "leipzig" } } }`.',
  pagination: 'Which page: `{ page, pageSize }` (pageSize 1 to 100, default 20) or `{ start, limit }`.',
  sort: 'Sort order, one or more `field:asc|desc`, e.g. `["publishedAt:desc"]`; ties are broken by the entry id.',
  status: 'Only PUBLISHED (the default) is public; drafts are refused with FORBIDDEN.',
  hasPublishedVersion: 'Editorial tools only: refused for the public (FORBIDDEN).',
  publicationFilter: 'Editorial tools only: refused for the public (FORBIDDEN).',
  locale:
    'The locale: `de` (the default) or `en`; for English texts with German fallbacks use `translation(locale:)` instead.',
  documentId: 'The document’s id.',
  data: 'The entry’s new values.',
};

const RELATION_LIST = /^(.*)_connection$/;

function describeField(
  typeName: string,
  field: GraphQLField<unknown, unknown> | GraphQLInputField,
): string | undefined {
  const specific = FIELD_DESCRIPTIONS[`${typeName}.${field.name}`] ?? FIELD_DESCRIPTIONS[`*.${field.name}`];
  if (specific) return specific;
  // Lists and pages of lists.
  if (/(EntityResponseCollection|RelationResponseCollection)$/.test(typeName)) {
    if (field.name === 'nodes') return 'The entries of this page.';
    if (field.name === 'pageInfo')
      return 'Where this page is: its number and size, how many pages and entries there are.';
  }
  if (typeName.endsWith('Translation')) {
    const base = typeName.slice(0, -'Translation'.length);
    return `The ${ENTRIES[base]?.one ?? base}’s \`${field.name}\` in the locale asked for, or its own where that locale has none.`;
  }
  if (typeName.endsWith('FiltersInput') || typeName.endsWith('FilterInput')) {
    const operator = OPERATORS[field.name];
    if (operator) return operator;
    if (typeName.endsWith('FiltersInput')) return `Condition on \`${field.name}\`.`;
  }
  if (typeName === 'Query') {
    const entry = Object.entries(ENTRIES).find(([name]) => {
      const lower = name[0]!.toLowerCase() + name.slice(1);
      return field.name === lower || field.name === `${lower}s` || field.name === `${lower}s_connection`;
    });
    if (entry) {
      const [name, words] = entry;
      const lower = name[0]!.toLowerCase() + name.slice(1);
      if (field.name === lower)
        return 'args' in field && field.args.some((a) => a.name === 'documentId')
          ? `One published ${words.one}, by its documentId (null if there is none).`
          : `The published ${words.one}.`;
      if (field.name.endsWith('_connection'))
        return `Published ${words.many}, one page of them with \`pageInfo\` (total, page, pageSize, pageCount).`;
      return `Published ${words.many}, one page of them (default 20, at most 100).`;
    }
  }
  const relation = RELATION_LIST.exec(field.name);
  if (relation) return `\`${relation[1]}\` as a connection (its \`nodes\`).`;
  if (typeName.startsWith('Component') && typeName.endsWith('Input')) return undefined;
  return undefined;
}

function describeArgument(argument: GraphQLArgument): string | undefined {
  return ARGUMENTS[argument.name];
}

/** Sets the descriptions above on the built schema where it has none. Returns how many it set. */
export function describeSchema(schema: GraphQLSchema): number {
  let set = 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (!(isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))) continue;
    if (!type.description) {
      const entry = ENTRIES[type.name];
      if (entry) type.description = `A ${entry.one}.`;
    }
    for (const field of Object.values(type.getFields())) {
      if (!field.description) {
        const description = describeField(type.name, field);
        if (description) {
          field.description = description;
          set += 1;
        }
      }
      if ('args' in field) {
        for (const argument of field.args) {
          if (argument.description) continue;
          const description = describeArgument(argument);
          if (description) {
            argument.description = description;
            set += 1;
          }
        }
      }
    }
  }
  return set;
}
