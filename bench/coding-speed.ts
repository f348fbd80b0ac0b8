/**
 * Coding speed alone: how many posts per second one core codes with a codebook (default cta-v1),
 * on deterministic, realistic multilingual posts of 20–60 tokens (calls and narration, links,
 * mentions, hashtags, emoji) in the codebook's six languages and a few it lacks.
 *
 *   npx tsx bench/coding-speed.ts [--posts N] [--seconds S] [--codebook file.yaml]
 *
 * Prints posts per CPU second (one core) for codePost as a whole (sentiment included), for coding
 * without sentiment (codeCalls) and for sentiment alone (sentimentOf), each with the export's
 * language given and with the language left to detection. Measured, never asserted: no test depends on these figures.
 */
import { parseArgs } from 'node:util';
import { loadCodebook } from '../src/codebook/load-codebook.js';
import { codeCalls, codePost } from '../src/coding/code-post.js';
import { sentimentOf } from '../src/coding/sentiment.js';
import type { Post } from '../src/types/contracts.js';
import { textPost } from '../src/coding/text-post.js';
import { seededRandom } from './synthetic-posts.js';

const { values } = parseArgs({
  options: {
    posts: { type: 'string', default: '20000' },
    seconds: { type: 'string', default: '3' },
    codebook: { type: 'string' },
  },
});


interface Bank {
  calls: readonly string[];
  other: readonly string[];
}

