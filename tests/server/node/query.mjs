// Runs one SPARQL query with Comunica against a SPARQL endpoint and prints the results as JSON lines.
// Used by tests/server/test_clients.py (issue 4): node query.mjs ENDPOINT_URL QUERY
import { QueryEngine } from "@comunica/query-sparql";

const [endpoint, query] = process.argv.slice(2);
const engine = new QueryEngine();
const result = await engine.query(query, { sources: [{ type: "sparql", value: endpoint }] });
if (result.resultType === "bindings") {
  const bindings = await (await result.execute()).toArray();
  for (const b of bindings) {
    const row = {};
    for (const [variable, term] of b) row[variable.value] = term.value;
    console.log(JSON.stringify(row));
  }
} else if (result.resultType === "boolean") {
  console.log(JSON.stringify({ boolean: await result.execute() }));
} else {
  const quads = await (await result.execute()).toArray();
  for (const q of quads) console.log(JSON.stringify({ s: q.subject.value, p: q.predicate.value, o: q.object.value }));
}
