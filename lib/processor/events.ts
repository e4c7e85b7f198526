/**
 * The processor's ingest feed: `{"events":[...]}`, one JSON object per record. These schemas are
 * the contract; every error names the event's index, its id and the field.
 */
import { z } from "zod";
import { localeOfLanguageTag } from "@/lib/i18n/locales";
import { eventError, IngestError } from "./errors";
import { forEachYielding } from "./event-loop";
import { isRegionOf } from "./regions";
import { isValidDate, isValidTimeZone } from "./timezone";

const EVENT_TYPES = ["business", "transaction", "fee", "deposit"] as const;
const TRANSACTION_KINDS = ["sale", "refund", "chargeback", "chargeback_reversal"] as const;
const CARD_BRANDS = ["visa", "mastercard", "amex", "discover", "interac", "jcb", "unionpay", "other"] as const;
const FEE_KINDS = ["processing", "service", "chargeback", "monthly"] as const;
const CURRENCIES = ["CAD", "USD"] as const;
const COUNTRIES = ["CA", "US"] as const;

/** The most events one request may carry (a 5 MB body holds about 20,000). */
const MAX_EVENTS_PER_BATCH = 50_000;

export type TransactionKind = (typeof TRANSACTION_KINDS)[number];
export type CardBrand = (typeof CARD_BRANDS)[number];

/** Kinds that undo or redo money of an earlier transaction, and the kind that earlier one must be. */
export const ORIGINAL_KIND: Record<Exclude<TransactionKind, "sale">, TransactionKind> = {
  refund: "sale",
  chargeback: "sale",
  // A reversal returns the money a chargeback withdrew: it points at that chargeback.
  chargeback_reversal: "chargeback",
};

const oneOf = (values: readonly string[]) => values.join(", ");

const enumOf = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, {
    error: (issue) =>
      issue.input === undefined ? "is required" : `unknown ${what} ${JSON.stringify(issue.input)}; expected one of ${oneOf(values)}`,
  });

const processorId = z
  .string({ error: (i) => (i.input === undefined ? "is required" : "must be a string") })
  .min(1, { error: "must not be empty" })
  .max(128, { error: "must be at most 128 characters" })
  .regex(/^[\x21-\x7e]+$/, { error: "must be printable ASCII without spaces" });

const numberError = (i: { input?: unknown }) => (i.input === undefined ? "is required" : "must be a number of minor units");

/** Transaction and fee amounts: integer minor units, always positive; the kind gives the direction. */
const positiveAmount = z
  .number({ error: numberError })
  .int({ error: "must be an integer number of minor units (safe integer, no decimals)" })
  .positive({ error: "must be positive (the kind gives the direction)" });

/** Tax and tip parts of a transaction: zero allowed. */
const partAmount = z
  .number({ error: numberError })
  .int({ error: "must be an integer number of minor units (safe integer, no decimals)" })
  .nonnegative({ error: "must not be negative" });

/**
 * A deposit's amountMinor is the SIGNED net of what it settles. It may be zero, and it is negative
 * when refunds, chargebacks and fees exceed the sales of the period: the processor then debits the
 * merchant's bank by that amount instead of paying it.
 */
const signedAmount = z.number({ error: numberError }).int({ error: "must be an integer number of minor units (safe integer, no decimals)" });

const currency = enumOf(CURRENCIES, "currency");

const timestamp = z
  .string({ error: (i) => (i.input === undefined ? "is required" : "must be a string") })
  .pipe(z.iso.datetime({ offset: true, error: "must be an ISO 8601 timestamp with an offset, e.g. 2026-11-20T15:04:05-05:00" }));

const fourDigits = z
  .string({ error: (i) => (i.input === undefined ? "is required" : "must be a string of 4 digits") })
  .regex(/^\d{4}$/, { error: "must be exactly 4 digits" });

