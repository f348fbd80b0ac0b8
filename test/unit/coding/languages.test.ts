import { beforeAll, describe, expect, it } from 'vitest';
import type { CompiledCodebook } from '../../../src/codebook/compile-codebook.js';
import { loadCodebook } from '../../../src/codebook/load-codebook.js';
import { codePost } from '../../../src/coding/code-post.js';
import type { Coding } from '../../../src/types/contracts.js';
import { textPost } from '../../../src/coding/text-post.js';

/*
 * cta-v1 beyond its own examples (which are checked when it loads): each language's imperative,
 * hortative and negative forms, and its narration, reports, statements and negated calls, which
 * must code nothing. Expected categories are in codebook order; empty means no call.
 */

let codebook: CompiledCodebook;
beforeAll(async () => {
  codebook = (await loadCodebook()).compiled;
});

function code(text: string, lang: string | null): Coding {
  const post = textPost(text, { file: 'test.csv', format: 'generic-csv', row: 2 }, { platform: 'facebook', post_id: '1', lang });
  return codePost(post, codebook).coding;
}

const cases: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  // German
  de: [
    ["Unterschreib die Petition!", "petition"],
    ["Unterschreibt die Petition gegen Massentierhaltung.", "petition"],
    ["Unterschreiben Sie die Petition.", "petition"],
    ["Lasst uns am Samstag für das Klima demonstrieren!", "protest"],
    ["Geht wählen!", "vote"],
    ["Jetzt spenden!", "donate"],
    ["Bitte teilen!", "share"],
    ["Macht mit!", "volunteer"],
    ["Ruft eure Abgeordneten an und sagt ihnen, was ihr denkt.", "contact"],
    ["Kauft nicht bei Konzernen, die Steuern vermeiden.", "boycott"],
    ["Folgt uns auf Instagram.", "follow"],
    ["Schreibt eure Meinung in die Kommentare!", "engage"],
    ["Tragt am Freitag eine gelbe Schleife.", "support"],
    ["Schaut euch die Doku an!", "inform"],
    ["Jetzt Tickets sichern!", "purchase"],
    ["Ihr solltet unbedingt wählen gehen.", "vote"],
    ["Wollt ihr mitmachen?", "volunteer"],
    ["Ich habe gestern gewählt.", ""],
    ["Wir haben gestern demonstriert.", ""],
    ["Die Partei forderte ihre Anhänger auf, zu spenden.", ""],
    ["Die Petition wurde von 50.000 Menschen unterschrieben.", ""],
    ["Ihr müsst das nicht teilen.", ""],
    ["Teile der Opposition wollen klagen.", ""],
    ["Er sagte: „Geht wählen“.", ""],
    ["Ihr müsst das nicht teilen.", ""],
    ["Ihr solltet dort nicht kaufen.", "boycott"],
  ],
  // Danish
  da: [
    ["Skriv under på borgerforslaget!", "petition"],
    ["Stem på Enhedslisten!", "vote"],
    ["Lad os gå på gaden!", "protest"],
    ["Del gerne!", "share"],
    ["Følg os på Instagram.", "follow"],
    ["Giv et bidrag til indsamlingen.", "donate"],
    ["Bliv medlem af fagforeningen.", "volunteer"],
    ["Køb ikke ind hos Amazon.", "boycott"],
    ["Stem ikke på Nye Borgerlige.", "vote"],
    ["Skriv til din borgmester.", "contact"],
    ["Husk at like og dele!", "share,engage"],
    ["Læs artiklen her.", "inform"],
    ["Vi marcherede i går.", ""],
    ["Jeg har skrevet under.", ""],
    ["Borgerforslaget fik 50.000 underskrifter.", ""],
    ["Du behøver ikke at dele det her.", ""],
  ],
  // Spanish
  es: [
    ["Firma la petición.", "petition"],
    ["Firmad la petición.", "petition"],
    ["Firme la petición.", "petition"],
    ["¡Vota!", "vote"],
    ["Vamos a salir a la calle el 8M.", "protest"],
    ["No votes a la extrema derecha.", "vote"],
    ["Compártelo.", "share"],
    ["Síguenos en Instagram.", "follow"],
    ["Dona a la campaña de Cruz Roja.", "donate"],
    ["Únete a nuestro sindicato.", "volunteer"],
    ["No compres en Amazon.", "boycott"],
    ["Escribe a tu alcalde.", "contact"],
    ["Déjanos tu comentario.", "engage"],
    ["Mira el documental completo.", "inform"],
    ["Compra entradas para el concierto.", "purchase"],
    ["Ayer votamos.", ""],
    ["Hemos firmado la carta.", ""],
    ["El sindicato pidió a los trabajadores que secundaran la huelga.", ""],
    ["La petición superó las 50.000 firmas.", ""],
    ["No hace falta firmar dos veces.", ""],
    ["No comparte nada en redes.", ""],
  ],
  // French
  fr: [
    ["Signez la pétition !", "petition"],
    ["Signe la pétition.", "petition"],
    ["Votez !", "vote"],
    ["Allons manifester samedi.", "protest"],
    ["N'achetez pas chez Shein.", "boycott"],
    ["Partagez !", "share"],
    ["Abonnez-vous à notre chaîne.", "follow"],
    ["Rejoignez-nous !", "volunteer"],
    ["À partager !", "share"],
    ["Faites un don à la cagnotte.", "donate"],
    ["Écrivez à votre député.", "contact"],
    ["Laissez un commentaire.", "engage"],
    ["Regardez la vidéo.", "inform"],
    ["Commandez dès maintenant.", "purchase"],
    ["Nous avons signé.", ""],
    ["Nous avons voté hier.", ""],
    ["Le syndicat a appelé à manifester.", ""],
    ["La pétition a recueilli 10 000 signatures.", ""],
    ["Pas besoin de signer.", ""],
  ],
  // Dutch
  nl: [
    ["Teken de petitie.", "petition"],
    ["Stem op de Partij voor de Dieren.", "vote"],
    ["Laten we gaan demonstreren.", "protest"],
    ["Deel dit.", "share"],
    ["Doe mee.", "volunteer"],
    ["Volg ons.", "follow"],
    ["Koop niet bij Shein.", "boycott"],
    ["Doneer aan de voedselbank.", "donate"],
    ["Mail je wethouder.", "contact"],
    ["Laat een reactie achter.", "engage"],
    ["Lees het artikel.", "inform"],
    ["Bestel het boek nu.", "purchase"],
    ["Wij hebben getekend.", ""],
    ["Wij hebben gisteren gedemonstreerd.", ""],
    ["De vakbond riep op tot staken.", ""],
    ["De petitie kreeg 10.000 handtekeningen.", ""],
    ["Je hoeft niet te stemmen.", ""],
    ["Je moet daar niet kopen.", "boycott"],
  ],
};

