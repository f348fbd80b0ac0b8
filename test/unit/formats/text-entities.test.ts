import { describe, expect, it } from 'vitest';
import { extractTextEntities } from '../../../src/formats/text-entities.js';

describe('extractTextEntities', () => {
  it('finds URLs without the sentence punctuation after them', () => {
    const { urls } = extractTextEntities('Sign it: https://act.example/petition. Or visit www.example.org, (see https://wiki.example/Rent_(law)). https://act.example/petition!');
    expect(urls).toEqual(['https://act.example/petition', 'www.example.org', 'https://wiki.example/Rent_(law)']);
  });

  it('finds hashtags and mentions lower-cased, without sigil, without repeats', () => {
    const entities = extractTextEntities('#RentFreeze now! Ask @CityCouncilRB and @Mayor_Lee. #rentfreeze #Miete_2023 #Ünïcode 🌱#seedswap');
    expect(entities.hashtags).toEqual(['rentfreeze', 'miete_2023', 'ünïcode', 'seedswap']);
    expect(entities.mentions).toEqual(['citycouncilrb', 'mayor_lee']);
  });

  it('ignores e-mail addresses, numbers, HTML entities, and sigils inside URLs', () => {
    const entities = extractTextEntities('Mail info@union.example about #1 &#39;quotes&#39; https://medium.com/@writer/post#section and https://x.example/#/tag');
    expect(entities.hashtags).toEqual([]);
    expect(entities.mentions).toEqual([]);
    expect(entities.urls).toEqual(['https://medium.com/@writer/post#section', 'https://x.example/#/tag']);
  });

  it('keeps dots inside handles but not at their end', () => {
    expect(extractTextEntities('Thanks @green.valley.climate.').mentions).toEqual(['green.valley.climate']);
  });

  it('finds nothing in text without entities', () => {
    expect(extractTextEntities('We marched yesterday.')).toEqual({ urls: [], hashtags: [], mentions: [] });
    expect(extractTextEntities('http:// and www. alone')).toEqual({ urls: [], hashtags: [], mentions: [] });
  });
});
