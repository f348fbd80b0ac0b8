/**
 * Telegram Desktop "Export chat history" `result.json`, FORMATS.md 5: one chat (`name`, `type`,
 * `id`, `messages[]`) or a full-account export whose chats are in `chats.list[]` and
 * `left_chats.list[]`. Each element of a `messages` array is one row: messages with text are
 * posts; service messages (joins, pins, title changes …), unsupported media and messages without
 * text (a photo without caption) are rejected rows whose reason says which they are.
 */
import { RowError } from './csv-format.js';
import type { JsonFormat } from './json-format.js';
import { finishPost } from './json-post.js';
import { asArray, asObject, count, epochSeconds, idText, isoTime, text, type JsonObject } from './json-values.js';
import type { ScalarValue } from './json-scanner.js';

const FORMAT_ID = 'telegram-desktop';
/** What Telegram Desktop writes in place of a media file that was not exported. */
export const FILE_NOT_INCLUDED = '(File not included. Change data exporting settings to download.)';

export const telegramDesktop: JsonFormat = {
  id: FORMAT_ID,
  label: 'Telegram Desktop chat export (result.json)',
  kind: 'json',
  detect(sample) {
    if (sample.layout !== 'object') return null;
    const single = sample.paths.has('messages') && (sample.paths.has('messages[].date_unixtime') || sample.paths.has('messages[].text_entities') || (sample.paths.has('name') && sample.paths.has('type') && sample.paths.has('id')));
    const account = sample.paths.has('personal_information') || sample.paths.has('chats.list') || sample.paths.has('left_chats.list');
    if (single) return ['messages[]'];
    return account ? ['chats.list[].messages[]', 'left_chats.list[].messages[]'] : null;
  },
  createItemMapper({ fileName }) {
    return (value, item) => {
      const message = asObject(value);
      if (message === null) throw new RowError('not a Telegram message: expected a JSON object');
      const type = text(message.type) ?? 'message';
      if (type === 'service') throw new RowError(`service message (${text(message.action) ?? 'no action'}), not a post`);
      if (type !== 'message') throw new RowError(`a message of type ${JSON.stringify(type)} (media Telegram Desktop could not export), not a post`);
      const chat = item.context;
      const chatId = scalarText(chat.id);
      const messageId = idText(message.id);
      const entities = asArray(message.text_entities).map(asObject).filter((entity) => entity !== null);
      const body = entities.length > 0 ? entities.map((entity) => (typeof entity.text === 'string' ? entity.text : '')).join('') : joinText(message.text);
      const ofType = (...types: string[]) => entities.filter((entity) => types.includes(String(entity.type)));
      const unixtime = message.date_unixtime;
      const dateText = text(message.date);
      const created = unixtime !== undefined ? epochSeconds(unixtime) : dateText === null ? null : isoTime(dateText);
      const media = mediaType(message);
      if (body.trim() === '') throw new RowError(`empty text (${media === null ? 'a message without text' : `a ${media} without caption`})`);
      return [finishPost({
        platform: 'telegram',
        post_id: messageId === null ? null : chatId === null ? messageId : `${chatId}/${messageId}`,
        account_id: text(message.from_id) ?? text(message.actor_id),
        account_handle: null,
        account_name: text(message.from) ?? scalarText(chat.name),
        created,
        createdText: unixtime !== undefined ? String(unixtime) : dateText,
        text: body,
        url: null,
        links: [...ofType('link').map((entity) => text(entity.text)), ...ofType('text_link').map((entity) => text(entity.href))].filter((link) => link !== null),
        hashtags: ofType('hashtag').map((entity) => text(entity.text)).filter((tag) => tag !== null),
        mentions: ofType('mention').map((entity) => text(entity.text)).filter((name) => name !== null),
        post_type: media ?? 'text',
        reactions: reactionCount(message.reactions),
        is_repost: message.forwarded_from !== undefined && message.forwarded_from !== null,
      }, { file: fileName, format: FORMAT_ID, row: item.line }, { text: 'text', created: unixtime !== undefined ? 'date_unixtime' : 'date' })];
    };
  },
};

/** `text` as Telegram writes it: a string, or an array of strings and `{type, text}` parts. */
function joinText(value: unknown): string {
  if (typeof value === 'string') return value;
  return asArray(value).map((part) => (typeof part === 'string' ? part : text(asObject(part)?.text) ?? '')).join('');
}

function mediaType(message: JsonObject): string | null {
  const declared = text(message.media_type);
  if (declared !== null) return declared;
  for (const key of ['photo', 'file', 'poll', 'location_information', 'contact_information']) if (message[key] !== undefined) return key === 'location_information' ? 'location' : key === 'contact_information' ? 'contact' : key;
  return null;
}

function reactionCount(reactions: unknown): number | null {
  const list = asArray(reactions).map(asObject).filter((reaction) => reaction !== null);
  if (list.length === 0) return null;
  return list.reduce((sum, reaction) => sum + (count(reaction.count) ?? 0), 0);
}

function scalarText(value: ScalarValue | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
