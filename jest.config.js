/** Tests are compiled by `tsc -p tsconfig.json` into .build/ (type-checked), then run from there. */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/.build/test'],
	testMatch: ['**/*.test.js'],
	testTimeout: 60000,
	maxWorkers: 2,
};
