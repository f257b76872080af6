import { loadMobyDick } from './moby-dick';
import { loadSpamAssassin, splitEmail, splitTrainTest, SPAM_ASSASSIN_COUNT } from './spam';
import { buildVocabulary, tokenize } from './text';

describe('SpamAssassin corpus', () => {
  const corpus = loadSpamAssassin();

  it('holds 1,896 spam and 4,150 ham emails', () => {
    expect(corpus.emails.length).toBe(SPAM_ASSASSIN_COUNT);
    expect(corpus.emails.filter((email) => email.label === 1).length).toBe(1896);
    expect(corpus.source).toContain('Enron');
  });

  it('strips the headers but keeps the subject', () => {
    const first = corpus.emails.find((email) => email.id.startsWith('spam-1/00001.'))!;
    expect(first.subject).toBe('Life Insurance - Why Pay More?');
    expect(first.body.startsWith('<!DOCTYPE HTML')).toBe(true);
    expect(first.body).not.toContain('Return-Path:');
  });

  it('splitEmail handles folded subjects and CRLF', () => {
    expect(splitEmail('From: a\r\nSubject: one\r\n two\r\n\r\nbody\r\n')).toEqual({ subject: 'one two', body: 'body\n' });
    expect(splitEmail('no headers end')).toEqual({ subject: '', body: '' });
  });

  it('splits deterministically and keeps the class ratio', () => {
    const a = splitTrainTest(corpus.emails, { seed: 3 });
    const b = splitTrainTest(corpus.emails, { seed: 3 });
    expect(a.test.map((email) => email.id)).toEqual(b.test.map((email) => email.id));
    expect(a.train.length + a.test.length).toBe(SPAM_ASSASSIN_COUNT);
    expect(a.test.filter((email) => email.label === 1).length).toBe(Math.round(1896 * 0.2));
    const trainIds = new Set(a.train.map((email) => email.id));
    expect(a.test.some((email) => trainIds.has(email.id))).toBe(false);
    expect(splitTrainTest(corpus.emails, { seed: 4 }).test.map((e) => e.id)).not.toEqual(a.test.map((e) => e.id));
  });
});

describe('Moby-Dick', () => {
  const { text, source } = loadMobyDick();

  it('is the whole novel', () => {
    expect(text.startsWith('CHAPTER 1. Loomings.')).toBe(true);
    expect(text).toContain('Call me Ishmael.');
    expect(source).toContain('moby-dick');
  });

  it('has a vocabulary whose head is pinned (same order on every machine and run)', () => {
    const vocabulary = buildVocabulary(tokenize(text));
    expect(vocabulary.words.slice(0, 10)).toEqual(['the', 'of', 'and', 'a', 'to', 'in', 'that', 'his', 'it', 'i']);
    expect(vocabulary.words.length).toBe(18501);
  });
});
