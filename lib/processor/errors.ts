/** Where in a batch an error was found: the event's position, its id (when it has one) and the field. */
export interface IngestErrorDetails {
  index: number;
  id?: string;
  field?: string;
}

/**
 * A rejected batch. `status` is the HTTP answer the ingest route gives: 400 for an event that is
 * malformed or inconsistent with what is stored, 409 for an id already received with other content.
 * Messages never contain card data beyond what the event itself names (ids and field names).
 */
export class IngestError extends Error {
  constructor(
    readonly status: 400 | 409,
    message: string,
    readonly details?: IngestErrorDetails,
  ) {
    super(message);
    this.name = "IngestError";
  }
}

/** "Event 3 (id \"txn_9\"), field \"kind\": …" — the prefix every per-event message starts with. */
function describeLocation({ index, id, field }: IngestErrorDetails): string {
  const idPart = id === undefined ? "" : ` (id ${JSON.stringify(id)})`;
  const fieldPart = field === undefined ? "" : `, field ${JSON.stringify(field)}`;
  return `Event ${index}${idPart}${fieldPart}`;
}

export function eventError(status: 400 | 409, details: IngestErrorDetails, problem: string): IngestError {
  return new IngestError(status, `${describeLocation(details)}: ${problem}`, details);
}