const businessEventSchema = z
  .object({
    type: z.literal("business"),
    id: processorId,
    legalName: z.string({ error: "is required" }).trim().min(1, { error: "must not be empty" }).max(200, { error: "must be at most 200 characters" }),
    country: enumOf(COUNTRIES, "country"),
    region: z.string({ error: "is required" }),
    currency,
    timezone: z.string({ error: "is required" }).refine(isValidTimeZone, { error: "must be an IANA time zone, e.g. America/Toronto" }),
    // Stored and compared lower-cased and trimmed, like every email (lib/auth/email).
    ownerEmail: z
      .string({ error: "is required" })
      .trim()
      .toLowerCase()
      .pipe(z.email({ error: "must be an email address" }).max(254, { error: "must be at most 254 characters" })),
    // Any BCP 47 tag of a portal language: en-* → English, fr-* → Canadian French.
    locale: z
      .string({ error: "must be a string" })
      .transform((tag, ctx) => {
        const locale = localeOfLanguageTag(tag);
        if (!locale) {
          ctx.addIssue({
            code: "custom",
            message: `unsupported language tag ${JSON.stringify(tag)}; expected a BCP 47 tag of English or French (en, en-CA, fr, fr-CA…)`,
          });
          return z.NEVER;
        }
        return locale;
      })
      .optional(),
  })
  .superRefine((event, ctx) => {
    // A US merchant account settles in US dollars; CAD there is a feed error, not a business.
    if (event.country === "US" && event.currency === "CAD") {
      ctx.addIssue({ code: "custom", path: ["currency"], message: "a US business settles in USD, not CAD" });
    }
    if (!isRegionOf(event.country, event.region)) {
      ctx.addIssue({
        code: "custom",
        path: ["region"],
        message: `${JSON.stringify(event.region)} is not a ${event.country === "CA" ? "Canadian province or territory" : "US state or DC"} code`,
      });
    }
  });

const transactionEventSchema = z
  .object({
    type: z.literal("transaction"),
    id: processorId,
    merchantId: processorId,
    kind: enumOf(TRANSACTION_KINDS, "kind"),
    amountMinor: positiveAmount,
    currency,
    occurredAt: timestamp,
    cardBrand: enumOf(CARD_BRANDS, "card brand"),
    last4: fourDigits,
    originalTransactionId: processorId.optional(),
    taxMinor: partAmount.optional(),
    tipMinor: partAmount.optional(),
  })
  .superRefine((event, ctx) => {
    if (event.kind === "sale" && event.originalTransactionId !== undefined) {
      ctx.addIssue({ code: "custom", path: ["originalTransactionId"], message: "must not be set on a sale" });
    }
    if (event.kind !== "sale" && event.originalTransactionId === undefined) {
      ctx.addIssue({ code: "custom", path: ["originalTransactionId"], message: `is required for a ${event.kind}` });
    }
    if ((event.taxMinor ?? 0) + (event.tipMinor ?? 0) > event.amountMinor) {
      ctx.addIssue({ code: "custom", path: ["taxMinor"], message: "tax plus tip exceeds the amount" });
    }
  });

const feeEventSchema = z.object({
  type: z.literal("fee"),
  id: processorId,
  merchantId: processorId,
  kind: enumOf(FEE_KINDS, "kind"),
  amountMinor: positiveAmount,
  currency,
  occurredAt: timestamp,
  transactionId: processorId.optional(),
});

const depositEventSchema = z
  .object({
    type: z.literal("deposit"),
    id: processorId,
    merchantId: processorId,
    depositDate: z.string({ error: "is required" }).refine(isValidDate, { error: "must be a date in YYYY-MM-DD form" }),
    amountMinor: signedAmount,
    currency,
    bankLast4: fourDigits,
    transactionIds: z.array(processorId, { error: "must be an array of transaction ids" }).default([]),
    feeIds: z.array(processorId, { error: "must be an array of fee ids" }).default([]),
  })
  .superRefine((event, ctx) => {
    if (event.transactionIds.length === 0 && event.feeIds.length === 0) {
      ctx.addIssue({ code: "custom", path: ["transactionIds"], message: "a deposit must list at least one transaction or fee" });
    }
  });

