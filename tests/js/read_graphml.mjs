// Reads a GraphML file with graphology-graphml (the node entry, DOMParser from @xmldom/xmldom)
// into a multigraph and prints {"nodes": n, "edges": m, "attributes": {...}} as JSON.
// Usage: node read_graphml.mjs FILE [NODE_ID]  (NODE_ID: also print that node's attributes)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { MultiGraph } = require("graphology");
const graphml = require("graphology-graphml");

const [file, nodeId] = process.argv.slice(2);
const graph = graphml.parse(MultiGraph, readFileSync(file, "utf8"));
const result = { nodes: graph.order, edges: graph.size, type: graph.type };
if (nodeId !== undefined) result.attributes = graph.getNodeAttributes(nodeId);
process.stdout.write(JSON.stringify(result) + "\n");
