// PostgreSQL-only: accent folding for the participant search without the unaccent extension
// (which a council's server may not allow): SQL's translate() with these two strings maps each
// accented Latin letter to its plain lower-case letter, in the stored search texts
// (migration 0250's generated columns: the same two strings, frozen there) and in the search pattern
// (`foldForSearch`, the same mapping in JavaScript), so "Zoë" finds "Zoe" and "ZOE" finds "Zoë".
const FOLD_FROM = [
  'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöøùúûüýÿĀāĂăĄ',
  'ąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİıĴĵĶķĹĺĻļĽľŁłŃńŅņŇ',
  'ňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔ',
  'ǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨ',
  'ȩȪȫȬȭȮȯȰȱȲȳ',
].join('');
const FOLD_TO = [
  'aaaaaaceeeeiiiinoooooouuuuyaaaaaaceeeeiiiinoooooouuuuyyaaaaa',
  'accccccccddddeeeeeeeeeegggggggghhiiiiiiiiiijjkkllllllllnnnnn',
  'noooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzoouuaaiioouu',
  'uuuuuuuuaaaaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaae',
  'eooooooooyy',
].join('');

const map = new Map([...FOLD_FROM].map((c, i) => [c, [...FOLD_TO][i]!]));

/** What the index holds for `text`: accents folded as translate() does, then lower case. */
export function foldForSearch(text: string): string {
  return [...text]
    .map((c) => map.get(c) ?? c)
    .join('')
    .toLowerCase();
}