describe.each(Object.entries(cases))('%s', (lang, examples) => {
  it.each(examples)('%s → %s', (text, expected) => {
    expect(code(text, lang).categories.join(',')).toBe(expected);
  });

  it('detects the language of its posts of three words or more and codes them the same', () => {
    for (const [text, expected] of examples.filter(([text]) => text.split(' ').length >= 3)) {
      const coding = code(text, null);
      expect(coding.lang, text).toBe(lang);
      expect(coding.categories.join(','), text).toBe(expected);
    }
  });
});

describe('negation after the verb (followed_by)', () => {
  it('counts a negated purchase as boycott and records the negation in the evidence', () => {
    expect(code('Kauft nicht bei Amazon.', 'de').evidence).toEqual([
      { category: 'boycott', rule: 'negative-directive', cue: 'kauft', text: 'Kauft nicht', start: 0, end: 11 },
    ]);
  });

  it('reads the rest of the cue after the negation and lets the negation follow an object', () => {
    expect(code('Stem ikke på Nye Borgerlige.', 'da').evidence.map((e) => `${e.category}/${e.rule}/${e.cue}`)).toEqual(['vote/negative-directive/stem på']);
    expect(code('Steun die bedrijven niet.', 'nl').categories).toEqual(['boycott']);
    expect(code('Støt dem ikke.', 'da').categories).toEqual(['boycott']);
  });
});

describe('Spanish no + subjunctive (marked_only)', () => {
  it('counts the subjunctive, not the indicative that looks like an imperative', () => {
    expect(code('No votes a la ultraderecha.', 'es').categories).toEqual(['vote']);
    expect(code('No vota nadie en mi familia.', 'es').categories).toEqual([]);
    expect(code('No compres en Zara.', 'es').categories).toEqual(['boycott']);
  });
});
