import { QboApi } from "../api-client";

/** A client whose HTTP answers come from a table of path → JSON (what QuickBooks would send). */
export function apiAnswering(answers: Record<string, unknown>): QboApi {
  const fetchImpl = (async (input: string | URL) => {
    const url = new URL(String(input));
    const key = url.pathname.replace(/^\/v3\/company\/\d+/, "");
    if (!(key in answers)) return new Response(JSON.stringify({ Fault: { Error: [{ Message: "not found", code: "610" }] } }), { status: 400 });
    return new Response(JSON.stringify(answers[key]), { status: 200 });
  }) as typeof fetch;
  return new QboApi({ baseUrl: "https://qbo.test", realmId: "123", accessToken: async () => "token", fetchImpl });
}
