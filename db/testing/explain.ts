import { drizzle } from "drizzle-orm/postgres-js";
import type { Db } from "../client";
import * as schema from "../schema";
import type { TestDatabase } from "./test-database";

/**
 * EXPLAIN ANALYZE of exactly the statements a piece of product code sends, for tests that assert a
 * query's shape (which rows it reads) rather than its speed. Data-changing statements are analyzed
 * inside a transaction that is rolled back, after the code itself ran for real.
 */
export interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  "Relation Name"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  "Rows Removed by Filter"?: number;
  "Rows Removed by Index Recheck"?: number;
  "Heap Fetches"?: number;
  Plans?: PlanNode[];
}

export interface StatementPlan {
  query: string;
  nodes: PlanNode[];
  /** Rows each table's scans touched, kept or filtered out, over all loops. */
  rowsRead: (relation: string) => number;
  seqScans: (relation: string) => number;
  indexes: string[];
}

function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

const ROLLBACK = new Error("rollback after explain");

export function explainer(database: TestDatabase) {
  let captured: { query: string; params: unknown[] }[] = [];
  const db = drizzle(database.sql, { schema, logger: { logQuery: (query, params) => captured.push({ query, params }) } }) as unknown as Db;

  async function explainOne(query: string, params: unknown[]): Promise<StatementPlan> {
    let plan: PlanNode | undefined;
    await database.sql
      .begin(async (tx) => {
        const [row] = await tx.unsafe(`explain (analyze, format json) ${query}`, params as never[]);
        plan = (row["QUERY PLAN"] as { Plan: PlanNode }[])[0].Plan;
        throw ROLLBACK;
      })
      .catch((error) => {
        if (error !== ROLLBACK) throw error;
      });
    const nodes = nodesOf(plan!);
    if (process.env.SHOW_PLANS) console.log(query.slice(0, 120), JSON.stringify(plan, ["Node Type", "Index Name", "Relation Name", "Actual Rows", "Actual Loops", "Rows Removed by Filter", "Plans"], 1));
    // Scans only: a ModifyTable node names the table it writes, not rows it read.
    const of = (relation: string) => nodes.filter((n) => n["Relation Name"] === relation && n["Node Type"] !== "ModifyTable");
    return {
      query,
      nodes,
      rowsRead: (relation) => of(relation).reduce((sum, n) => sum + ((n["Actual Rows"] ?? 0) + (n["Rows Removed by Filter"] ?? 0)) * (n["Actual Loops"] ?? 1), 0),
      seqScans: (relation) => of(relation).filter((n) => n["Node Type"] === "Seq Scan").length,
      indexes: nodes.map((n) => n["Index Name"]).filter((n): n is string => !!n),
    };
  }

  return {
    /** A Db that records every statement sent through it. */
    db,
    /**
     * Runs `work` against the recording Db, then explains each statement it sent (only those
     * matching `only`, if given). With `rollback`, the work's own changes are undone first, so
     * what is explained sees the data as the work saw it.
     */
    async explain(work: (db: Db) => Promise<unknown>, options: { only?: RegExp; rollback?: boolean } = {}): Promise<StatementPlan[]> {
      captured = [];
      if (options.rollback) {
        await db
          .transaction(async (tx) => {
            await work(tx as unknown as Db);
            throw ROLLBACK;
          })
          .catch((error) => {
            if (error !== ROLLBACK) throw error;
          });
      } else {
        await work(db);
      }
      const statements = captured.filter((c) => !options.only || options.only.test(c.query));
      const plans: StatementPlan[] = [];
      for (const statement of statements) plans.push(await explainOne(statement.query, statement.params));
      return plans;
    },
  };
}

/** Sums a measure over several statements' plans. */
export const total = (plans: StatementPlan[], measure: (plan: StatementPlan) => number) => plans.reduce((sum, plan) => sum + measure(plan), 0);
