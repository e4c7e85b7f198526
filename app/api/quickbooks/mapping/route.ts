import { NextResponse } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/database";
import { env } from "@/lib/env";
import { isLocale } from "@/lib/i18n/locales";
import { withConnectionApi } from "@/lib/quickbooks/connection/connection-api";
import { ConnectionRefusedError } from "@/lib/quickbooks/connection/refusal";
import { defaultNames } from "@/lib/quickbooks/mapping/default-names";
import { mappingChoiceSchema, MAPPING_SLOTS } from "@/lib/quickbooks/mapping/mapping-choice";
import { saveMapping } from "@/lib/quickbooks/mapping/mapping-save";
import { forbidden, ownerFormPost, quickbooksUrl } from "../_shared/guard";
import { merchantIdField } from "../_shared/merchant-id";

const formSchema = mappingChoiceSchema.extend({ merchantId: merchantIdField, mode: z.enum(["setup", "edit"]) });

/**
 * Confirm (wizard) or save (Edit mapping): a new mapping version. The processor's default accounts
 * and customer are named in the owner's language. Owner only.
 */
export async function POST(request: Request) {
  const posted = await ownerFormPost(request, formSchema, "merchantId, mode and every mapping choice (bank, revenue, expense, customer, taxCode) are required.");
  if (posted instanceof NextResponse) return posted;
  const { form, owner } = posted;
  const db = getDb();
  const choice = Object.fromEntries(MAPPING_SLOTS.map((slot) => [slot, form[slot]]));
  try {
    await saveMapping(db, {
      actor: owner.actor,
      businessId: owner.businessId,
      choice: mappingChoiceSchema.parse(choice),
      mode: form.mode,
      names: defaultNames(env().PROCESSOR_NAME, isLocale(owner.locale) ? owner.locale : "en"),
      withApi: (connection, work) => withConnectionApi(db, connection, work),
    });
  } catch (error) {
    if (!(error instanceof ConnectionRefusedError)) throw error;
    if (error.code === "forbidden") return forbidden();
    if (error.code === "setup_done") return NextResponse.redirect(quickbooksUrl(request, owner.merchantId, "done"), 303);
    const back = form.mode === "setup" ? "setup" : "mapping";
    return NextResponse.redirect(quickbooksUrl(request, owner.merchantId, back, { ...choice, error: error.code, slot: error.details.slot, existingType: error.details.existingType }), 303);
  }
  return NextResponse.redirect(quickbooksUrl(request, owner.merchantId, form.mode === "setup" ? "done" : "", form.mode === "setup" ? {} : { done: "mapping_saved" }), 303);
}
