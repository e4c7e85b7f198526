/**
 * An oracle written outside this project: Intuit's own XSDs for QuickBooks Online v3
 * (sandbox/test/intuit-xsd, Apache-2.0, unchanged), read with a small XML reader, to check that
 * JSON entities use only what the schema defines.
 *
 *   const schema = loadIntuitSchema();              // default: the copied XSD folder
 *   checkAgainstSchema("SalesReceipt", json);       // → [] when it conforms, else problems
 *
 * JSON maps onto the schema as QuickBooks maps it: element names are properties, repeated
 * elements are arrays, XML attributes (domain, sparse, bId, ...) are plain properties, and a
 * simple-content type (ReferenceType) is an object with `value` plus its attributes.
 *
 * A problem is reported for: a property the complex type does not define (xs:extension bases,
 * nested and anonymous types, xs:group and substitution groups followed), an array where the
 * schema allows one element, an object where a simple value is due (and the reverse), a
 * non-boolean for xs:boolean, a non-number for numeric types, and an enumerated value missing
 * from the schema's xs:enumeration list (also for the string elements whose documentation names
 * their enumeration, e.g. Account.AccountSubType → AccountSubTypeEnum). Required elements and
 * lengths are not checked.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const DEFAULT_XSD_DIR = fileURLToPath(new URL("./intuit-xsd/", import.meta.url));

// ---------------------------------------------------------------------------------------------
// A minimal XML reader: elements, attributes, text, comments, processing instructions, CDATA.

interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  /** Text directly inside the element (only xs:documentation's matters here). */
  text?: string;
}

function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    if (e === "lt") return "<";
    if (e === "gt") return ">";
    if (e === "amp") return "&";
    if (e === "quot") return '"';
    if (e === "apos") return "'";
    return String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

function parseXml(xml: string): XmlNode {
  const root: XmlNode = { name: "#document", attrs: {}, children: [] };
  const stack: XmlNode[] = [root];
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf("<", i);
    if (lt < 0) break;
    if (lt > i && stack.length > 1) {
      const top = stack[stack.length - 1];
      top.text = (top.text ?? "") + decodeEntities(xml.slice(i, lt));
    }
    if (xml.startsWith("<!--", lt)) { i = xml.indexOf("-->", lt) + 3; continue; }
    if (xml.startsWith("<?", lt)) { i = xml.indexOf("?>", lt) + 2; continue; }
    if (xml.startsWith("<![CDATA[", lt)) { i = xml.indexOf("]]>", lt) + 3; continue; }
    if (xml.startsWith("<!", lt)) { i = xml.indexOf(">", lt) + 1; continue; }
    if (xml[lt + 1] === "/") {
      const gt = xml.indexOf(">", lt);
      const name = xml.slice(lt + 2, gt).trim();
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`XML: </${name}> closes <${open?.name ?? "nothing"}> at ${lt}`);
      i = gt + 1;
      continue;
    }
    // Find the end of the tag, skipping quoted attribute values (they may hold '>').
    let j = lt + 1;
    let quote: string | null = null;
    while (j < xml.length) {
      const c = xml[j];
      if (quote) { if (c === quote) quote = null; } else if (c === '"' || c === "'") quote = c; else if (c === ">") break;
      j += 1;
    }
    const raw = xml.slice(lt + 1, j);
    const selfClosing = raw.endsWith("/");
    const body = selfClosing ? raw.slice(0, -1) : raw;
    const nameMatch = /^\s*([^\s/>]+)/.exec(body)!;
    const node: XmlNode = { name: nameMatch[1], attrs: {}, children: [] };
    const attrRe = /([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
    let m: RegExpExecArray | null;
    const rest = body.slice(nameMatch[0].length);
    while ((m = attrRe.exec(rest))) node.attrs[m[1]] = decodeEntities(m[3] ?? m[4] ?? "");
    stack[stack.length - 1].children.push(node);
    if (!selfClosing) stack.push(node);
    i = j + 1;
  }
  if (stack.length !== 1) throw new Error(`XML: <${stack[stack.length - 1].name}> is never closed`);
  return root;
}

// ---------------------------------------------------------------------------------------------
// The schema model.

interface ElementDecl { name: string; type: string; many: boolean }

/**
 * A few string elements name their enumeration only in their documentation ("Description:
 * AccountSubTypeEnum ..."); those are checked against that enumeration too.
 */
