/*
 * The bench's bare receiving page's worker (scale.js, measureScaleReceive): the feed's services
 * sent to the page as the finder's feed worker sends them, JSON text of 1,000 per message, then
 * null. No code of ours: a yardstick for what receiving and keeping them costs the page.
 */
onmessage = async ({ data: url }) => {
  const { services } = await (await fetch(url)).json();
  for (let at = 0; at < services.length; at += 1000) postMessage(JSON.stringify(services.slice(at, at + 1000)));
  postMessage(null);
};
