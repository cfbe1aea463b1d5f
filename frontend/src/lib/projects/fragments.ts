// What a project card shows, in the visitor's language (see $lib/translation): used by every list of projects.
import { graphql } from '$lib/graphql';

export const ProjectCardFields = graphql(`
  fragment ProjectCardFields on Project {
    documentId
    title
    summary
    projectStatus
    city {
      documentId
      name
    }
    actionFields {
      name
      translation(locale: $locale) @include(if: $translate) {
        name
        fallbackFields
        fallbackLocale
      }
    }
    translation(locale: $locale) @include(if: $translate) {
      title
      summary
      fallbackFields
      fallbackLocale
    }
  }
`);