function documentedEnum(el: XmlNode): string | undefined {
  const annotation = el.children.find((c) => local(c.name) === "annotation");
  const text = annotation?.children.find((c) => local(c.name) === "documentation")?.text ?? "";
  return /Description:\s*([A-Za-z]+Enum)\b/.exec(text)?.[1];
}
interface ComplexType {
  name: string;
  base?: string;
  elements: Map<string, ElementDecl>;
  attributes: Map<string, string>;
  /** xs:simpleContent: the JSON object carries `value` of this simple type. */
  simpleBase?: string;
  anyElement: boolean;
}
interface SimpleType { name: string; base?: string; enumeration?: string[]; union?: string[] }

export interface IntuitSchema {
  complexTypes: Map<string, ComplexType>;
  simpleTypes: Map<string, SimpleType>;
  /** Global elements: name → type name. */
  elements: Map<string, string>;
}

const local = (qname: string) => qname.replace(/^[A-Za-z]+:/, "");
const isBuiltin = (qname: string) => qname.startsWith("xs:") || qname.startsWith("xsd:");

function build(schemas: XmlNode[]): IntuitSchema {
  const schema: IntuitSchema = { complexTypes: new Map(), simpleTypes: new Map(), elements: new Map() };
  const groups = new Map<string, XmlNode>();
  const substitutions = new Map<string, string[]>();
  let anonymous = 0;
  const pending: Array<() => void> = [];

  function simpleType(node: XmlNode, name: string): void {
    const st: SimpleType = { name };
    for (const child of node.children) {
      if (local(child.name) === "restriction") {
        st.base = child.attrs.base;
        const enums = child.children.filter((c) => local(c.name) === "enumeration").map((c) => c.attrs.value);
        if (enums.length > 0) st.enumeration = enums;
      } else if (local(child.name) === "union") {
        st.union = (child.attrs.memberTypes ?? "").split(/\s+/).filter(Boolean);
      } else if (local(child.name) === "list") st.base = "xs:string";
    }
    schema.simpleTypes.set(name, st);
  }

  /** The type of an element declaration, registering an anonymous nested type if there is one. */
  function typeOf(el: XmlNode, hint: string): string {
    if (el.attrs.type) return el.attrs.type;
    for (const child of el.children) {
      const kind = local(child.name);
      if (kind === "complexType") return complexType(child, `${hint}#${++anonymous}`);
      if (kind === "simpleType") { const n = `${hint}#${++anonymous}`; simpleType(child, n); return n; }
    }
    return "xs:anyType";
  }

  function particles(node: XmlNode, ct: ComplexType, many: boolean): void {
    for (const child of node.children) {
      const kind = local(child.name);
      const repeated = many || (child.attrs.maxOccurs !== undefined && child.attrs.maxOccurs !== "1");
      if (kind === "sequence" || kind === "choice" || kind === "all") particles(child, ct, repeated);
      else if (kind === "group") {
        const ref = child.attrs.ref ? local(child.attrs.ref) : undefined;
        if (ref) pending.push(() => { const g = groups.get(ref); if (g) particles(g, ct, repeated); });
        else particles(child, ct, repeated);
      } else if (kind === "any") ct.anyElement = true;
      else if (kind === "element") {
        if (child.attrs.ref) {
          const ref = local(child.attrs.ref);
          pending.push(() => {
            // A reference to a substitution-group head allows every member in its place.
            for (const member of [ref, ...(substitutions.get(ref) ?? [])]) {
              const type = schema.elements.get(member);
              if (type) ct.elements.set(member, { name: member, type, many: repeated });
            }
          });
        } else {
          const decl = { name: child.attrs.name, type: typeOf(child, `${ct.name}.${child.attrs.name}`), many: repeated };
          const hinted = decl.type === "xs:string" ? documentedEnum(child) : undefined;
          if (hinted) pending.push(() => { if (schema.simpleTypes.has(hinted)) decl.type = hinted; });
          ct.elements.set(decl.name, decl);
        }
      } else if (kind === "attribute") attribute(child, ct);
    }
  }

  function attribute(node: XmlNode, ct: ComplexType): void {
    const name = node.attrs.name ?? (node.attrs.ref ? local(node.attrs.ref) : undefined);
    if (!name) return;
    ct.attributes.set(name, node.attrs.type ?? typeOf(node, `${ct.name}@${name}`));
  }

  function complexType(node: XmlNode, name: string): string {
    const ct: ComplexType = { name, elements: new Map(), attributes: new Map(), anyElement: false };
    schema.complexTypes.set(name, ct);
    for (const child of node.children) {
      const kind = local(child.name);
      if (kind === "complexContent" || kind === "simpleContent") {
        for (const ext of child.children) {
          const extKind = local(ext.name);
          if (extKind !== "extension" && extKind !== "restriction") continue;
          if (kind === "complexContent") ct.base = local(ext.attrs.base);
          else ct.simpleBase = ext.attrs.base;
          particles(ext, ct, false);
        }
      } else particles({ name: "xs:sequence", attrs: {}, children: [child] }, ct, false);
    }
    return name;
  }

  for (const doc of schemas) {
    const root = doc.children.find((c) => local(c.name) === "schema");
    if (!root) continue;
    for (const node of root.children) {
      if (local(node.name) === "group") groups.set(node.attrs.name, node);
      if (local(node.name) === "element" && node.attrs.substitutionGroup) {
        const head = local(node.attrs.substitutionGroup);
        substitutions.set(head, [...(substitutions.get(head) ?? []), node.attrs.name]);
      }
    }
  }
  for (const doc of schemas) {
    const root = doc.children.find((c) => local(c.name) === "schema");
    if (!root) continue;
    for (const node of root.children) {
      const kind = local(node.name);
      if (kind === "complexType") complexType(node, node.attrs.name);
      else if (kind === "simpleType") simpleType(node, node.attrs.name);
      else if (kind === "element") schema.elements.set(node.attrs.name, typeOf(node, node.attrs.name));
    }
  }
  for (const run of pending) run();
  return schema;
}

