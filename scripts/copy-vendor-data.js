// `npm run build`, after tsc: the Istio reference data validate/ reads at run time, copied to dist/vendor/,
// where the compiled validate/*.js look for it (`__dirname/../vendor/istio/<version>/...`, as in the sources).
// The CRD bundle, the gateway chart's values schema, the base and istiod charts' values and profiles, and
// Istio's LICENSE travel; chart templates and the base chart's copy of the CRDs do not (only `npm run verify`, from the repository, renders them).
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");
const from = path.join(root, "vendor", "istio");
const to = path.join(root, "dist", "vendor", "istio");
fs.rmSync(to, { recursive: true, force: true });
// A chart's files/ holds its profiles (read) and, in base, a second copy of the CRD bundle (not read).
const isRead = (src) => path.basename(src) !== "templates" && (path.basename(path.dirname(src)) !== "files" || /^profile-.*\.yaml$/.test(path.basename(src)));
fs.cpSync(from, to, { recursive: true, filter: isRead });
