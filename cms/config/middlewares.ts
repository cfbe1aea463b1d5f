// Our guard first: it refuses unreadable bodies before any parser sees them and adds codes to error bodies.
export default [
  'global::http-guard',
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  // Documents whose fragments loop, before Strapi's depth rule follows them without end.
  'global::graphql-guard',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