const banks: Readonly<Record<string, Bank>> = {
  en: {
    calls: [
      'Sign the petition before Friday, it only takes a minute',
      "Let's all go vote on Sunday and bring a friend",
      'Join us Saturday at 11am in Market Square for the climate march',
      'Please share this with everyone in the neighbourhood',
      'If you can, chip in $5 to keep the food bank open',
      'Call your councillor today and ask them to keep the library open',
      'Follow us and turn on notifications for live updates',
      'Tell us in the comments what you think of the new bus lanes',
      "Don't buy from brands that dump waste in our rivers",
      'Read the full report here',
      'Pre-order your copy now and use code SPRING10 for 10% off',
      'Link in bio to donate',
      'You have to watch this interview',
    ],
    other: [
      'We marched yesterday with thousands of neighbours',
      'The council met on Tuesday to discuss the budget for next year',
      'I voted this morning at the old fire station',
      'They asked us to donate our surplus bread, and we did',
      'The petition reached 100,000 signatures last night',
      'Rain is expected across the region for most of the week',
      'What a wonderful evening with friends and family',
      'The minister refused to comment on the report',
      'Prices at the market went up again this month according to traders',
      'Thank you to everyone who came to the open day',
    ],
  },
  de: {
    calls: [
      'Unterschreibt jetzt die Petition gegen die Kürzungen',
      'Geht am Sonntag wählen und nehmt eure Nachbarn mit',
      'Lasst uns gemeinsam auf die Straße gehen',
      'Bitte teilen, damit es möglichst viele Menschen sehen',
      'Jetzt spenden und die Tafel in unserer Stadt unterstützen',
      'Ruft eure Abgeordneten an und sagt ihnen eure Meinung',
      'Macht mit beim Klimastreik am Freitag um 12 Uhr',
      'Folgt uns für mehr Updates aus dem Landtag',
      'Kauft nicht bei Firmen, die Flüsse verschmutzen',
      'Schreibt uns eure Meinung in die Kommentare',
    ],
    other: [
      'Wir waren gestern mit tausenden Menschen auf der Straße',
      'Ich habe heute Morgen im alten Rathaus gewählt',
      'Der Stadtrat hat am Dienstag über den Haushalt beraten',
      'Die Petition hat über 100.000 Unterschriften erreicht',
      'Was für ein schöner Abend mit Freunden und Familie',
      'Die Ministerin wollte sich zu dem Bericht nicht äußern',
    ],
  },
  da: {
    calls: [
      'Skriv under på underskriftindsamlingen inden fredag',
      'Stem på os den 1. november og tag en ven med',
      'Lad os gå på gaden sammen på lørdag',
      'Del gerne opslaget med alle du kender',
      'Støt madbanken med et bidrag i dag',
      'Følg os for flere opdateringer fra Christiansborg',
      'Skriv til dit folketingsmedlem og bed om støtte',
      'Køb ikke ind hos firmaer, der forurener vores åer',
    ],
    other: [
      'Vi marcherede i går sammen med tusindvis af naboer',
      'Jeg stemte i morges på den gamle skole',
      'Byrådet mødtes tirsdag for at drøfte budgettet',
      'Hvilken dejlig aften med venner og familie',
      'Ministeren ville ikke kommentere rapporten',
    ],
  },
  es: {
    calls: [
      'Firma la petición antes del viernes, solo lleva un minuto',
      'Vota el domingo y lleva a un amigo contigo',
      'Vamos a salir a la calle el sábado a las 12',
      'Compártelo con todos tus contactos',
      'Dona lo que puedas al banco de alimentos',
      'Síguenos y activa las notificaciones',
      'No compres en marcas que contaminan nuestros ríos',
      'Escribe a tu diputado y pídele que vote en contra',
    ],
    other: [
      'Ayer votamos en el colegio de siempre',
      'Ayer marchamos miles de vecinos por el centro',
      'El ayuntamiento se reunió el martes para hablar del presupuesto',
      'Qué noche tan bonita con amigos y familia',
      'La ministra no quiso comentar el informe',
    ],
  },
  fr: {
    calls: [
      'Signez la pétition avant vendredi, ça prend une minute',
      'Votez dimanche et emmenez un ami',
      'Allons manifester samedi devant la mairie',
      'Partagez autour de vous',
      'Faites un don à la banque alimentaire',
      'Abonnez-vous et activez les notifications',
      "N'achetez pas chez les marques qui polluent nos rivières",
      'Rejoignez-nous au rassemblement de 14h',
    ],
    other: [
      'Nous avons signé la lettre ouverte hier soir',
      'Nous avons manifesté hier avec des milliers de voisins',
      'Le conseil municipal s’est réuni mardi pour discuter du budget',
      'Quelle belle soirée entre amis et en famille',
      'La ministre a refusé de commenter le rapport',
    ],
  },
  nl: {
    calls: [
      'Teken de petitie voor vrijdag, het kost maar een minuut',
      'Stem op zondag en neem een vriend mee',
      'Laten we zaterdag samen de straat op gaan',
      'Deel dit met iedereen in de buurt',
      'Doneer wat je kunt aan de voedselbank',
      'Volg ons en zet de meldingen aan',
      'Koop niet bij merken die onze rivieren vervuilen',
      'Doe mee aan de klimaatmars op zondag',
    ],
    other: [
      'Wij hebben de petitie gisteren getekend',
      'Gisteren liepen we met duizenden buren mee',
      'De gemeenteraad vergaderde dinsdag over de begroting',
      'Wat een mooie avond met vrienden en familie',
      'De minister wilde niet reageren op het rapport',
    ],
  },
  it: {
    calls: ['Firma la petizione prima di venerdì', 'Condividi questo post con i tuoi amici'],
    other: ['Ieri abbiamo votato tutti insieme', 'Che bella giornata al mare con i bambini'],
  },
  pt: {
    calls: ['Assine a petição antes de sexta-feira', 'Partilhem esta publicação com os vossos amigos'],
    other: ['Ontem votamos todos juntos', 'O governo anunciou hoje uma nova lei'],
  },
};

/** Share of posts per language: mostly the codebook's languages, a few it lacks. */
const languageMix: readonly (readonly [string, number])[] = [
  ['en', 0.4],
  ['de', 0.15],
  ['es', 0.12],
  ['fr', 0.1],
  ['nl', 0.08],
  ['da', 0.08],
  ['it', 0.04],
  ['pt', 0.03],
];

const extras = {
  links: ['https://www.change.org/p/save-the-river', 'https://gofundme.com/f/food-bank', 'https://example.org/report?utm_source=tw', 'bit.ly/3xYz'],
  mentions: ['@cityhall', '@GreenParty', '@bbcnews', '@alice_w', '@FoodBankHQ'],
  hashtags: ['#ClimateStrike', '#SaveTheRiver', '#GoVote', '#Budget2024', '#FoodBank', '#Solidarity'],
  emoji: ['🔥', '👉', '💚', '🗳️', '✊🏽', '🙏', '📢', '😂'],
};

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

