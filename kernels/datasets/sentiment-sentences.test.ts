import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadBookImdb, loadSentimentCorpus, loadSentimentSentences, splitSentimentSentences } from './sentiment-sentences';

describe('UCI Sentiment Labelled Sentences', () => {
  test('3,000 real sentences, 500 positive and 500 negative from each site', () => {
    const sentences = loadSentimentSentences();
    expect(sentences).toHaveLength(3000);
    for (const source of ['amazon', 'imdb', 'yelp'] as const) {
      const group = sentences.filter((s) => s.source === source);
      expect(group.filter((s) => s.label === 1)).toHaveLength(500);
      expect(group.filter((s) => s.label === 0)).toHaveLength(500);
    }
    expect(sentences[1000].text).toBe('A very, very, very slow-moving, aimless movie about a distressed, drifting young man.');
    expect(sentences.every((s) => s.text.length > 0 && s.text === s.text.trim())).toBe(true);
  });

  test('the split is seeded, stratified and disjoint', () => {
    const a = splitSentimentSentences({ seed: 1 });
    const b = splitSentimentSentences({ seed: 1 });
    expect(a.train.map((r) => r.text)).toEqual(b.train.map((r) => r.text));
    expect(a.train).toHaveLength(2400);
    expect(a.test).toHaveLength(600);
    expect(a.test.filter((r) => r.label === 1)).toHaveLength(300);
    const other = splitSentimentSentences({ seed: 2 });
    expect(other.test.map((r) => r.text)).not.toEqual(a.test.map((r) => r.text));
    expect(a.tokenizer).toBe('words');
  });
});

describe("the book's IMDB files", () => {
  test('are used when downloaded: the last 1,000 reviews are the test set', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gdl-imdb-'));
    fs.mkdirSync(path.join(dataDir, 'imdb'));
    const reviews = Array.from({ length: 2500 }, (_, i) => `review number ${i} was ${i % 2 ? 'great' : 'bad'}`);
    fs.writeFileSync(path.join(dataDir, 'imdb', 'reviews.txt'), reviews.join('\n') + '\n');
    fs.writeFileSync(path.join(dataDir, 'imdb', 'labels.txt'), reviews.map((_, i) => (i % 2 ? 'positive' : 'negative')).join('\n') + '\n');
    const corpus = loadSentimentCorpus({ dataDir });
    expect(corpus.tokenizer).toBe('spaces');
    expect(corpus.train).toHaveLength(1500);
    expect(corpus.test).toHaveLength(1000);
    expect(corpus.test[999]).toEqual({ text: 'review number 2499 was great', label: 1 });
    expect(corpus.source).toMatch(/reviews\.txt and labels\.txt \(downloaded\)/);
    fs.rmSync(dataDir, { recursive: true });
  });

  test('are skipped when absent', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gdl-empty-'));
    expect(loadBookImdb({ dataDir })).toBeUndefined();
    expect(loadSentimentCorpus({ dataDir }).source).toMatch(/UCI Sentiment Labelled Sentences/);
    fs.rmSync(dataDir, { recursive: true });
  });
});
