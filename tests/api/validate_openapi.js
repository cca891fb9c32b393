// Validates an OpenAPI document with @apidevtools/swagger-parser: the OpenAPI 3.0 JSON Schema,
// then the semantic checks (resolvable $refs, unique operationIds, path parameters declared).
// Usage: node validate_openapi.js FILE — prints "valid" and exits 0, else the problems, exit 1.
'use strict';
const SwaggerParser = require('@apidevtools/swagger-parser');

const file = process.argv[2];
if (!file) {
  console.error('usage: node validate_openapi.js FILE');
  process.exit(2);
}
SwaggerParser.validate(file)
  .then((api) => {
    console.log(`valid: ${api.info.title} ${api.info.version} (OpenAPI ${api.openapi})`);
  })
  .catch((err) => {
    console.error(`invalid: ${err.message}`);
    process.exit(1);
  });
