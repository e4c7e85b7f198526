/** What a list shows when it has nothing to list: a title and one sentence of what to expect. */
export function EmptyState({ title, body }: { title: string; body: string }) {
  return (
    <div className="mt-6 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center" data-testid="empty-state">
      <p className="font-medium">{title}</p>
      <p className="mt-1 text-sm text-slate-600">{body}</p>
    </div>
  );
}
