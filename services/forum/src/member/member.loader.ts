import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { loadInKeyOrder } from '../common/ids.js';
import { Member } from './member.entity.js';

export function createMemberLoaders(dataSource: DataSource) {
  const members = dataSource.getRepository(Member);
  return {
    member: new DataLoader<string, Member | null>((ids) =>
      loadInKeyOrder(ids, (valid) => members.findBy({ id: In(valid) })),
    ),
    /** Members per CMS city, for `City.members` (first page, ordered by name). */
    cityMembers: new DataLoader<{ cityId: string; first: number }, Member[], string>(
      async (keys) => {
        const first = Math.max(...keys.map((key) => key.first));
        const rows: { city_id: string; id: string }[] = await dataSource.query(
          `SELECT k.city_id, m.id
             FROM unnest($1::text[]) AS k(city_id)
             CROSS JOIN LATERAL (
               SELECT id FROM member WHERE member.city_id = k.city_id ORDER BY display_name, id LIMIT $2
             ) m`,
          [[...new Set(keys.map((key) => key.cityId))], first],
        );
        const loaded = await members.findBy({ id: In(rows.map((row) => row.id)) });
        const byId = new Map(loaded.map((member) => [member.id, member]));
        return keys.map((key) =>
          rows
            .filter((row) => row.city_id === key.cityId)
            .slice(0, key.first)
            .map((row) => byId.get(row.id))
            .filter((member): member is Member => member !== undefined),
        );
      },
      { cacheKeyFn: (key) => `${key.cityId}:${key.first}` },
    ),
    cityMemberCount: new DataLoader<string, number>(async (cityIds) => {
      const rows: { city_id: string; count: string }[] = await dataSource.query(
        'SELECT city_id, count(*) AS count FROM member WHERE city_id = ANY($1::text[]) GROUP BY city_id',
        [[...cityIds]],
      );
      const counts = new Map(rows.map((row) => [row.city_id, Number(row.count)]));
      return cityIds.map((id) => counts.get(id) ?? 0);
    }),
  };
}
