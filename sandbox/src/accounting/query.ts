/**
 * QuickBooks' query language: SELECT * | count(*) FROM Entity [WHERE p op v AND ...]
 * [ORDERBY p [ASC|DESC], ...] [STARTPOSITION n] [MAXRESULTS n]. Operators =, <, >, <=, >=, IN,
 * LIKE ('%' wildcard); no OR, no expressions. Keywords are case-insensitive.
 */
import { type CompanyBooks, type Entity, allOf } from "./books";
import { present } from "./crud";
import type { EntityDef } from "./entities/types";
import { QboFault } from "./faults";
import { entityDefLoose } from "./registry";

const MAX_RESULTS = 1000;
const DEFAULT_RESULTS = 100;

type TokenKind = "ID" | "STRING" | "INTEGER" | "DECIMAL" | "PUNCT" | "EOF" | "LEXERR";
interface Token { kind: TokenKind; text: string; column: number; value?: string; fault?: QboFault }

/** Words QuickBooks' (JavaCC) query grammar knows as tokens of their own. */
const OPERATOR_TOKENS = new Set(["and", "or"]);
const KEYWORD_TOKENS = new Set(["select", "from", "where", "order", "orderby", "by", "asc", "desc", "in", "like", "count", "maxresults", "startposition", "iterator", "true", "false"]);

/** What may follow a complete condition or clause (the one expectation list QuickBooks users quote). */
const AFTER_CLAUSE = ["<EOF> ", "<AND> ...", '"iterator" ...', '"maxresults" ...', '"order" ...', '"orderby" ...', '"startposition" ...'];

function parserFault(detail: string): QboFault {
  return new QboFault([{ code: "4000", message: "Error parsing query", detail: `QueryParserError: ${detail}` }]);
}

/** 4000 in JavaCC's words: Encountered " <IDENTIFIER> "foo "" at line 1, column 12. */
function parseError(token: Token, expecting?: string[]): QboFault {
  let shown: string;
  const lower = token.text.toLowerCase();
  if (token.kind === "EOF") shown = `Encountered "<EOF>" at line 1, column ${token.column}.`;
  else if (token.kind === "PUNCT" || (token.kind === "ID" && KEYWORD_TOKENS.has(lower))) {
    shown = `Encountered " "${token.kind === "ID" ? lower : token.text}" "${token.text} "" at line 1, column ${token.column}.`;
  } else {
    const kind = token.kind === "ID" ? (OPERATOR_TOKENS.has(lower) ? lower.toUpperCase() : "IDENTIFIER") : token.kind === "STRING" ? "STRING_LITERAL" : token.kind;
    shown = `Encountered " <${kind}> "${token.text} "" at line 1, column ${token.column}.`;
  }
  const expected = expecting ? `\nWas expecting one of:\n${expecting.map((e) => `    ${e}\n`).join("")}    ` : "";
  return parserFault(shown + expected);
}

function lexicalError(column: number, encountered: string, after: string): QboFault {
  return parserFault(`Invalid content. Lexical error at line 1, column ${column}.  Encountered: ${encountered}, after : "${after}"`);
}

function validationError(detail: string): QboFault {
  return new QboFault([{ code: "4001", message: "Invalid query", detail: `QueryValidationError: ${detail}` }]);
}

/**
 * Splits the query into tokens. A lexical error becomes a final LEXERR token: like JavaCC, the
 * parser reports it only if it gets that far (an earlier syntax error wins).
 */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  try {
    lex(text, tokens);
  } catch (error) {
    if (!(error instanceof QboFault)) throw error;
    tokens.push({ kind: "LEXERR", text: "", column: text.length + 1, fault: error });
  }
  return tokens;
}

