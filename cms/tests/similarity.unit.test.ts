import { describe, expect, it } from 'vitest';
import { profileOf, score, SimilarityIndex } from '../src/features/read-model/similarity';

const project = (documentId: string, title: string, actionFields: string[], groups: string[] = []) =>
  profileOf({
    documentId,
    title,
    summary: '',
    actionFields: actionFields.map((id) => ({ documentId: id })),
    targetGroups: groups.map((group) => ({ group })),
  });

describe('similarity of projects', () => {
  it('weighs shared fields of action, target groups and wording', () => {
    const course = project('a', 'Sprachkurse für Eltern', ['sprache'], ['familien']);
    // Same field, same wording (stems "sprachkurs", "eltern"): 2 + 4.
    expect(score(course, project('b', 'Sprachkurs mit Eltern', ['sprache']))).toBe(6);
    // Same target group only, no shared words: 1.
    expect(score(course, project('c', 'Wohnungen im Quartier', ['wohnen'], ['familien']))).toBe(1);
    // Shared words alone do not make a project similar.
    expect(score(course, project('d', 'Sprachkurse für Eltern', ['arbeit']))).toBe(0);
  });

  it('ranks the others best first, ties by documentId, never the project itself', () => {
    const source = project('m', 'Elterncafé', ['sprache'], ['familien']);
    const index = new SimilarityIndex([
      source,
      project('z', 'Elterncafé', ['sprache']),
      project('b', 'Treff', ['sprache']),
      project('a', 'Treff', ['sprache']),
      project('x', 'Arbeit', ['arbeit']),
    ]);
    expect(index.topFor(source).map((entry) => entry.documentId)).toEqual(['z', 'a', 'b']);
    expect(index.topFor(source, 1)).toEqual([{ documentId: 'z', score: 6 }]);
  });
});
