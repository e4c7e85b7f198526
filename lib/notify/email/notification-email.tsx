import { Heading, Hr, Link, Section, Text } from "@react-email/components";
import type { NotificationText } from "../texts";
import { EMAIL_SMALL_PRINT, EmailButton, EmailLayout } from "./email-layout";

export interface NotificationEmailProps {
  lang: string;
  greeting: string;
  business: string;
  text: NotificationText;
  actionUrl: string;
  footer: string;
  unsubscribeLabel: string;
  unsubscribeUrl: string;
  settingsLabel: string;
  settingsUrl: string;
}

/** One notification as an email: what happened, what to do (one button), then the list it refers to. */
export function NotificationEmail(props: NotificationEmailProps) {
  const { text } = props;
  return (
    <EmailLayout lang={props.lang} preview={text.title}>
      <Text style={EMAIL_SMALL_PRINT}>{props.business}</Text>
      <Heading as="h1" style={{ fontSize: "20px" }}>
        {text.title}
      </Heading>
      <Text>{props.greeting}</Text>
      <Text>{text.body}</Text>
      {text.lines.length > 0 && (
        <Section>
          {text.lines.map((line, i) => (
            <Text key={i} style={{ margin: "0 0 12px" }}>
              <strong>{line.text}</strong>
              {line.detail && (
                <>
                  <br />
                  {line.detail}
                </>
              )}
            </Text>
          ))}
          {text.more && <Text>{text.more}</Text>}
        </Section>
      )}
      <EmailButton href={props.actionUrl} color="#15803d">
        {text.action}
      </EmailButton>
      <Hr />
      <Text style={EMAIL_SMALL_PRINT}>{props.footer}</Text>
      <Text style={{ fontSize: "12px" }}>
        <Link href={props.unsubscribeUrl}>{props.unsubscribeLabel}</Link> · <Link href={props.settingsUrl}>{props.settingsLabel}</Link>
      </Text>
    </EmailLayout>
  );
}