function lex(text: string, tokens: Token[]): void {
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) { i += 1; continue; }
    const column = i + 1;
    if (c === "'") {
      let value = "";
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw lexicalError(text.length + 1, "<EOF>", text.slice(i));
        if (text[j] === "\\" && j + 1 < text.length) { value += text[j + 1]; j += 2; continue; }
        if (text[j] === "'" && text[j + 1] === "'") { value += "'"; j += 2; continue; }
        if (text[j] === "'") break;
        value += text[j];
        j += 1;
      }
      tokens.push({ kind: "STRING", text: text.slice(i, j + 1), column, value });
      i = j + 1;
      continue;
    }
    const number = /^-?\d+(\.\d+)?/.exec(text.slice(i));
    if (number && (c !== "-" || /\d/.test(text[i + 1] ?? ""))) {
      tokens.push({ kind: number[1] ? "DECIMAL" : "INTEGER", text: number[0], column, value: number[0] });
      i += number[0].length;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === "<=" || two === ">=" || two === "!=" || two === "<>") {
      tokens.push({ kind: "PUNCT", text: two, column });
      i += 2;
      continue;
    }
    if ("=<>(),*".includes(c)) {
      tokens.push({ kind: "PUNCT", text: c, column });
      i += 1;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i));
    if (word) {
      tokens.push({ kind: "ID", text: word[0], column, value: word[0] });
      i += word[0].length;
      continue;
    }
    throw lexicalError(column, `"${c}" (${c.charCodeAt(0)})`, "");
  }
  tokens.push({ kind: "EOF", text: "", column: text.length + 1 });
}

type Value = string | number | boolean;
interface Condition { property: string; op: "=" | "<" | ">" | "<=" | ">=" | "IN" | "LIKE"; values: Value[] }
interface Query {
  count: boolean;
  entity: string;
  entityToken: Token;
  where: Condition[];
  orderBy: Array<{ property: string; desc: boolean }>;
  startPosition: number;
  maxResults: number;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}
  peek(): Token {
    const t = this.tokens[this.i];
    if (t.kind === "LEXERR") throw t.fault!;
    return t;
  }
  next(): Token { const t = this.peek(); this.i += 1; return t; }
  isWord(word: string): boolean { const t = this.peek(); return t.kind === "ID" && t.text.toUpperCase() === word; }
  word(word: string): void { if (!this.isWord(word)) throw parseError(this.peek()); this.i += 1; }
  punct(p: string): void { const t = this.peek(); if (t.kind !== "PUNCT" || t.text !== p) throw parseError(t); this.i += 1; }
  isPunct(p: string): boolean { const t = this.peek(); return t.kind === "PUNCT" && t.text === p; }
  id(): Token { const t = this.next(); if (t.kind !== "ID") throw parseError(t); return t; }
  integer(): number { const t = this.next(); if (t.kind !== "INTEGER") throw parseError(t); return Number(t.text); }

  value(): Value {
    const t = this.next();
    if (t.kind === "STRING") return t.value!;
    if (t.kind === "INTEGER" || t.kind === "DECIMAL") return Number(t.text);
    if (t.kind === "ID" && (t.text.toLowerCase() === "true" || t.text.toLowerCase() === "false")) return t.text.toLowerCase() === "true";
    throw parseError(t);
  }

  parse(): Query {
    this.word("SELECT");
    let count = false;
    if (this.isPunct("*")) this.next();
    else if (this.isWord("COUNT")) {
      this.next();
      this.punct("(");
      this.punct("*");
      this.punct(")");
      count = true;
    } else throw parseError(this.peek());
    this.word("FROM");
    const entityToken = this.id();
    const where: Condition[] = [];
    if (this.isWord("WHERE")) {
      this.next();
      for (;;) {
        where.push(this.condition());
        if (this.isWord("AND")) { this.next(); continue; }
        break;
      }
    }
    const orderBy: Query["orderBy"] = [];
    let startPosition = 1;
    let maxResults = DEFAULT_RESULTS;
    for (;;) {
      if (this.isWord("ORDERBY") || this.isWord("ORDER")) {
        if (this.next().text.toUpperCase() === "ORDER") this.word("BY");
        for (;;) {
          const property = this.id().text;
          let desc = false;
          if (this.isWord("DESC")) { this.next(); desc = true; } else if (this.isWord("ASC")) this.next();
          orderBy.push({ property, desc });
          if (this.isPunct(",")) { this.next(); continue; }
          break;
        }
      } else if (this.isWord("STARTPOSITION")) {
        this.next();
        startPosition = Math.max(1, this.integer());
      } else if (this.isWord("MAXRESULTS")) {
        this.next();
        maxResults = this.integer();
      } else break;
    }
    if (this.peek().kind !== "EOF") throw parseError(this.peek(), AFTER_CLAUSE);
    return { count, entity: entityToken.text, entityToken, where, orderBy, startPosition, maxResults };
  }

  condition(): Condition {
    const property = this.id().text;
    const t = this.peek();
    if (t.kind === "ID" && t.text.toUpperCase() === "IN") {
      this.next();
      this.punct("(");
      const values = [this.value()];
      while (this.isPunct(",")) { this.next(); values.push(this.value()); }
      this.punct(")");
      return { property, op: "IN", values };
    }
    if (t.kind === "ID" && t.text.toUpperCase() === "LIKE") {
      this.next();
      const v = this.next();
      if (v.kind !== "STRING") throw parseError(v);
      return { property, op: "LIKE", values: [v.value!] };
    }
    if (t.kind === "PUNCT" && ["=", "<", ">", "<=", ">="].includes(t.text)) {
      this.next();
      return { property, op: t.text as Condition["op"], values: [this.value()] };
    }
    throw parseError(t);
  }
}

