import type { FormError } from '$lib/errors';
import type { ResultOf } from '$lib/graphql';
import type { PostFields, ThreadFields } from '$lib/forum/fragments';

export type Post = ResultOf<typeof PostFields>;
export type Thread = ResultOf<typeof ThreadFields>;
export type Viewer = { id: string; displayName: string; role: 'MEMBER' | 'MODERATOR' | 'ADMIN' } | null;

/** What the shared thread actions return (see $lib/server/forum). */
export type ThreadActionResult = {
  form?: string;
  error?: FormError;
  values?: Record<string, string>;
  flagged?: string;
} | null;
