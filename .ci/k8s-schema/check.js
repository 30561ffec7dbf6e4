// Validates every Kubernetes object in the given multi-document YAML files against the
// Kubernetes schemas of kubernetes-models: enums, types and required fields, which the
// Java (fabric8) checks do not cover. Custom resources without a model are reported and
// skipped. Exit status 1 on any violation.
const fs = require('fs');
const yaml = require('js-yaml');

let failures = 0;
let checked = 0;
for (const file of process.argv.slice(2)) {
  for (const doc of yaml.loadAll(fs.readFileSync(file, 'utf8'))) {
    if (!doc) continue;
    const [group, version] = doc.apiVersion.includes('/') ? doc.apiVersion.split('/') : [null, doc.apiVersion];
    let Model;
    try {
      const module = group ? `kubernetes-models/${group}/${version}/${doc.kind}` : `kubernetes-models/${version}/${doc.kind}`;
      Model = require(module)[doc.kind];
    } catch (e) {
      console.log(`skip ${doc.apiVersion} ${doc.kind} ${doc.metadata.name}: no model`);
      continue;
    }
    try {
      new Model(doc).validate();
      checked++;
    } catch (e) {
      failures++;
      console.log(`FAIL ${file}: ${doc.kind} ${doc.metadata.name}: ${e.message}`);
    }
  }
}
console.log(`${checked} objects valid, ${failures} invalid`);
process.exit(failures === 0 && checked > 0 ? 0 : 1);
