import type { Db } from "@/db/client";
import { oauthStates } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { authorizationUrl } from "../oauth-client";
import { createState } from "../oauth-state";
import { assertMayManage, type Actor } from "./actor";
import { systemClock, type Clock } from "./business-day";
import { auditView, ensureConnection, isLive, lockConnection, updateConnection } from "./connection-record";
import { ConnectionRefusedError } from "./refusal";

export interface StartAuthorizationInput {
  actor: Actor;
  businessId: string;
  /** "connect" records the owner's consent first; "reauthorize" repeats OAuth for the same company. */
  purpose: "connect" | "reauthorize";
  /** AUTH_SECRET: signs the state. */
  secret: string;
  clock?: Clock;
  /** Intuit's authorize URL for a state (injectable for tests). */
  buildUrl?: (state: string) => string;
}

/**
 * Starts the OAuth round trip: a signed state bound to the user, the business and a 10-minute
 * expiry, whose nonce is stored so the callback can use it exactly once. For a first connection
 * the owner's consent to share processing data is recorded (time and user) in the same transaction.
 */
export async function startAuthorization(db: Db, input: StartAuthorizationInput): Promise<{ url: string; state: string }> {
  assertMayManage(input.actor);
  const clock = input.clock ?? systemClock;
  const now = clock();
  const { state, payload } = createState(input.secret, { userId: input.actor.userId, businessId: input.businessId, purpose: input.purpose }, now);
  await db.transaction(async (tx) => {
    await ensureConnection(tx, input.businessId);
    const connection = (await lockConnection(tx, input.businessId))!;
    if (input.purpose === "connect") {
      if (isLive(connection)) throw new ConnectionRefusedError("already_connected", "This business is already connected to QuickBooks.");
      const after = await updateConnection(tx, input.businessId, connection.id, { consentAt: now, consentByUserId: input.actor.userId });
      await recordAudit(tx, {
        businessId: input.businessId,
        actorUserId: input.actor.userId,
        action: "quickbooks.consent_given",
        before: { consentAt: connection.consentAt, consentByUserId: connection.consentByUserId },
        after: { consentAt: after.consentAt, consentByUserId: after.consentByUserId },
      });
    } else if (!isLive(connection)) {
      throw new ConnectionRefusedError("not_connected", "Only a connected business can reauthorize; connect it instead.");
    } else {
      await recordAudit(tx, {
        businessId: input.businessId,
        actorUserId: input.actor.userId,
        action: "quickbooks.reauthorization_started",
        before: auditView(connection),
        after: auditView(connection),
      });
    }
    await tx.insert(oauthStates).values({
      nonce: payload.nonce,
      businessId: input.businessId,
      userId: input.actor.userId,
      purpose: input.purpose,
      expiresAt: payload.expiresAt,
    });
  });
  return { url: (input.buildUrl ?? authorizationUrl)(state), state };
}
