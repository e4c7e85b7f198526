import { getTranslations } from "next-intl/server";

/** The sign-out server action comes from app/ (components never import app/). */
export async function SignOutButton({ signOut }: { signOut: () => Promise<void> }) {
  const t = await getTranslations("common");
  return (
    <form action={signOut}>
      <button type="submit" className="text-sm text-slate-700 underline">
        {t("signOut")}
      </button>
    </form>
  );
}
