// UTM parameters and advertising click ids from a URL's query string.

/** Click ids copied into the event's properties (and context.campaign) when present. */
export const CLICK_IDS = ['gclid', 'gbraid', 'wbraid', 'msclkid', 'fbclid', 'li_fat_id', 'ttclid', 'twclid'];

export type Dict = Record<string, string>;

/**
 * Reads `utm_source|medium|campaign|term|content` into a Segment-style campaign
 * (`utm_campaign` becomes `name`) and the click ids into `clicks`. Empty values are ignored;
 * both results are undefined when nothing was found.
 */
export function parseCampaign(search: string): { campaign?: Dict; clicks?: Dict } {
  const p = new URLSearchParams(search);
  let campaign: Dict | undefined;
  let clicks: Dict | undefined;
  for (const [k, raw] of p) {
    const v = raw.trim().slice(0, 500);
    if (!v) continue;
    const key = k.toLowerCase();
    if (key.startsWith('utm_')) {
      const f = key.slice(4);
      if (/^(source|medium|campaign|term|content)$/.test(f)) (campaign ||= {})[f == 'campaign' ? 'name' : f] = v;
    } else if (CLICK_IDS.includes(key)) {
      (clicks ||= {})[key] = v;
    }
  }
  return { campaign, clicks };
}
