import { getTranslations } from "next-intl/server";
import { signOutAction } from "@/app/actions/sign-out";

export async function SignOutButton() {
  const t = await getTranslations("common");
  return (
    <form action={signOutAction}>
      <button type="submit" className="text-sm text-slate-700 underline">
        {t("signOut")}
      </button>
    </form>
  );
}
