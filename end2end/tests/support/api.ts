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

export async function apiPull(base: string, s: Session, cursor = 0, limit = 1000) {
  const res = await fetch(`${base}/api/v1/sync/pull?cursor=${cursor}&limit=${limit}`, {
    headers: { cookie: s.cookie },
  });
  if (!res.ok) throw new Error(`pull: ${res.status}`);
  return res.json();
}