export type BusinessEvent = z.output<typeof businessEventSchema>;
export type TransactionEvent = z.output<typeof transactionEventSchema>;
export type FeeEvent = z.output<typeof feeEventSchema>;
export type DepositEvent = z.output<typeof depositEventSchema>;
export type ProcessorEvent = BusinessEvent | TransactionEvent | FeeEvent | DepositEvent;

/** What a producer (the e2e feed, a test) writes: optional lists may be left out. */
export type ProcessorEventInput =
  | z.input<typeof businessEventSchema>
  | z.input<typeof transactionEventSchema>
  | z.input<typeof feeEventSchema>
  | z.input<typeof depositEventSchema>;

const SCHEMAS = {
  business: businessEventSchema,
  transaction: transactionEventSchema,
  fee: feeEventSchema,
  deposit: depositEventSchema,
} as const;

/** C0 controls (NUL, tab, newline…), DEL and C1 controls: never part of a name, code or id. */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/** The path ("legalName", "transactionIds.2") of the first string holding a control character. */
function fieldWithControlCharacter(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === "string") return CONTROL_CHARACTER.test(value) ? path.join(".") : undefined;
  if (value === null || typeof value !== "object") return undefined;
  for (const [key, child] of Object.entries(value)) {
    const found = fieldWithControlCharacter(child, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Validates one event; throws a 400 IngestError naming its index, id and the first bad field. */
export function parseEvent(raw: unknown, index: number): ProcessorEvent {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw eventError(400, { index }, "must be a JSON object");
  }
  const record = raw as Record<string, unknown>;
  const id = typeof record.id === "string" ? record.id : undefined;
  // Checked before the schema: PostgreSQL refuses NUL in text, which would otherwise surface as a
  // 500 "try again" that the processor retries forever.
  const controlField = fieldWithControlCharacter(record);
  if (controlField !== undefined) {
    throw eventError(400, { index, id, field: controlField }, "must not contain control characters (NUL, tab, line breaks…)");
  }
  const type = record.type;
  if (typeof type !== "string" || !(type in SCHEMAS)) {
    const problem = type === undefined ? "is required" : `unknown type ${JSON.stringify(type)}; expected one of ${oneOf(EVENT_TYPES)}`;
    throw eventError(400, { index, id, field: "type" }, problem);
  }
  const parsed = SCHEMAS[type as keyof typeof SCHEMAS].safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.map(String).join(".") || "type";
    throw eventError(400, { index, id, field }, issue.message);
  }
  return parsed.data;
}

function checkBatchSize(raw: readonly unknown[]): void {
  if (raw.length > MAX_EVENTS_PER_BATCH) {
    throw new IngestError(400, `A batch holds at most ${MAX_EVENTS_PER_BATCH} events; this one has ${raw.length}`);
  }
}

/** Validates a whole batch; the first bad event rejects it. */
export function parseEvents(raw: readonly unknown[]): ProcessorEvent[] {
  checkBatchSize(raw);
  return raw.map((event, index) => parseEvent(event, index));
}

/** parseEvents for the server: the same checks, yielding to the event loop between slices. */
export async function parseEventsYielding(raw: readonly unknown[]): Promise<ProcessorEvent[]> {
  checkBatchSize(raw);
  const events: ProcessorEvent[] = [];
  await forEachYielding(raw, (event, index) => events.push(parseEvent(event, index)));
  return events;
}

/**
 * The events array of a request body `{"events":[...]}` after JSON.parse; the events themselves
 * are validated by ingestEvents.
 */
export function eventsOfBody(body: unknown): unknown[] {
  if (body === null || typeof body !== "object" || Array.isArray(body) || !Array.isArray((body as { events?: unknown }).events)) {
    throw new IngestError(400, 'The body must be a JSON object with an "events" array');
  }
  return (body as { events: unknown[] }).events;
}
