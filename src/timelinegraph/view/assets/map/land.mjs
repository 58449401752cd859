import { readFileSync, writeFileSync } from "fs";
import { feature } from "topojson-client";
const topo = JSON.parse(readFileSync("node_modules/world-atlas/land-110m.json", "utf8"));
const land = feature(topo, topo.objects.land);
const r = (v) => Math.round(v * 10) / 10;
let d = "";
for (const f of land.features) {
  const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
  for (const poly of polys) for (const ring of poly) {
    d += "M" + ring.map(([lon, lat]) => r(lon + 180) + " " + r(90 - lat)).join("L") + "Z";
  }
}
writeFileSync(process.argv[2], d + "\n");
