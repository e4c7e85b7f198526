import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { invitations, memberships, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { normalizeEmail } from "@/lib/auth/email";
import { hashPassword } from "@/lib/auth/password";
import type { Locale } from "@/lib/i18n/locales";

/**
 * Accountant invitations: the owner invites an email to one business as accountant; the invitee
 * opens `/invite/<token>` (single use, 7 days) and creates an account with a password or accepts
 * with the account of that email they already have. Revoking removes access at once (the
 * membership goes; every page checks membership). Every step is audited.
 *
 * `createInvitation` is the one place an invitation is produced: it returns the link path, which
 * the owner copies; invitation-delivery.ts emails the same link to the invitee in `locale`.
 */
const INVITATION_TTL_DAYS = 7;
const INVITATION_ACTIONS = {
  created: "invitation.created",
  accepted: "invitation.accepted",
  revoked: "invitation.revoked",
} as const;

type Invitation = typeof invitations.$inferSelect;
type InvitationState = "pending" | "accepted" | "expired" | "revoked";

function invitationPath(token: string): string {
  return `/invite/${token}`;
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

function stateOf(invitation: Pick<Invitation, "acceptedAt" | "revokedAt" | "expiresAt">, now: Date): InvitationState {
  if (invitation.revokedAt) return "revoked";
  if (invitation.acceptedAt) return "accepted";
  return invitation.expiresAt.getTime() <= now.getTime() ? "expired" : "pending";
}

export interface CreatedInvitation {
  invitation: Invitation;
  /** Shown once; only its hash is stored. */
  token: string;
  /** `/invite/<token>`: prefix the portal's origin for a full link. */
  path: string;
}

export class InvitationRefusedError extends Error {
  constructor(
    readonly code: "already_member" | "not_found" | "expired" | "used" | "revoked" | "wrong_account" | "account_exists",
    message: string,
  ) {
    super(message);
  }
}

export async function createInvitation(
  db: Db,
  input: { businessId: string; email: string; locale: Locale; actorUserId: string; now?: Date },
): Promise<CreatedInvitation> {
  const now = input.now ?? new Date();
  const email = normalizeEmail(input.email);
  const token = randomBytes(32).toString("base64url");
  return db.transaction(async (tx) => {
    const [member] = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.businessId, input.businessId), eq(users.email, email)));
    if (member) throw new InvitationRefusedError("already_member", "This person already has access to this business.");
    const [invitation] = await tx
      .insert(invitations)
      .values({
        businessId: input.businessId,
        email,
        role: "accountant",
        locale: input.locale,
        tokenHash: hashToken(token),
        createdByUserId: input.actorUserId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_DAYS * 86_400_000),
      })
      .returning();
    await recordAudit(tx, {
      businessId: input.businessId,
      actorUserId: input.actorUserId,
      action: INVITATION_ACTIONS.created,
      after: { invitationId: invitation.id, email, role: "accountant", expiresAt: invitation.expiresAt.toISOString() },
    });
    return { invitation, token, path: invitationPath(token) };
  });
}

export interface ListedInvitation {
  id: string;
  email: string;
  state: InvitationState;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
}

export async function listInvitations(db: DbOrTx, businessId: string, now = new Date()): Promise<ListedInvitation[]> {
  const rows = await db.select().from(invitations).where(eq(invitations.businessId, businessId)).orderBy(desc(invitations.createdAt));
  return rows.map((r) => ({ id: r.id, email: r.email, state: stateOf(r, now), createdAt: r.createdAt, expiresAt: r.expiresAt, acceptedAt: r.acceptedAt }));
}

/** Revokes a pending or accepted invitation of the business; an accepted one loses its accountant access at once. */
export async function revokeInvitation(db: Db, input: { businessId: string; invitationId: string; actorUserId: string; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  await db.transaction(async (tx) => {
    const [invitation] = await tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.id, input.invitationId), eq(invitations.businessId, input.businessId)))
      .for("update");
    if (!invitation) throw new InvitationRefusedError("not_found", "No such invitation for this business.");
    if (invitation.revokedAt) return;
    await tx.update(invitations).set({ revokedAt: now, revokedByUserId: input.actorUserId }).where(eq(invitations.id, invitation.id));
    let removedUserId: string | null = null;
    if (invitation.acceptedByUserId) {
      // Only the access this invitation gave: an accountant membership (never an owner's).
      const removed = await tx
        .delete(memberships)
        .where(and(eq(memberships.businessId, input.businessId), eq(memberships.userId, invitation.acceptedByUserId), eq(memberships.role, "accountant")))
        .returning({ userId: memberships.userId });
      removedUserId = removed[0]?.userId ?? null;
    }
    await recordAudit(tx, {
      businessId: input.businessId,
      actorUserId: input.actorUserId,
      action: INVITATION_ACTIONS.revoked,
      before: { invitationId: invitation.id, email: invitation.email, state: stateOf(invitation, now) },
      after: { invitationId: invitation.id, revokedAt: now.toISOString(), accessRemovedFrom: removedUserId },
    });
  });
}

