import { redirect } from "next/navigation";

export default async function BusinessHome({ params }: { params: Promise<{ merchantId: string }> }) {
  const { merchantId } = await params;
  redirect(`/b/${merchantId}/overview`);
}
