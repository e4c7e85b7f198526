import { getDb } from "@/lib/database";
import { localeFromAcceptLanguage } from "@/lib/i18n/locales";
import { notifyTranslator } from "@/lib/notify/texts";
import { unsubscribeByLink } from "@/lib/notify/unsubscribe";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function queryOf(request: Request) {
  return Object.fromEntries(new URL(request.url).searchParams);
}

/**
 * The link in every notification email: turns that kind of email off for that user (signed, so
 * nobody can do it for someone else) and answers with a confirmation page in their language. Public:
 * the reader may not be signed in on the device that opens the email.
 */
export async function GET(request: Request): Promise<Response> {
  const outcome = await unsubscribeByLink(getDb(), queryOf(request));
  const locale = outcome.ok ? outcome.locale : localeFromAcceptLanguage(request.headers.get("accept-language"));
  const t = await notifyTranslator(locale);
  const title = outcome.ok ? t("notify.unsubscribe.title") : t("notify.page.title");
  const message = outcome.ok ? t("notify.unsubscribe.done", { kind: t(`notify.kinds.${outcome.kind}.label`) }) : t("notify.unsubscribe.invalid");
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body style="font-family:Helvetica,Arial,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#0f172a">
<h1 data-testid="unsubscribe-title">${escapeHtml(title)}</h1><p data-testid="unsubscribe-message">${escapeHtml(message)}</p>
<p><a href="/signin">${escapeHtml(t("notify.unsubscribe.signIn"))}</a></p></body></html>`;
  return new Response(html, { status: outcome.ok ? 200 : 400, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}

/** RFC 8058 one-click: mail clients POST to the List-Unsubscribe URL. */
export async function POST(request: Request): Promise<Response> {
  const outcome = await unsubscribeByLink(getDb(), queryOf(request));
  return outcome.ok ? Response.json({ unsubscribed: outcome.kind }) : Response.json({ error: "This link is not valid." }, { status: 400 });
}
