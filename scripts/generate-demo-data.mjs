// Writes public/demo/demo-customers.csv: 1,000 fictional customers from a fixed seed, so the file is the
// same on every run. A few rows hold wrong-type values on purpose, so a newcomer sees the Failed counter
// and the log messages. Run with `node scripts/generate-demo-data.mjs`; the output is committed.
import { writeFileSync } from 'node:fs';

const FIRST_NAMES = ['Ada', 'Alan', 'Grace', 'Linus', 'Margaret', 'Tim', 'Barbara', 'Ken', 'Frances', 'Dennis', 'Radia', 'Edsger', 'Hedy', 'Donald', 'Katherine', 'John', 'Sophie', 'Yukihiro', 'Anita', 'Guido', 'Mary', 'Niklaus', 'Joan', 'Bjarne', 'Shafi', 'Amara', 'Chen', 'Ines', 'Kofi', 'Noor'];
const LAST_NAMES = ['Lovelace', 'Turing', 'Hopper', 'Torvalds', 'Hamilton', 'Berners-Lee', 'Liskov', 'Thompson', 'Allen', 'Ritchie', 'Perlman', 'Dijkstra', 'Lamarr', 'Knuth', 'Johnson', 'McCarthy', 'Wilson', 'Matsumoto', 'Borg', 'van Rossum', 'Keller', 'Wirth', 'Clarke', 'Stroustrup', 'Goldwasser', 'Okafor', 'Wei', 'García', 'Mensah', 'Haddad'];
const CITIES = [['Amsterdam', '1011 AB'], ['Utrecht', '3511 LX'], ['Rotterdam', '3011 AD'], ['Lyon', '69001'], ['Porto', '4000-322'], ['Gent', '9000'], ['Malmö', '211 20'], ['Bergen', '5003'], ['Kraków', '31-001'], ['Zürich', '8001']];

// Mulberry32: a small seeded generator, so the demo file never changes between runs.
function createRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = createRandom(20261204);
const pick = (list) => list[Math.floor(random() * list.length)];
const pad = (n) => String(n).padStart(2, '0');
const quote = (value) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

const lines = ['email,first_name,last_name,city,postal_code,birth_date,loyalty_points,newsletter'];
// Rows that carry a wrong-type value: text in a number, an impossible date, an unknown boolean.
const wrongType = new Map([
  [137, 'points'],
  [402, 'date'],
  [650, 'boolean'],
  [871, 'points'],
]);

for (let i = 1; i <= 1000; i++) {
  const first = pick(FIRST_NAMES);
  const last = pick(LAST_NAMES);
  const [city, postalCode] = pick(CITIES);
  const email = `${first}.${last}.${i}@example.com`.toLowerCase().replace(/[^a-z0-9.@-]/g, '');
  const birthDate = `${1950 + Math.floor(random() * 55)}-${pad(1 + Math.floor(random() * 12))}-${pad(1 + Math.floor(random() * 28))}`;
  const points = Math.floor(random() * 25000);
  const newsletter = random() < 0.6 ? 'yes' : 'no';
  const row = [email, first, last, city, postalCode, birthDate, points >= 1000 ? points.toLocaleString('en-US') : String(points), newsletter];
  const fault = wrongType.get(i);
  if (fault === 'points') row[6] = 'lots';
  if (fault === 'date') row[5] = '1987-02-30';
  if (fault === 'boolean') row[7] = 'maybe';
  lines.push(row.map(quote).join(','));
}

writeFileSync('public/demo/demo-customers.csv', lines.join('\n') + '\n');
