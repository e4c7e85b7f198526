/**
 * Errors of the pure posting layer. They signal a bug or a bad input upstream (the sync engine
 * passes records that break an invariant), never a QuickBooks fault: the engine records them on
 * the sync item as "failed" with `code` and message, and nothing is sent to QuickBooks.
 */
export type AccountingErrorCode =
  | "invalid_input"
  | "missing_reference"
  | "deposit_imbalance"
  | "negative_deposit"
  | "journal_imbalance";

export class AccountingError extends Error {
  constructor(
    readonly code: AccountingErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** An input breaks an invariant the processor feed guarantees (amount not positive, bad date…). */
export class InvalidPostingInputError extends AccountingError {
  constructor(message: string) {
    super("invalid_input", message);
  }
}

/** The context lacks a QuickBooks id the document needs (e.g. no PaymentMethod for a card brand). */
export class MissingReferenceError extends AccountingError {
  constructor(message: string) {
    super("missing_reference", message);
  }
}

/** A deposit's lines do not add up to what the processor paid: it would not tie to the bank. */
export class DepositImbalanceError extends AccountingError {
  constructor(
    readonly depositProcessorId: string,
    readonly expectedMinor: number,
    readonly linesMinor: number,
  ) {
    super(
      "deposit_imbalance",
      `deposit ${depositProcessorId}: its items sum to ${linesMinor} minor units but the processor paid ${expectedMinor}`,
    );
  }
}

/** A Deposit was asked for a negative net: QuickBooks refuses it (fault 6000); use a JournalEntry. */
export class NegativeDepositError extends AccountingError {
  constructor(
    readonly depositProcessorId: string,
    readonly amountMinor: number,
  ) {
    super("negative_deposit", `deposit ${depositProcessorId} has a negative net (${amountMinor}); it must be posted as a journal entry`);
  }
}

/** Debits and credits of a journal entry differ (cannot happen when the items sum to the net). */
export class JournalImbalanceError extends AccountingError {
  constructor(
    readonly processorId: string,
    readonly debitsMinor: number,
    readonly creditsMinor: number,
  ) {
    super("journal_imbalance", `journal entry for ${processorId}: debits ${debitsMinor} ≠ credits ${creditsMinor}`);
  }
}