export interface OpenedInvitation {
  invitation: Invitation;
  businessName: string;
  merchantId: string;
  /** Whether an account with the invitation's email exists (then: sign in and accept). */
  accountExists: boolean;
}

/** The invitation behind a link, if it can still be accepted; otherwise why not. */
export async function openInvitation(db: DbOrTx, token: string, now = new Date()): Promise<OpenedInvitation> {
  const [row] = await db.execute<{ id: string }>(sql`select id from invitations where token_hash = ${hashToken(token)}`);
  if (!row) throw new InvitationRefusedError("not_found", "This invitation link is not valid.");
  const [invitation] = await db.select().from(invitations).where(eq(invitations.id, row.id));
  const state = stateOf(invitation, now);
  if (state === "revoked") throw new InvitationRefusedError("revoked", "This invitation was withdrawn.");
  if (state === "accepted") throw new InvitationRefusedError("used", "This invitation was already used.");
  if (state === "expired") throw new InvitationRefusedError("expired", "This invitation has expired.");
  const [business] = await db.execute<{ legal_name: string; merchant_id: string }>(sql`select legal_name, merchant_id from businesses where id = ${invitation.businessId}`);
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, invitation.email));
  return { invitation, businessName: business.legal_name, merchantId: business.merchant_id, accountExists: !!user };
}

/** Accepts with the signed-in account, which must have the invited email. Returns the business's merchant id. */
export async function acceptInvitation(db: Db, input: { token: string; userId: string; now?: Date }): Promise<string> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const opened = await lockOpen(tx, input.token, now);
    const [user] = await tx.select().from(users).where(eq(users.id, input.userId));
    if (!user || user.email !== opened.invitation.email) {
      throw new InvitationRefusedError("wrong_account", `This invitation is for ${opened.invitation.email}: sign in with that account.`);
    }
    await grant(tx, opened.invitation, user.id, now);
    return opened.merchantId;
  });
}

/** Creates the invitee's portal account (the invited email, a password) and accepts. Returns the merchant id. */
export async function acceptWithNewAccount(db: Db, input: { token: string; name: string; password: string; locale: Locale; now?: Date }): Promise<{ merchantId: string; email: string }> {
  const now = input.now ?? new Date();
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const opened = await lockOpen(tx, input.token, now);
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, opened.invitation.email));
    if (existing) throw new InvitationRefusedError("account_exists", "An account with this email exists: sign in to accept.");
    const [user] = await tx.insert(users).values({ email: opened.invitation.email, name: input.name, passwordHash, locale: input.locale }).returning();
    await grant(tx, opened.invitation, user.id, now);
    return { merchantId: opened.merchantId, email: user.email };
  });
}

async function lockOpen(tx: DbOrTx, token: string, now: Date): Promise<OpenedInvitation> {
  // Single use: the row is locked, so two acceptances of one link cannot both pass.
  await tx.execute(sql`select id from invitations where token_hash = ${hashToken(token)} for update`);
  return openInvitation(tx, token, now);
}

async function grant(tx: DbOrTx, invitation: Invitation, userId: string, now: Date): Promise<void> {
  const updated = await tx
    .update(invitations)
    .set({ acceptedAt: now, acceptedByUserId: userId })
    .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id });
  if (updated.length === 0) throw new InvitationRefusedError("used", "This invitation was already used.");
  await tx.insert(memberships).values({ userId, businessId: invitation.businessId, role: invitation.role }).onConflictDoNothing();
  await recordAudit(tx, {
    businessId: invitation.businessId,
    actorUserId: userId,
    action: INVITATION_ACTIONS.accepted,
    after: { invitationId: invitation.id, email: invitation.email, role: invitation.role },
  });
}
