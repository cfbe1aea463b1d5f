import { graphql } from '$lib/graphql';

export const PostFields = graphql(`
  fragment PostFields on Post {
    id
    cursor
    createdAt
    editedAt
    body
    bodyHtml
    removed
    hidden
    isSolution
    author {
      id
      displayName
    }
    reactions {
      kind
      count
      reactedByMe
    }
  }
`);

export const ThreadFields = graphql(`
  fragment ThreadFields on Thread {
    id
    title
    pinned
    locked
    hidden
    postCount
    followedByMe
    createdAt
    author {
      id
      displayName
    }
    category {
      id
      name
      slug
    }
    solution {
      id
    }
  }
`);
