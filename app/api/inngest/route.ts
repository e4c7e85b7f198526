import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";

/** Inngest calls this route to run the functions (signed with INNGEST_SIGNING_KEY, or a dev server). */
export const { GET, POST, PUT } = serve({ client: inngest, functions });
