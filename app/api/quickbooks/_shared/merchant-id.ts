import { z } from "zod";
import { MERCHANT_ID_PATTERN } from "@/lib/auth/merchant-id";

export const merchantIdField = z
  .string()
  .trim()
  .min(1, "merchantId is required")
  .max(64, "merchantId is too long")
  .regex(MERCHANT_ID_PATTERN, "merchantId must be printable ASCII without spaces");
