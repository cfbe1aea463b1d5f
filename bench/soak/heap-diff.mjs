// Compares two V8 heap snapshots (taken with --heapsnapshot-signal; V8 collects garbage first, so each holds
// only live objects) and prints what grew, by constructor: the first question about a process whose memory
// grows.   node bench/soak/heap-diff.mjs <earlier.heapsnapshot> <later.heapsnapshot> [top=25]
import { readFileSync } from 'node:fs';

function summarise(file) {
  const { snapshot, nodes, strings } = JSON.parse(readFileSync(file, 'utf8'));
  const fields = snapshot.meta.node_fields;
  const types = snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field));
  const groups = new Map();
  let total = 0;
  for (let i = 0; i < nodes.length; i += fields.length) {
    const type = types[nodes[i + typeAt]];
    const key = type === 'object' || type === 'closure' ? `${type} ${strings[nodes[i + nameAt]]}` : type;
    const size = nodes[i + sizeAt];
    const group = groups.get(key) ?? { count: 0, bytes: 0 };
    group.count++;
    group.bytes += size;
    groups.set(key, group);
    total += size;
  }
  return { groups, total };
}

const [earlierFile, laterFile, top = '25'] = process.argv.slice(2);
if (!earlierFile || !laterFile) {
  console.error('usage: node bench/soak/heap-diff.mjs <earlier.heapsnapshot> <later.heapsnapshot> [top]');
  process.exit(2);
}
const earlier = summarise(earlierFile);
const later = summarise(laterFile);
const mb = (bytes) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const rows = [...later.groups]
  .map(([key, group]) => {
    const before = earlier.groups.get(key) ?? { count: 0, bytes: 0 };
    return { key, count: group.count - before.count, bytes: group.bytes - before.bytes, now: group.bytes };
  })
  .sort((a, b) => b.bytes - a.bytes)
  .slice(0, Number(top));
console.log(
  JSON.stringify(
    {
      liveHeapMb: { earlier: mb(earlier.total), later: mb(later.total) },
      grewMost: rows.map((row) => ({
        what: row.key,
        objects: row.count,
        mb: mb(row.bytes),
        nowMb: mb(row.now),
      })),
    },
    null,
    2,
  ),
);
