export interface EmailChoice {
  kind: string;
  label: string;
  email: boolean;
}

/** Settings: one checkbox per kind of notification, checked when it also comes by email. */
export function EmailChoicesForm({
  action,
  merchantId,
  choices,
  labels,
  saved,
}: {
  action: (form: FormData) => Promise<void>;
  merchantId: string;
  choices: EmailChoice[];
  labels: { title: string; help: string; save: string; saved: string };
  saved: boolean;
}) {
  return (
    <form action={action} className="mt-6 max-w-md space-y-3 rounded-lg bg-white p-6 shadow-sm" data-testid="email-choices">
      <h2 className="font-semibold">{labels.title}</h2>
      <p className="text-sm text-slate-600">{labels.help}</p>
      <input type="hidden" name="merchantId" value={merchantId} />
      <fieldset className="space-y-2">
        <legend className="sr-only">{labels.title}</legend>
        {choices.map((c) => (
          <label key={c.kind} className="flex items-start gap-2 text-sm">
            <input type="checkbox" name={`email.${c.kind}`} defaultChecked={c.email} className="mt-1" data-testid={`email-choice-${c.kind}`} />
            <span>{c.label}</span>
          </label>
        ))}
      </fieldset>
      <button type="submit" className="rounded bg-blue-700 px-3 py-2 text-sm font-medium text-white hover:bg-blue-800">
        {labels.save}
      </button>
      {saved && (
        <p role="status" className="text-sm text-green-800" data-testid="email-choices-saved">
          {labels.saved}
        </p>
      )}
    </form>
  );
}
