/* Builds the task pane, the ribbon commands and the playground (Microsoft's Office add-in layout). */
const path = require('path');
const zlib = require('zlib');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { manifestFor } = require('./scripts/manifest-urls');

/** After a production build, prints what each page loads (its HTML and every local script it names), gzipped, against its budget. */
class GzipSizes {
  apply(compiler) {
    compiler.hooks.done.tap('GzipSizes', (stats) => {
      const fs = require('fs');
      const out = stats.compilation.outputOptions.path;
      const gz = (file) => zlib.gzipSync(fs.readFileSync(path.join(out, file)), { level: 9 }).length;
      const budgets = { taskpane: 300, commands: 120, dialog: 20, playground: Infinity };
      const lines = [];
      let over = false;
      for (const [page, budget] of Object.entries(budgets)) {
        const html = `${page}.html`;
        if (!fs.existsSync(path.join(out, html))) continue;
        const scripts = [
          ...fs.readFileSync(path.join(out, html), 'utf8').matchAll(/<script[^>]*\ssrc=["']?([^"'\s>]+)/g),
        ]
          .map((m) => m[1])
          .filter((src) => !/^https?:/.test(src));
        const files = [html, ...scripts];
        const kb = files.reduce((sum, f) => sum + gz(f), 0) / 1024;
        if (kb > budget) over = true;
        lines.push(
          `  ${page.padEnd(11)} ${kb.toFixed(1).padStart(7)} KB gzipped${Number.isFinite(budget) ? ` (budget ${budget} KB)` : ''}  ${files.join(' ')}`,
        );
      }
      console.log(
        `\nWhat each page loads (office.js itself comes from Microsoft's CDN):\n${lines.join('\n')}`,
      );
      if (over) console.log('OVER BUDGET');
    });
  }
}

/**
 * The localhost development certificate (npm start makes it: office-addin-dev-certs on Windows
 * and macOS, scripts/devCerts.js elsewhere).
 */
function devCerts() {
  const fs = require('fs');
  const f = require('./scripts/devCerts').files();
  return { key: fs.readFileSync(f.key), cert: fs.readFileSync(f.cert), ca: fs.readFileSync(f.ca) };
}

module.exports = (env, argv) => {
  const dev = argv.mode !== 'production';
  const base = process.env.ZIPING_BASE_URL || 'https://localhost:3000/';
  return {
    devtool: dev ? 'eval-source-map' : false,
    entry: {
      taskpane: './src/taskpane/index.tsx',
      commands: './src/commands/commands.ts',
      dialog: './src/commands/dialog.ts',
      playground: './src/playground/index.tsx',
    },
    output: { path: path.resolve(__dirname, 'dist/web'), filename: '[name].js', clean: true },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          use: {
            loader: 'ts-loader',
            options: {
              transpileOnly: true,
              configFile: 'tsconfig.json',
              compilerOptions: { module: 'es2020', sourceMap: false },
            },
          },
          exclude: /node_modules/,
        },
        { test: /\.xlsx$/, type: 'asset/inline' },
        { test: /\.css$/, type: 'asset/source' },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['commands', 'taskpane'],
        chunksSortMode: 'manual',
      }),
      new HtmlWebpackPlugin({
        filename: 'commands.html',
        template: './src/commands/commands.html',
        chunks: ['commands'],
      }),
      new HtmlWebpackPlugin({
        filename: 'dialog.html',
        template: './src/commands/dialog.html',
        chunks: ['dialog'],
      }),
      new HtmlWebpackPlugin({
        filename: 'support.html',
        template: './src/commands/support.html',
        chunks: [],
      }),
      new HtmlWebpackPlugin({
        filename: 'playground.html',
        template: './src/playground/playground.html',
        chunks: ['playground'],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => (dev ? content : manifestFor(content.toString(), base)),
          },
        ],
      }),
      ...(dev ? [] : [new GzipSizes()]),
    ],
    // one runtime per page, so the task pane and the ribbon commands share modules (and the shared runtime's message board)
    optimization: { runtimeChunk: 'single', splitChunks: { chunks: 'all' } },
    performance: { hints: false },
    devServer: {
      static: { directory: path.resolve(__dirname, 'dist/web') },
      port: Number(process.env.PORT || 3000),
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: process.env.ZIPING_HTTPS ? { type: 'https', options: devCerts() } : 'http',
      open: false,
    },
  };
};