/** Resolves a property name against a list case-insensitively ("Metadata.CreateTime" works too). */
function canonical(list: string[], property: string): string | undefined {
  return list.find((p) => p.toLowerCase() === property.toLowerCase());
}

/** The value at a (canonically spelled) dotted path; a reference yields its id. */
function lookup(entity: Entity, path: string): unknown {
  return lookupParts(entity, path.split("."));
}

function lookupParts(entity: Entity, parts: string[]): unknown {
  let current: unknown = entity;
  for (const part of parts) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  if (current !== null && typeof current === "object" && "value" in (current as object)) return (current as { value: unknown }).value;
  return current;
}

function isTime(path: string): boolean {
  return /Time$/i.test(path);
}

/** -1, 0, 1; strings compare case-insensitively, times as instants, numbers numerically. */
function compare(actual: unknown, wanted: Value, path: string): number | null {
  if (actual === undefined || actual === null) return null;
  if (isTime(path)) {
    const a = Date.parse(String(actual));
    const b = Date.parse(String(wanted));
    if (Number.isNaN(a) || Number.isNaN(b)) return null;
    return Math.sign(a - b);
  }
  if (typeof actual === "boolean" || typeof wanted === "boolean") {
    return String(actual).toLowerCase() === String(wanted).toLowerCase() ? 0 : null;
  }
  const numA = typeof actual === "number" ? actual : /^-?\d+(\.\d+)?$/.test(String(actual)) ? Number(actual) : NaN;
  const numB = typeof wanted === "number" ? wanted : /^-?\d+(\.\d+)?$/.test(String(wanted)) ? Number(wanted) : NaN;
  if (!Number.isNaN(numA) && !Number.isNaN(numB)) return Math.sign(numA - numB);
  const a = String(actual).toLowerCase();
  const b = String(wanted).toLowerCase();
  return a < b ? -1 : a > b ? 1 : 0;
}

