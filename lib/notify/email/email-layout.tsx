/**
 * The frame every Settlebooks email shares (notifications, accountant invitations): the page, the
 * white card, one action button and the small grey footer text, so the emails look like one product.
 */
import { Body, Button, Container, Head, Html, Preview } from "@react-email/components";
import type { CSSProperties, ReactNode } from "react";

export const EMAIL_SMALL_PRINT: CSSProperties = { color: "#64748b", fontSize: "12px" };

export function EmailLayout(props: { lang: string; preview: string; children: ReactNode }) {
  return (
    <Html lang={props.lang}>
      <Head />
      <Preview>{props.preview}</Preview>
      <Body style={{ backgroundColor: "#f1f5f9", fontFamily: "Helvetica, Arial, sans-serif", color: "#0f172a" }}>
        <Container style={{ backgroundColor: "#ffffff", padding: "24px", maxWidth: "600px" }}>{props.children}</Container>
      </Body>
    </Html>
  );
}

/** The email's one action. `color`: its background (each kind of email keeps its own). */
export function EmailButton(props: { href: string; color: string; children: ReactNode }) {
  return (
    <Button href={props.href} style={{ backgroundColor: props.color, color: "#ffffff", padding: "10px 16px", borderRadius: "4px" }}>
      {props.children}
    </Button>
  );
}
