/**
 * The pseudo tax codes of US QuickBooks companies: a sales line is marked taxable ("TAX") or not
 * ("NON"), and the tax itself comes from the transaction's tax code. Neither is a TaxCode entity
 * with rates behind it.
 */

/** The US "not taxable" code: a line code, and the mapping's choice for a business that collects no sales tax. */
export const US_NOT_TAXABLE = "NON";
/** The US line code of a taxable line. */
export const US_TAXABLE = "TAX";