const cache = new Map<string, IntuitSchema>();

/** Reads every .xsd in `dir` (default: sandbox/test/intuit-xsd) once per process. */
export function loadIntuitSchema(dir: string = DEFAULT_XSD_DIR): IntuitSchema {
  const cached = cache.get(dir);
  if (cached) return cached;
  const files = readdirSync(dir).filter((f) => f.endsWith(".xsd")).sort();
  if (files.length === 0) throw new Error(`no .xsd files in ${dir}`);
  const schema = build(files.map((f) => parseXml(readFileSync(join(dir, f), "utf8"))));
  cache.set(dir, schema);
  return schema;
}

// ---------------------------------------------------------------------------------------------
// Checking JSON.

const NUMERIC = new Set(["decimal", "int", "integer", "long", "short", "double", "float", "positiveInteger", "nonNegativeInteger", "negativeInteger", "nonPositiveInteger", "byte", "unsignedInt", "unsignedLong", "unsignedShort"]);

/** Enumerated values and the built-in base of a simple type (following restrictions and unions). */
function simpleFacts(schema: IntuitSchema, typeName: string, seen = new Set<string>()): { builtin?: string; enumeration?: string[] } {
  if (isBuiltin(typeName)) return { builtin: local(typeName) };
  const st = schema.simpleTypes.get(local(typeName));
  if (!st || seen.has(st.name)) return {};
  seen.add(st.name);
  if (st.union) {
    const enums = st.union.flatMap((u) => simpleFacts(schema, u, seen).enumeration ?? []);
    return { enumeration: enums.length > 0 ? enums : undefined };
  }
  const base = st.base ? simpleFacts(schema, st.base, seen) : {};
  return { builtin: base.builtin, enumeration: st.enumeration ?? base.enumeration };
}

function checkSimple(schema: IntuitSchema, typeName: string, value: unknown, path: string, problems: string[]): void {
  if (value === null) return;
  if (typeof value === "object") {
    problems.push(`${path}: is ${Array.isArray(value) ? "an array" : "an object"} but the schema type ${typeName} is a simple value`);
    return;
  }
  const facts = simpleFacts(schema, typeName);
  if (facts.enumeration && !facts.enumeration.includes(String(value))) {
    problems.push(`${path}: value ${JSON.stringify(value)} is not in the enumeration of ${local(typeName)} (${facts.enumeration.slice(0, 12).join(", ")}${facts.enumeration.length > 12 ? ", ..." : ""})`);
    return;
  }
  const builtin = facts.builtin;
  if (builtin === "boolean" && typeof value !== "boolean" && value !== "true" && value !== "false") {
    problems.push(`${path}: ${JSON.stringify(value)} is not a boolean`);
  } else if (builtin && NUMERIC.has(builtin) && !(typeof value === "number" || (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value)))) {
    problems.push(`${path}: ${JSON.stringify(value)} is not a number`);
  }
}

