/**
 * Messages that end a sentence with a name ("Welcome to the portal of {business}.") would print two
 * periods after a name that already ends with one ("Acme Ltd.", "Boulangerie inc."). Such messages
 * close the sentence with `{period, select, inName {} other {.}}`, and pass `period: closingPeriod(name)`.
 */
export function closingPeriod(name: string): "inName" | "added" {
  return name.trimEnd().endsWith(".") ? "inName" : "added";
}
