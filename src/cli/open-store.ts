/** @module cli/open-store — the `--db` option shared by the service commands. */
import { createStore, resolveStoreUrl } from '../storage/create-store.js'
import type { Store } from '../storage/store.js'

/** The `--db` option of `node:util` parseArgs. */
export const dbOption = { db: { type: 'string' } } as const

/** Open the store `--db` names (else PARALLAX_DB, DATABASE_URL, ./.parallax/parallax.db) and say which, without a password. */
export async function openStore(db: string | undefined): Promise<{ store: Store; where: string }> {
  const { backend, target } = resolveStoreUrl(db)
  const where = backend === 'postgres' ? target.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:…@') : target
  return { store: await createStore(db), where }
}

/** Run `body` with the store open, closing it afterwards. */
export async function withStore<T>(db: string | undefined, body: (store: Store, where: string) => Promise<T>): Promise<T> {
  const { store, where } = await openStore(db)
  try {
    return await body(store, where)
  } finally {
    await store.close()
  }
}
