/* global URL */
/**
 * The manifest for a deployment: every https://localhost:3000/ address rewritten to the base URL
 * the add-in is served from. An AppDomain is an origin, so it gets the base's origin (with the
 * trailing slash, like every address in the manifest, so that no address is missed).
 */
function manifestFor(content, base) {
  const target = new URL(base);
  if (target.protocol !== 'https:') throw new Error(`the add-in must be served over https, not ${base}`);
  const href = target.href.endsWith('/') ? target.href : `${target.href}/`;
  return content
    .replace(
      /<AppDomain>https:\/\/localhost:3000\/<\/AppDomain>/g,
      `<AppDomain>${target.origin}/</AppDomain>`,
    )
    .replace(/https:\/\/localhost:3000\//g, href);
}

module.exports = { manifestFor };
