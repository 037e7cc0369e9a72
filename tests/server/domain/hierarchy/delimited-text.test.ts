import { describe, expect, it } from 'vitest';
import { detectSeparator, readDelimitedText } from '../../../../server/domain/hierarchy/delimited-text.ts';

describe('reading delimited text', () => {
  it('takes the separator the header line uses most, ignoring quoted ones and later lines', () => {
    expect(detectSeparator('key;name;parent_key\na,"x, y, z",')).toBe(';');
    expect(detectSeparator('key\tname\tparent_key')).toBe('\t');
    expect(detectSeparator('"a;b;c",name,parent\n')).toBe(',');
    expect(detectSeparator('key\na;b;c;d')).toBe(',');
  });

  it('keeps every record in place, blank lines too, so row numbers are the file’s own', async () => {
    const read = await readDelimitedText(
      '\uFEFFkey;name\r\n\r\n"a";"Zürich; Süd"\r\nb;"Say ""hi""\nthere"\r\n',
    );
    expect(read).toEqual({
      ok: true,
      separator: ';',
      rows: [['key', 'name'], [''], ['a', 'Zürich; Süd'], ['b', 'Say "hi"\nthere']],
    });
  });

  it('names the line of a quote that never closes', async () => {
    expect(await readDelimitedText('key,name\na,"open\n')).toMatchObject({
      ok: false,
      problem: { field: 'line 2' },
    });
  });
});
