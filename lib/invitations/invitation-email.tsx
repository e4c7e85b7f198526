import { Heading, Hr, Link, render, Text } from "@react-email/components";
import type { SendMailOptions } from "nodemailer";
import type { Locale } from "@/lib/i18n/locales";
import { EMAIL_SMALL_PRINT, EmailButton, EmailLayout } from "@/lib/notify/email/email-layout";
import { notifyTranslator } from "@/lib/notify/texts";

export interface InvitationEmailInput {
  to: string;
  /** The language the owner chose for the invitee. */
  locale: Locale;
  business: { legalName: string; timezone: string };
  /** Who invited: their name, or their email when they have none. */
  inviter: string;
  expiresAt: Date;
  /** The absolute single-use link (APP_URL + /invite/<token>). */
  link: string;
  processorName: string;
  from: string;
}

interface InvitationEmailProps {
  lang: string;
  preview: string;
  title: string;
  body: string;
  action: string;
  link: string;
  expires: string;
  fallback: string;
  footer: string;
}

function InvitationEmail(props: InvitationEmailProps) {
  return (
    <EmailLayout lang={props.lang} preview={props.preview}>
      <Heading as="h1" style={{ fontSize: "20px" }}>
        {props.title}
      </Heading>
      <Text>{props.body}</Text>
      <EmailButton href={props.link} color="#1d4ed8">
        {props.action}
      </EmailButton>
      <Text>{props.expires}</Text>
      <Text style={{ fontSize: "12px" }}>
        {props.fallback}
        <br />
        <Link href={props.link}>{props.link}</Link>
      </Text>
      <Hr />
      <Text style={EMAIL_SMALL_PRINT}>{props.footer}</Text>
    </EmailLayout>
  );
}

/**
 * The accountant invitation as an email, in the language the owner chose for the invitee: the
 * business, who invited, the expiry (in the business's time zone) and the single-use link, as HTML
 * and as plain text from the same render.
 */
export async function composeInvitationEmail(input: InvitationEmailInput): Promise<SendMailOptions> {
  const translate = await notifyTranslator(input.locale);
  const t = (key: string, values?: Record<string, string>) => translate(`accountant.invitationEmail.${key}`, values);
  const expires = new Intl.DateTimeFormat(input.locale, { dateStyle: "long", timeStyle: "short", timeZone: input.business.timezone }).format(input.expiresAt);
  const values = { inviter: input.inviter, business: input.business.legalName, processor: input.processorName };
  const title = t("title", values);
  const element = (
    <InvitationEmail
      lang={input.locale}
      preview={title}
      title={title}
      body={t("body", values)}
      action={t("action")}
      link={input.link}
      expires={t("expires", { expires })}
      fallback={t("fallback")}
      footer={t("footer", values)}
    />
  );
  return {
    from: input.from,
    to: input.to,
    subject: t("subject", values),
    html: await render(element),
    text: await render(element, { plainText: true }),
    headers: { "Content-Language": input.locale },
  };
}
