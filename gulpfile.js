const { src, dest } = require('gulp');

/** Copies what tsc does not: icons (light and dark) and the codex files, into dist/. */
function buildAssets() {
	return src(['icons/**/*.svg', 'nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:assets'] = buildAssets;
