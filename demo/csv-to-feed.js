#!/usr/bin/env node
// Turns the 2018 Vancouver Take Home Naloxone pharmacy list (CSV) into a native feed (version 1)
// for the demo page. A one-off converter with no dependencies; the widget's own CSV support is
// separate. Usage: node demo/csv-to-feed.js <input.csv> <output.json>
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';

const ID_PREFIX = 'van-';
const CANADIAN_REGIONS = new Set(['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT']);
const REQUIRED_COLUMNS = ['name', 'latitude', 'longitude'];
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

const FEED_HEAD = {
  version: 1,
  title: 'Vancouver Take Home Naloxone pharmacies: demonstration data from 2018, not a current directory',
  // The list dates from 2018; no finer date is known, so the year alone (ISO 8601) is given.
  updated: '2018',
  source: {
    description:
      "The BC Ministry of Mental Health and Addictions' public list of Take Home Naloxone pharmacies (2018), as published in CSV form by the NaloxZone project.",
    url: 'https://github.com/jordanmchiu/NaloxZone',
    file: 'source-data/vancouver-pharmacies.csv',
    commit: '01ce36717b3f57168e215c280ea08dbb3603ec1b',
    license: 'MIT, (c) 2018 jordanmchiu',
    notice: 'For demonstration only. Not a current directory: pharmacies, stock and training change, so check with the pharmacy.',
    convertedBy: 'demo/csv-to-feed.js',
  },
};

/**
 * Reads CSV text (RFC 4180: quoted fields with "" escapes and embedded separators or line
 * breaks; CRLF, LF or CR line ends; optional BOM; the last line may lack a line end).
 * Returns records with the 1-based line each starts on, and the line of a record whose quoted
 * field is never closed (it then runs to the end of the text).
 */
function readCsv(text) {
  const records = [];
  let fields = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // Tracks whether the current record has any content, so a final line end adds no empty record.
  let started = false;

  const endField = () => {
    fields.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push({ line: recordLine, fields });
    fields = [];
    started = false;
  };

  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        field += c;
      }
      continue;
    }
    if (!started) {
      recordLine = line;
      started = true;
    }
    if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      endField();
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      line++;
      endRecord();
    } else {
      field += c;
    }
  }
  const unclosedLine = quoted ? recordLine : undefined;
  if (started) endRecord();
  return { records, unclosedLine };
}

const count = (n, noun) => `${n} ${noun}${n === 1 ? '' : 's'}`;

function splitCity(value) {
  const match = /^(.*?)[\s,]+([A-Za-z]{2})$/.exec(value);
  if (match && CANADIAN_REGIONS.has(match[2].toUpperCase())) {
    return { city: match[1], region: match[2].toUpperCase(), country: 'CA' };
  }
  return value ? { city: value } : {};
}

function coordinate(text, limit) {
  if (!DECIMAL.test(text)) return undefined;
  const value = Number(text);
  return Math.abs(value) <= limit ? value : undefined;
}

/** Builds one service from a CSV row, or returns the reasons it cannot be used. */
function toService(row, rowNumber) {
  const problems = [];
  const name = row.name ?? '';
  if (!name) problems.push('no name');
  const lat = coordinate(row.latitude ?? '', 90);
  const lng = coordinate(row.longitude ?? '', 180);
  if (lat === undefined) problems.push(`latitude "${row.latitude ?? ''}" is not a number between -90 and 90`);
  if (lng === undefined) problems.push(`longitude "${row.longitude ?? ''}" is not a number between -180 and 180`);
  if (problems.length) return { problems };

  const service = { id: `${ID_PREFIX}${rowNumber}`, name, lat, lng, types: ['naloxone'] };
  const address = { ...(row.address ? { street: row.address } : {}), ...splitCity(row.city ?? '') };
  if (Object.keys(address).length) service.address = address;

  const training = (row.training ?? '').toUpperCase();
  const notes = [];
  if (training === 'TRUE') service.description = 'Naloxone training was offered here, according to the 2018 source list.';
  else if (training !== 'FALSE' && training !== '') notes.push(`training value "${row.training}" is not TRUE or FALSE, so it is left out`);
  return { service, notes };
}

function convert(text, inputName) {
  const { records, unclosedLine } = readCsv(text);
  const messages = [];
  const [header, ...rows] = records;
  const columns = (header?.fields ?? []).map((column) => column.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((column) => !columns.includes(column));
  if (missing.length) throw new Error(`${inputName}: missing column(s) ${missing.join(', ')} in the header line`);

  const services = [];
  rows.forEach((record, index) => {
    const rowNumber = index + 1;
    const where = `${inputName} line ${record.line} (row ${rowNumber})`;
    if (record.fields.length === 1 && record.fields[0].trim() === '') return;
    if (record.fields.length !== columns.length) {
      messages.push(`${where}: ${count(record.fields.length, 'field')}, the header has ${columns.length}`);
    }
    const row = {};
    columns.forEach((column, i) => {
      row[column] = (record.fields[i] ?? '').trim();
    });
    const { service, problems = [], notes = [] } = toService(row, rowNumber);
    if (record.line === unclosedLine) problems.push('a quoted field is never closed, so the row runs to the end of the file');
    for (const note of notes) messages.push(`${where}: ${note}`);
    if (problems.length) {
      messages.push(`${where} skipped: ${problems.join('; ')}`);
      return;
    }
    services.push(service);
  });
  return { feed: { ...FEED_HEAD, services }, messages };
}

function main([input, output]) {
  if (!input || !output) {
    console.error('usage: node demo/csv-to-feed.js <input.csv> <output.json>');
    return 2;
  }
  let text;
  try {
    text = readFileSync(input, 'utf8');
  } catch (error) {
    console.error(`cannot read ${input}: ${error.message}`);
    return 1;
  }
  let result;
  try {
    result = convert(text, basename(input));
  } catch (error) {
    console.error(error.message);
    return 1;
  }
  for (const message of result.messages) console.error(message);
  try {
    writeFileSync(output, `${JSON.stringify(result.feed, null, 2)}\n`);
  } catch (error) {
    console.error(`cannot write ${output}: ${error.message}`);
    return 1;
  }
  console.error(`${output}: ${count(result.feed.services.length, 'service')}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
