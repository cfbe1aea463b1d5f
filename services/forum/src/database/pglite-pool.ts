import { EventEmitter } from 'node:events';
import { PGlite, types, type Results } from '@electric-sql/pglite';

/**
 * A `pg.Pool` look-alike over one embedded PGlite database, for TypeORM's postgres driver.
 *
 * PGlite serves a single session. The pool therefore hands that session to one TypeORM query runner
 * at a time (a lease), so a transaction is never interleaved with statements of another request —
 * which a plain shared connection would do silently.
 */
export function createPGlitePoolClass(database: PGlite) {
  let leaseHolder: Promise<void> = Promise.resolve();

  // TypeORM listens for 'error' on a connection, so it must be an emitter.
  const client = Object.assign(new EventEmitter(), {
    async query(text: string, params?: unknown[]) {
      const result: Results =
        params && params.length > 0
          ? await database.query(text, params)
          : ((await database.exec(text)).at(-1) ?? { rows: [], fields: [] });
      // Shape the answer like node-postgres, which is what TypeORM reads.
      return {
        rows: result.rows,
        rowCount: result.rowCount ?? result.affectedRows ?? result.rows.length,
        fields: result.fields,
        command: result.command ?? commandOf(text),
      };
    },
  });

  return class PGlitePool extends EventEmitter {
    connect(callback: (error: Error | null, connection: typeof client | null, release: () => void) => void) {
      const previous = leaseHolder;
      let release!: () => void;
      leaseHolder = new Promise<void>((resolve) => (release = resolve));
      previous.then(
        () => callback(null, client, once(release)),
        (error: Error) => callback(error, null, once(release)),
      );
    }

    async query(text: string, params?: unknown[]) {
      return new Promise((resolve, reject) => {
        this.connect((error, connection, release) => {
          if (error || !connection) return reject(error);
          connection.query(text, params).then(resolve, reject).finally(release);
        });
      });
    }

    end(callback?: (error: Error | null) => void) {
      leaseHolder
        .then(() => database.close())
        .then(
          () => callback?.(null),
          (error: Error) => callback?.(error),
        );
    }
  };
}

function once(fn: () => void) {
  let done = false;
  return () => {
    if (!done) {
      done = true;
      fn();
    }
  };
}

function commandOf(text: string) {
  return /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? '';
}

/** Opens (or creates) the embedded database, parsing values the way node-postgres does. */
export async function openPGlite(dataDir: string) {
  return PGlite.create(dataDir === 'memory://' ? undefined : dataDir, {
    parsers: {
      // node-postgres returns int8 and numeric as strings; keep both drivers alike.
      [types.INT8]: (value: string) => value,
      [types.NUMERIC]: (value: string) => value,
    },
  });
}
