import { randomBytes, randomUUID, scryptSync, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { SandboxState, SandboxUser } from "./state";

export const newUserSchema = z.object({
  email: z.email({ error: "email must be an e-mail address" }).transform((e) => e.toLowerCase()),
  password: z.string().min(1, "password must not be empty").max(200),
  name: z.string().trim().min(1).max(100).optional(),
});
export type NewUser = z.input<typeof newUserSchema>;

export class UserExistsError extends Error {}

function hashPassword(password: string, salt: string): string {
  // Low scrypt cost: these are throw-away sandbox accounts, and sign-in must stay fast in tests.
  return scryptSync(password, salt, 32, { N: 1024 }).toString("base64");
}

export function findUserByEmail(state: SandboxState, email: string): SandboxUser | undefined {
  const wanted = email.trim().toLowerCase();
  return Object.values(state.users).find((u) => u.email === wanted);
}

export function createUser(state: SandboxState, input: NewUser, now: Date): SandboxUser {
  const parsed = newUserSchema.parse(input);
  if (findUserByEmail(state, parsed.email)) throw new UserExistsError(`a sandbox user with e-mail ${parsed.email} already exists`);
  const salt = randomBytes(16).toString("base64");
  const user: SandboxUser = {
    id: randomUUID(),
    email: parsed.email,
    name: parsed.name ?? parsed.email.split("@")[0],
    passwordSalt: salt,
    passwordHash: hashPassword(parsed.password, salt),
    createdAt: now.toISOString(),
  };
  state.users[user.id] = user;
  return user;
}

export function authenticateUser(state: SandboxState, email: string, password: string): SandboxUser | null {
  const user = findUserByEmail(state, email);
  if (!user) return null;
  const expected = Buffer.from(user.passwordHash, "base64");
  const actual = Buffer.from(hashPassword(password, user.passwordSalt), "base64");
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? user : null;
}

/** What the admin API and userinfo may show of a user (never the password hash). */
export function publicUser(user: SandboxUser): { id: string; email: string; name: string; createdAt: string } {
  return { id: user.id, email: user.email, name: user.name, createdAt: user.createdAt };
}