function language(random: () => number): string {
  let r = random();
  for (const [lang, share] of languageMix) {
    if (r < share) return lang;
    r -= share;
  }
  return 'en';
}

const wordCount = (text: string) => text.split(/\s+/).length;

/** A post of 20–60 tokens: two to five sentences, about half of the posts with a call. */
function generatePost(i: number, random: () => number): Post {
  const lang = language(random);
  const bank = banks[lang]!;
  const target = 20 + Math.floor(random() * 41);
  const parts: string[] = [];
  const withCall = random() < 0.5;
  let tokens = 0;
  while (tokens < target) {
    const sentence = withCall && (parts.length === 0 || random() < 0.3) ? pick(bank.calls, random) : pick(bank.other, random);
    const end = random() < 0.2 ? '!' : '.';
    let piece = `${sentence}${end}`;
    const extra = random();
    if (extra < 0.15) piece += ` ${pick(extras.links, random)}`;
    else if (extra < 0.3) piece += ` ${pick(extras.hashtags, random)}`;
    else if (extra < 0.42) piece = `${pick(extras.mentions, random)} ${piece}`;
    else if (extra < 0.55) piece += ` ${pick(extras.emoji, random)}`;
    parts.push(piece);
    tokens += wordCount(piece) + 1;
  }
  return textPost(parts.join(random() < 0.2 ? '\n' : ' '), { file: 'bench', format: 'bench', row: i + 2 }, {
    platform: 'twitter',
    post_id: String(1_000_000_000_000 + i),
    account_id: String(i % 500),
    account_handle: `account${i % 500}`,
    created_at: '2024-05-01T12:00:00Z',
    lang,
    followers: 1000,
    likes: 10,
    comments: 1,
    shares: 2,
    is_repost: false,
  });
}

/** CPU seconds of this process: other processes on the machine do not count against it. */
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/**
 * Runs `work` over the posts repeatedly for about `seconds` of CPU time after one warm-up pass;
 * posts per CPU second, so that a busy machine does not lower the figure.
 */
function measure(posts: readonly Post[], seconds: number, work: (post: Post) => unknown): number {
  for (const post of posts) work(post);
  let done = 0;
  const start = cpuSeconds();
  while (cpuSeconds() - start < seconds) {
    for (const post of posts) work(post);
    done += posts.length;
  }
  return done / (cpuSeconds() - start);
}

const random = seededRandom(20240501);
const count = Number(values.posts);
const seconds = Number(values.seconds);
const stated = Array.from({ length: count }, (_, i) => generatePost(i, random));
const undetected = stated.map((post) => ({ ...post, lang: null }));
const { compiled, file } = await loadCodebook(values.codebook);

const tokens = stated.reduce((sum, post) => sum + wordCount(post.text), 0) / stated.length;
const ctaShare = stated.filter((post) => codePost(post, compiled).coding.cta_any).length / stated.length;
console.log(`codebook ${file}; ${count} posts, ${tokens.toFixed(1)} words on average, ${(ctaShare * 100).toFixed(0)}% coded with a call; Node ${process.version}`);

const rows: [string, number][] = [];
for (const [label, posts] of [
  ['language given by the export', stated],
  ['language detected', undetected],
] as const) {
  const whole = measure(posts, seconds, (post) => codePost(post, compiled));
  const without = measure(posts, seconds, (post) => codeCalls(post, compiled));
  const languages = posts.map((post) => codeCalls(post, compiled).lang);
  let next = 0;
  const sentiment = measure(posts, seconds, (post) => sentimentOf(post.text, languages[next++ % posts.length]!));
  rows.push([`codePost, ${label}`, whole], ['  without sentiment (codeCalls)', without], ['  sentiment alone (sentimentOf)', sentiment]);
}
for (const [label, rate] of rows) console.log(`${label.padEnd(44)} ${Math.round(rate).toLocaleString('en-US').padStart(9)} posts/s`);
