// Talking to the server directly from a test (seeding data, checking what arrived).
import { randomUUID } from "node:crypto";
import { DEMO_PASSWORD } from "./env";

export interface Session {
  cookie: string;
  deviceId: string;
  user: { id: string; clusters: { id: string; name: string }[] };
}

export async function apiSignIn(base: string, username: string, deviceId?: string): Promise<Session> {
  const res = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: DEMO_PASSWORD, device_id: deviceId }),
  });
  if (!res.ok) throw new Error(`sign-in ${username}: ${res.status}`);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
  const body = await res.json();
  return { cookie, deviceId: body.device_id, user: body.user };
}

/** A UUID v7 (time-ordered), as the app makes them. */
export function uuidV7(): string {
  const hex = Date.now().toString(16).padStart(12, "0");
  const rand = randomUUID().replace(/-/g, "");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${rand.slice(13, 16)}-8${rand.slice(17, 20)}-${rand.slice(20, 32)}`;
}

export function createOp(clusterId: string, title: string) {
  return {
    type: "create_follow_up",
    id: uuidV7(),
    cluster_id: clusterId,
    place: "1-1-0101",
    source: "测试",
    title,
    department: "engineering",
  };
}

/** Pushes `ops` as mutations `firstSeq`… in batches of 500. */
export async function apiPush(base: string, s: Session, ops: object[], firstSeq = 1): Promise<void> {
  for (let i = 0; i < ops.length; i += 500) {
    const mutations = ops.slice(i, i + 500).map((op, k) => ({
      id: uuidV7(),
      seq: firstSeq + i + k,
      device_time: new Date().toISOString(),
      schema_version: 1,
      app_version: "test",
      op,
    }));
    const res = await fetch(`${base}/api/v1/sync/push`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: s.cookie },
      body: JSON.stringify({ protocol: 1, device_id: s.deviceId, mutations }),
    });
    if (!res.ok) throw new Error(`push: ${res.status} ${await res.text()}`);
  }
}

/** One page of changes after `cursor`. */
export async function apiPullPage(base: string, s: Session, cursor = 0, limit = 1000) {
  const res = await fetch(`${base}/api/v1/sync/pull?cursor=${cursor}&limit=${limit}`, {
    headers: { cookie: s.cookie },
  });
  if (!res.ok) throw new Error(`pull: ${res.status}`);
  return res.json();
}

/** Every change after `cursor` (all pages; the last page's cursor and sequence). */
export async function apiPull(base: string, s: Session, cursor = 0, limit = 1000) {
  let page = await apiPullPage(base, s, cursor, limit);
  let changes = page.changes;
  while (page.has_more) {
    page = await apiPullPage(base, s, page.next_cursor, limit);
    changes = changes.concat(page.changes);
  }
  return { ...page, changes };
}

export interface TemplateItem {
  key: string;
  label: string;
  required: boolean;
  kind: { type: string };
}
export interface Template {
  id: string;
  version: number;
  version_id: string;
  name: string;
  purpose: string;
  sections: { title: string; items: TemplateItem[] }[];
}

/** The latest version of the template for a purpose, as a device pulls it. */
export async function apiTemplate(base: string, s: Session, purpose: string): Promise<Template> {
  const page = await apiPull(base, s);
  const all: Template[] = page.changes
    .filter((c: { kind: string; record?: { data: Template } }) => c.kind === "template" && c.record)
    .map((c: { record: { data: Template } }) => c.record.data)
    .filter((t: Template) => t.purpose === purpose);
  all.sort((a, b) => b.version - a.version);
  if (!all[0]) throw new Error(`no ${purpose} template`);
  return all[0];
}

/** Today in the estate (UTC+8), as YYYY-MM-DD. */
export function estateToday(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Mutations that start a round on `t` and pass every required check item but `skip`. */
export function roundOps(t: Template, clusterId: string, opts: { skip?: string[]; finish?: boolean } = {}) {
  const run = uuidV7();
  const ops: object[] = [
    { type: "start_run", id: run, template_version: t.version_id, cluster_id: clusterId, date: estateToday() },
  ];
  for (const item of t.sections.flatMap((s) => s.items)) {
    if (!item.required || opts.skip?.includes(item.key)) continue;
    ops.push({ type: "record_item", run, item: item.key, answer: { type: "pass" } });
  }
  if (opts.finish) ops.push({ type: "finish_run", run });
  return { run, ops };
}

/** A place's printed QR label, as `GET /api/v1/places/labels` gives it. */
export interface Label { place: string; cluster_id: string; name: string; code: string; short_code: string; svg: string }

/** The label sheet of 王静's cluster (东区组团), by place name (the office's view of it). */
export async function wangLabels(base: string): Promise<(name: string) => Label> {
  const office = await apiSignIn(base, "chenfang");
  const res = await fetch(`${base}/api/v1/places/labels`, { headers: { cookie: office.cookie } });
  if (!res.ok) throw new Error(`labels: ${res.status}`);
  const labels: Label[] = await res.json();
  const east = (await apiSignIn(base, "wangjing")).user.clusters[0].id;
  return (name: string) => {
    const label = labels.find((l) => l.cluster_id === east && l.name === name);
    if (!label) throw new Error(`no label for ${name}`);
    return label;
  };
}