/**
 * The properties a complex type allows in JSON (elements of the type and its bases, attributes,
 * `value` for simple content, "*" when xs:any allows anything), each with its schema type and
 * whether it repeats; undefined for a simple or unknown type.
 */
export function propertiesOf(typeName: string, schema: IntuitSchema = loadIntuitSchema()): Map<string, { type: string; many: boolean }> | undefined {
  const ct = schema.complexTypes.get(typeName);
  if (!ct) return undefined;
  const members = allMembers(schema, ct);
  const out = new Map<string, { type: string; many: boolean }>();
  for (const [name, decl] of members.elements) out.set(name, { type: local(decl.type), many: decl.many });
  for (const [name, type] of members.attributes) out.set(name, { type: local(type), many: false });
  if (members.simpleBase) out.set("value", { type: local(members.simpleBase), many: false });
  // xs:any (IntuitAnyType): anything goes.
  if (members.anyElement) out.set("*", { type: "xs:anyType", many: true });
  return out;
}

function allMembers(schema: IntuitSchema, ct: ComplexType): { elements: Map<string, ElementDecl>; attributes: Map<string, string>; simpleBase?: string; anyElement: boolean } {
  const chain: ComplexType[] = [];
  let current: ComplexType | undefined = ct;
  const seen = new Set<string>();
  while (current && !seen.has(current.name)) {
    seen.add(current.name);
    chain.unshift(current);
    current = current.base ? schema.complexTypes.get(current.base) : undefined;
  }
  const out = { elements: new Map<string, ElementDecl>(), attributes: new Map<string, string>(), simpleBase: undefined as string | undefined, anyElement: false };
  for (const t of chain) {
    for (const [k, v] of t.elements) out.elements.set(k, v);
    for (const [k, v] of t.attributes) out.attributes.set(k, v);
    out.simpleBase = t.simpleBase ?? out.simpleBase;
    out.anyElement ||= t.anyElement;
  }
  return out;
}

function checkValue(schema: IntuitSchema, typeName: string, value: unknown, path: string, problems: string[]): void {
  const name = local(typeName);
  const ct = isBuiltin(typeName) ? undefined : schema.complexTypes.get(name);
  if (!ct) {
    if (name === "anyType") return;
    checkSimple(schema, typeName, value, path, problems);
    return;
  }
  if (value === null || value === undefined) return;
  if (typeof value !== "object" || Array.isArray(value)) {
    problems.push(`${path}: is ${Array.isArray(value) ? "an array" : JSON.stringify(value)} but ${name} is a complex type (an object)`);
    return;
  }
  const members = allMembers(schema, ct);
  if (members.anyElement && members.elements.size === 0) return;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const childPath = `${path}.${key}`;
    const element = members.elements.get(key);
    if (element) {
      if (Array.isArray(child)) {
        if (!element.many) problems.push(`${childPath}: is an array but ${name}.${key} occurs at most once`);
        child.forEach((item, i) => checkValue(schema, element.type, item, `${childPath}[${i}]`, problems));
      } else checkValue(schema, element.type, child, childPath, problems);
      continue;
    }
    const attribute = members.attributes.get(key);
    if (attribute) { checkValue(schema, attribute, child, childPath, problems); continue; }
    if (key === "value" && members.simpleBase) { checkSimple(schema, members.simpleBase, child, childPath, problems); continue; }
    if (members.anyElement) continue;
    problems.push(`${childPath}: property ${key} is not defined for ${name}`);
  }
}

/**
 * Problems with `json` as an instance of `typeName` (a complex type such as "SalesReceipt" or
 * "Account", or a global element name); an empty list when it conforms.
 */
export function checkAgainstSchema(typeName: string, json: unknown, schema: IntuitSchema = loadIntuitSchema()): string[] {
  const type = schema.complexTypes.has(typeName) || schema.simpleTypes.has(typeName) ? typeName : schema.elements.get(typeName);
  if (!type) throw new Error(`the Intuit schema has no type or element named ${typeName}`);
  const problems: string[] = [];
  checkValue(schema, type, json, typeName, problems);
  return problems;
}
