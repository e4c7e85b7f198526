import "server-only";
import nodemailer, { type SendMailOptions } from "nodemailer";
import { env } from "@/lib/env";

/** Hands one message to the mail server; throws when it is refused or unreachable. */
export type MailSender = (message: SendMailOptions) => Promise<void>;

let transport: ReturnType<typeof nodemailer.createTransport> | undefined;

/** nodemailer over SMTP_URL (the demo's maildev in development), one pooled transport per process. */
export const smtpSender: MailSender = async (message) => {
  // Short timeouts: a dead mail server must fail a send (to be retried later), not hold it for minutes.
  transport ??= nodemailer.createTransport({ url: env().SMTP_URL, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as never, { from: env().MAIL_FROM });
  await transport.sendMail(message);
};
