// Reads a GEXF file with graphology-gexf (the node entry, DOMParser from @xmldom/xmldom) into a
// multigraph and prints {"nodes": n, "edges": m, "weight": sum of edge weights, ...} as JSON.
// Usage: node read_gexf.mjs FILE [NODE_ID]  (NODE_ID: also print that node's attributes)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { MultiGraph } = require("graphology");
const gexf = require("graphology-gexf");

const [file, nodeId] = process.argv.slice(2);
const graph = gexf.parse(MultiGraph, readFileSync(file, "utf8"));
let weight = 0;
graph.forEachEdge((_edge, attrs) => {
  weight += attrs.weight ?? 1;
});
const result = { nodes: graph.order, edges: graph.size, weight, type: graph.type };
if (nodeId !== undefined) result.attributes = graph.getNodeAttributes(nodeId);
process.stdout.write(JSON.stringify(result) + "\n");
