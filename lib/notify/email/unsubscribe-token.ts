import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { env } from "@/lib/env";
import { NOTIFICATION_KINDS, type NotificationKind } from "../kinds";

/**
 * The one-click "turn this kind of email off" link: user and kind, signed with an HMAC keyed from
 * AUTH_SECRET (under its own label, so the signature is useless for anything else). No expiry: the
 * link must keep working in an old email, and all it can do is turn one kind of email off.
 */
function signature(userId: string, kind: NotificationKind, secret = env().AUTH_SECRET): string {
  return createHmac("sha256", `settlebooks-unsubscribe:${secret}`).update(`${userId}:${kind}`).digest("base64url");
}

const unsubscribeQuerySchema = z.object({
  u: z.uuid("u must be a user id"),
  k: z.enum(NOTIFICATION_KINDS, "k must be a notification kind"),
  s: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "s must be a signature"),
});

export function unsubscribeUrl(userId: string, kind: NotificationKind, appUrl = env().APP_URL): string {
  const url = new URL("/api/notifications/unsubscribe", appUrl);
  url.search = new URLSearchParams({ u: userId, k: kind, s: signature(userId, kind) }).toString();
  return url.toString();
}

/** The user and kind a link names, when its signature is ours; null otherwise. */
export function verifyUnsubscribe(query: unknown): { userId: string; kind: NotificationKind } | null {
  const parsed = unsubscribeQuerySchema.safeParse(query);
  if (!parsed.success) return null;
  const expected = Buffer.from(signature(parsed.data.u, parsed.data.k));
  const given = Buffer.from(parsed.data.s);
  return given.length === expected.length && timingSafeEqual(given, expected) ? { userId: parsed.data.u, kind: parsed.data.k } : null;
}
