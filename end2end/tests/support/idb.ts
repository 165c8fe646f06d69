// Reading (and, for fixtures, writing) the signed-in user's IndexedDB from the page.
import { Page } from "@playwright/test";

export interface LocalState {
  /** Follow-ups (not the templates, units and runs a butler also receives). */
  records: number;
  outboxSeqs: number[];
  /** The kinds of record held (follow_up, unit, arrears, …). */
  kinds: string[];
  meta: { next_seq?: number; cursor?: number; first_sync?: boolean } | null;
}

export async function localState(page: Page): Promise<LocalState> {
  return page.evaluate(async () => {
    const user = JSON.parse(localStorage.getItem("butler.user") ?? "null");
    const db: IDBDatabase = await new Promise((ok, err) => {
      const r = indexedDB.open(`butler-${user.id}`);
      r.onsuccess = () => ok(r.result);
      r.onerror = () => err(r.error);
    });
    const get = <T>(store: string, fn: (s: IDBObjectStore) => IDBRequest): Promise<T> =>
      new Promise((ok, err) => {
        const r = fn(db.transaction(store).objectStore(store));
        r.onsuccess = () => ok(r.result as T);
        r.onerror = () => err(r.error);
      });
    const all = await get<string[]>("records", (s) => s.getAll());
    // Follow-ups: tagged, or bare as version 1 stored them.
    const records = all.filter((r) => r.startsWith('{"kind":"follow_up"') || !r.startsWith('{"kind":')).length;
    const outbox = await get<string[]>("outbox", (s) => s.getAll());
    const meta = await get<string | undefined>("meta", (s) => s.get("meta"));
    db.close();
    const kinds = [...new Set(all.map((r) => (r.startsWith('{"kind":"') ? r.slice(9, r.indexOf('"', 9)) : "follow_up")))];
    return {
      records,
      kinds,
      outboxSeqs: outbox.map((m) => JSON.parse(m).seq),
      meta: meta ? JSON.parse(meta) : null,
    };
  });
}

/** Puts an outbox entry exactly as given (an old build's format) and moves next_seq past it. */
export async function putOutboxEntry(page: Page, entryJson: string, seq: number): Promise<void> {
  await page.evaluate(
    async ({ entryJson, seq }) => {
      const user = JSON.parse(localStorage.getItem("butler.user") ?? "null");
      const db: IDBDatabase = await new Promise((ok, err) => {
        const r = indexedDB.open(`butler-${user.id}`);
        r.onsuccess = () => ok(r.result);
        r.onerror = () => err(r.error);
      });
      const tx = db.transaction(["outbox", "meta"], "readwrite");
      const metaReq = tx.objectStore("meta").get("meta");
      await new Promise((ok) => (metaReq.onsuccess = ok));
      const meta = metaReq.result ? JSON.parse(metaReq.result) : { next_seq: 1, cursor: 0 };
      meta.next_seq = Math.max(meta.next_seq ?? 1, seq + 1);
      tx.objectStore("outbox").put(entryJson, seq);
      tx.objectStore("meta").put(JSON.stringify(meta), "meta");
      await new Promise((ok, err) => {
        tx.oncomplete = ok;
        tx.onerror = () => err(tx.error);
      });
      db.close();
    },
    { entryJson, seq },
  );
}
