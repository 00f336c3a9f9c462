// Parse a feed file with the Podcast Index's parser and print what it found as JSON.
import { readFileSync } from "node:fs";
import partytime from "podcast-partytime";

const xml = readFileSync(process.argv[2], "utf8");
const feed = partytime.parseFeed(xml, { allowMissingGuid: false });
process.stdout.write(JSON.stringify(feed, (key, value) => (value instanceof Set ? [...value] : value)));
