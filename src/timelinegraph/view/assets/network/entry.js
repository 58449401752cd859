import Graph from "graphology";
import Sigma from "sigma";
import forceAtlas2 from "graphology-layout-forceatlas2";
window.TGNetwork = { Graph: Graph, Sigma: Sigma, forceAtlas2: forceAtlas2 };
