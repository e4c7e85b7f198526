import { render } from "@react-email/components";
import type { SendMailOptions } from "nodemailer";
import { env } from "@/lib/env";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { actionPath, type NotificationKind } from "../kinds";
import { describeNotification, notifyTranslator } from "../texts";
import { NotificationEmail } from "./notification-email";
import { unsubscribeUrl } from "./unsubscribe-token";

export interface EmailRecipient {
  userId: string;
  email: string;
  name: string | null;
  locale: string;
  role: string;
}

export interface EmailNotification {
  kind: NotificationKind;
  params: unknown;
  business: { legalName: string; merchantId: string; timezone: string };
}

/**
 * One notification for one recipient, in their language: HTML from the React template, the plain
 * text alternative from the same render, and the List-Unsubscribe headers (RFC 8058 one-click)
 * pointing at the signed link that turns this kind of email off.
 */
export async function composeNotificationEmail(notification: EmailNotification, recipient: EmailRecipient): Promise<SendMailOptions> {
  const locale: Locale = isLocale(recipient.locale) ? recipient.locale : "en";
  const t = await notifyTranslator(locale);
  const text = describeNotification(t, notification, { locale, timeZone: notification.business.timezone });
  const appUrl = env().APP_URL;
  const unsubscribe = unsubscribeUrl(recipient.userId, notification.kind, appUrl);
  const business = t("notify.email.business", { business: notification.business.legalName, merchantId: notification.business.merchantId });
  const element = (
    <NotificationEmail
      lang={locale}
      greeting={recipient.name ? t("notify.email.greeting", { name: recipient.name }) : t("notify.email.greetingNoName")}
      business={business}
      text={text}
      actionUrl={new URL(actionPath(notification.business.merchantId, notification.kind), appUrl).toString()}
      footer={t("notify.email.footer", { role: recipient.role, business: notification.business.legalName, processor: env().PROCESSOR_NAME })}
      unsubscribeLabel={t("notify.email.unsubscribe", { kind: t(`notify.kinds.${notification.kind}.label`) })}
      unsubscribeUrl={unsubscribe}
      settingsLabel={t("notify.email.settings")}
      settingsUrl={new URL(`/b/${encodeURIComponent(notification.business.merchantId)}/settings`, appUrl).toString()}
    />
  );
  return {
    from: env().MAIL_FROM,
    to: recipient.name ? { name: recipient.name, address: recipient.email } : recipient.email,
    subject: `${text.title} · ${notification.business.legalName}`,
    html: await render(element),
    text: await render(element, { plainText: true }),
    headers: { "Content-Language": locale, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    list: { unsubscribe: { url: unsubscribe, comment: "one-click" } },
  };
}
