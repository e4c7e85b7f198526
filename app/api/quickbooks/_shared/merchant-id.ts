import { z } from "zod";

export const merchantIdField = z.string().trim().min(1, "merchantId is required").max(64, "merchantId is too long");
