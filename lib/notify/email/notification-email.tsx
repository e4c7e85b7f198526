import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { NotificationText } from "../texts";

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
    <Html lang={props.lang}>
      <Head />
      <Preview>{text.title}</Preview>
      <Body style={{ backgroundColor: "#f1f5f9", fontFamily: "Helvetica, Arial, sans-serif", color: "#0f172a" }}>
        <Container style={{ backgroundColor: "#ffffff", padding: "24px", maxWidth: "600px" }}>
          <Text style={{ color: "#64748b", fontSize: "12px" }}>{props.business}</Text>
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
          <Button href={props.actionUrl} style={{ backgroundColor: "#15803d", color: "#ffffff", padding: "10px 16px", borderRadius: "4px" }}>
            {text.action}
          </Button>
          <Hr />
          <Text style={{ color: "#64748b", fontSize: "12px" }}>{props.footer}</Text>
          <Text style={{ fontSize: "12px" }}>
            <Link href={props.unsubscribeUrl}>{props.unsubscribeLabel}</Link> · <Link href={props.settingsUrl}>{props.settingsLabel}</Link>
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
