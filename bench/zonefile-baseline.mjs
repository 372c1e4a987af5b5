// The baseline of bench/scale.sh: the npm dns-zonefile generator (0.3.2) writing, one file each, the
// zones SfbPolicyGen writes for the same domains (records of README's DNS table, worldwide cloud).
// dns-zonefile's template needs an SOA, so each zone gets a fixed one. Timed end to end, Node.js start
// included, as the tool is. Usage: node zonefile-baseline.mjs ZONES.TSV OUTDIR (a line: domain TAB profile)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import zonefile from 'dns-zonefile';

const ttl = 3600;
const srv = (name, port, target) => ({ name, ttl, priority: 100, weight: 1, port, target });
const profiles = {
  troubleshooting: { cname: [{ name: 'sip', ttl, alias: 'sipdir.online.microsoft.com.' }] },
  'skype-online': {
    cname: [
      { name: 'lyncdiscover', ttl, alias: 'webdir.online.lync.com.' },
      { name: 'sip', ttl, alias: 'sipdir.online.lync.com.' },
    ],
    srv: [srv('_sip._tls', 443, 'sipdir.online.lync.com.'), srv('_sipfederationtls._tcp', 5061, 'sipfed.online.lync.com.')],
  },
  'teams-only': { srv: [srv('_sipfederationtls._tcp', 5061, 'sipfed.online.lync.com.')] },
};
const soa = { mname: 'ns1.example.', rname: 'hostmaster.example.', serial: 1, refresh: 3600, retry: 600, expire: 604800, minimum: 300 };

const [tsv, outDir] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
for (const line of readFileSync(tsv, 'utf8').split('\n')) {
  if (!line) continue;
  const [domain, profile] = line.split('\t');
  const text = zonefile.generate({ $origin: `${domain}.`, $ttl: ttl, soa, ...profiles[profile] });
  writeFileSync(`${outDir}/${domain}.zone`, text);
}
