import { z } from "zod";

/** An app registered on the Intuit developer portal: its keys, redirect URIs and webhook endpoint. */
export const appRegistrationSchema = z.object({
  clientId: z.string().min(1, "clientId must not be empty"),
  clientSecret: z.string().min(1, "clientSecret must not be empty"),
  name: z.string().min(1).optional(),
  redirectUris: z.array(z.url({ error: "each redirect URI must be an absolute URL" })).min(1, "at least one redirect URI is required"),
  webhookUrl: z.url({ error: "webhookUrl must be an absolute URL" }).optional(),
  webhookVerifier: z.string().min(1).optional(),
  /** Intuit switched webhooks to CloudEvents; the legacy eventNotifications shape stays selectable per app. */
  webhookFormat: z.enum(["cloudevents", "legacy"]).default("cloudevents"),
});

export type AppRegistration = z.input<typeof appRegistrationSchema>;
export type RegisteredApp = z.output<typeof appRegistrationSchema>;

export const appRegistrationsSchema = z.array(appRegistrationSchema);

/** The registration the local demo uses; .env.example carries the same client id and secret. */
export const DEMO_APP: RegisteredApp = {
  clientId: "settlebooks-demo-client",
  clientSecret: "settlebooks-demo-secret",
  name: "Settlebooks (demo)",
  redirectUris: ["http://localhost:3000/api/quickbooks/callback"],
  webhookUrl: "http://localhost:3000/api/quickbooks/webhooks",
  webhookVerifier: "settlebooks-demo-verifier",
  webhookFormat: "cloudevents",
};

export class AppDirectory {
  private readonly byClientId = new Map<string, RegisteredApp>();

  constructor(apps: AppRegistration[]) {
    for (const app of appRegistrationsSchema.parse(apps)) {
      if (this.byClientId.has(app.clientId)) throw new Error(`app registration ${app.clientId} is listed twice`);
      this.byClientId.set(app.clientId, app);
    }
  }

  get(clientId: string): RegisteredApp | undefined {
    return this.byClientId.get(clientId);
  }

  all(): RegisteredApp[] {
    return [...this.byClientId.values()];
  }

  displayName(clientId: string): string {
    return this.byClientId.get(clientId)?.name ?? clientId;
  }
}