function likeRegex(pattern: string): RegExp {
  const escaped = pattern.split("%").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*");
  return new RegExp(`^${escaped}$`, "is");
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

/**
 * Compiles a condition to a predicate. Equality and IN on plain values (the common lookups by
 * DocNumber or Id) compare against precomputed keys; the rest go through compare().
 */
function compile(c: Condition): (entity: Entity) => boolean {
  const parts = c.property.split(".");
  if ((c.op === "=" || c.op === "IN") && !isTime(c.property) && c.values.every((v) => typeof v !== "boolean")) {
    const strings = new Set(c.values.map((v) => String(v).toLowerCase()));
    const numbers = new Set(c.values.filter((v) => typeof v === "number" || NUMERIC.test(String(v))).map(Number));
    return (entity) => {
      const actual = lookupParts(entity, parts);
      if (actual === undefined || actual === null) return false;
      if (typeof actual === "number") return numbers.has(actual);
      const text = String(actual);
      if (strings.has(text.toLowerCase())) return true;
      return numbers.size > 0 && NUMERIC.test(text) && numbers.has(Number(text));
    };
  }
  if (c.op === "LIKE") {
    const regex = likeRegex(String(c.values[0]));
    return (entity) => {
      const actual = lookupParts(entity, parts);
      return actual !== undefined && actual !== null && regex.test(String(actual));
    };
  }
  return (entity) => {
    const actual = lookupParts(entity, parts);
    if (c.op === "IN" || c.op === "=") return c.values.some((v) => compare(actual, v, c.property) === 0);
    const r = compare(actual, c.values[0], c.property);
    if (r === null) return false;
    return c.op === "<" ? r < 0 : c.op === ">" ? r > 0 : c.op === "<=" ? r <= 0 : r >= 0;
  };
}

function hasActive(def: EntityDef): boolean {
  return def.filterable.includes("Active");
}

/** Runs a query; returns the QueryResponse object. */
export function runQuery(books: CompanyBooks, text: string): Record<string, unknown> {
  if (text.trim() === "") throw parserFault("The query provided was empty");
  const query = new Parser(tokenize(text.trim())).parse();
  const def = entityDefLoose(query.entity);
  if (!def) {
    throw new QboFault([{ code: "4000", message: "Error parsing query", detail: `QueryParserError: Invalid entity name: ${query.entity} at line 1, column ${query.entityToken.column}.` }]);
  }
  for (const c of query.where) {
    const name = canonical(def.filterable, c.property);
    if (!name) throw validationError(`property '${c.property}' is not queryable`);
    c.property = name;
  }
  for (const o of query.orderBy) {
    const name = canonical(def.sortable, o.property);
    if (!name) throw validationError(`property '${o.property}' is not sortable`);
    o.property = name;
  }
  if (query.maxResults > MAX_RESULTS) throw validationError(`value ${query.maxResults} is too large. Max allowed value is ${MAX_RESULTS}`);
  if (query.maxResults < 1) throw validationError(`value ${query.maxResults} is too small. Min allowed value is 1`);

  // Name lists show active rows unless the query says otherwise (Active IN (true,false)).
  const activeOnly = hasActive(def) && !query.where.some((c) => c.property === "Active");
  // Filter stored rows and present only the page, unless a filter reads a computed field.
  const candidates = def.filtersComputed ? allOf(books, def.name).map((e) => present(books, def, e)) : allOf(books, def.name);
  const predicates = query.where.map(compile);
  const rows = candidates.filter((e) => (!activeOnly || e.Active !== false) && predicates.every((p) => p(e)));
  const order = query.orderBy.length > 0 ? query.orderBy : [{ property: "Id", desc: false }];
  rows.sort((a, b) => {
    for (const o of order) {
      const va = lookup(a, o.property);
      const vb = lookup(b, o.property);
      let r: number;
      if (va === undefined || va === null) r = vb === undefined || vb === null ? 0 : -1;
      else if (vb === undefined || vb === null) r = 1;
      else r = compare(va, vb as Value, o.property) ?? 0;
      if (r !== 0) return o.desc ? -r : r;
    }
    return 0;
  });
  if (query.count) return { totalCount: rows.length };
  const page = rows.slice(query.startPosition - 1, query.startPosition - 1 + query.maxResults)
    .map((e) => (def.filtersComputed ? e : present(books, def, e)));
  if (page.length === 0) return {};
  return { [def.name]: page, startPosition: query.startPosition, maxResults: page.length };
}
