//! Words: where they are in a text, and the folded form both the index and the
//! query compare. The one tokeniser: the builder indexes with it and the app
//! reads queries and marks matches with it, so the two can never disagree.

use unicode_segmentation::UnicodeSegmentation;

/// Longer "words" are URLs, hashes or base64, which nobody types.
pub const MAX_WORD_CHARS: usize = 40;

/// A word of a text: where it is, and its folded form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub folded: String,
    /// Byte range of the word in the text.
    pub start: usize,
    pub end: usize,
}

/// The words of `text` by Unicode's word boundaries (UAX #29). Chinese and
/// Japanese are written without spaces; there each ideograph and kana is a word of
/// its own, and a query in those scripts is matched as a phrase of them.
pub fn tokens(text: &str) -> impl Iterator<Item = Token> + '_ {
    words(text).map(|(start, word)| Token {
        folded: fold(word),
        start,
        end: start + word.len(),
    })
}

/// The words of `text` as [`tokens`] finds them, unfolded, with where each starts.
pub fn words(text: &str) -> Words<'_> {
    Words {
        text,
        at: 0,
        piece_end: 0,
        unicode: None,
    }
}

/// The words of a text, by Unicode's rules, read fast where the text is ASCII.
///
/// No word runs across white space, so the text is read a piece at a time between
/// ASCII white space. A piece that is all ASCII (most of a blog, in most languages
/// written in Latin letters) is split here by UAX #29's rules as they apply to
/// ASCII; any other goes to `unicode-segmentation`. A test holds the two to the
/// same words.
pub struct Words<'a> {
    text: &'a str,
    /// Where reading goes on, in the current piece.
    at: usize,
    piece_end: usize,
    /// The current piece's words, when it is not all ASCII: (its start, them).
    unicode: Option<(usize, unicode_segmentation::UnicodeWordIndices<'a>)>,
}

impl<'a> Iterator for Words<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        loop {
            if let Some((base, words)) = &mut self.unicode {
                match words.next() {
                    Some((i, word)) if short(word) => return Some((*base + i, word)),
                    Some(_) => continue,
                    None => self.unicode = None,
                }
            }
            if self.at >= self.piece_end && !self.next_piece() {
                return None;
            }
            if self.unicode.is_none() {
                if let Some(word) = self.ascii_word() {
                    return Some(word);
                }
            }
        }
    }
}

impl<'a> Words<'a> {
    /// Moves to the next piece between white space; false at the text's end.
    fn next_piece(&mut self) -> bool {
        let bytes = self.text.as_bytes();
        let mut start = self.at;
        while start < bytes.len() && bytes[start].is_ascii_whitespace() {
            start += 1;
        }
        if start >= bytes.len() {
            self.at = start;
            return false;
        }
        let end = bytes[start..]
            .iter()
            .position(u8::is_ascii_whitespace)
            .map_or(bytes.len(), |n| start + n);
        // Both ends are at ASCII bytes (or the text's ends): char boundaries.
        let piece = &self.text[start..end];
        if piece.is_ascii() {
            self.at = start;
        } else {
            self.unicode = Some((start, piece.unicode_word_indices()));
            self.at = end;
        }
        self.piece_end = end;
        true
    }

    /// The next word of the current (ASCII) piece. UAX #29 for ASCII: letters,
    /// digits and `_` hold together (WB5, 8–10, 13a–b); a letter, then `:`, `.` or
    /// `'`, then a letter hold together (WB6–7); a digit, then `,`, `;`, `.` or `'`,
    /// then a digit too (WB11–12); everything else breaks. A word needs a letter or
    /// a digit.
    fn ascii_word(&mut self) -> Option<(usize, &'a str)> {
        let bytes = self.text.as_bytes();
        let end = self.piece_end;
        let joins = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        let mut i = self.at;
        while i < end {
            if !joins(bytes[i]) {
                i += 1;
                continue;
            }
            let start = i;
            let mut alphanumeric = false;
            loop {
                let c = bytes[i];
                alphanumeric |= c.is_ascii_alphanumeric();
                if i + 1 < end && joins(bytes[i + 1]) {
                    i += 1;
                    continue;
                }
                if i + 2 < end {
                    let (mid, next) = (bytes[i + 1], bytes[i + 2]);
                    let letters = c.is_ascii_alphabetic()
                        && matches!(mid, b':' | b'.' | b'\'')
                        && next.is_ascii_alphabetic();
                    let digits = c.is_ascii_digit()
                        && matches!(mid, b',' | b';' | b'.' | b'\'')
                        && next.is_ascii_digit();
                    if letters || digits {
                        i += 2;
                        continue;
                    }
                }
                break;
            }
            i += 1;
            self.at = i;
            let word = &self.text[start..i];
            if alphanumeric && short(word) {
                return Some((start, word));
            }
        }
        self.at = end;
        None
    }
}

/// Whether `word` is short enough to be one a reader types.
fn short(word: &str) -> bool {
    word.len() <= MAX_WORD_CHARS || word.chars().nth(MAX_WORD_CHARS).is_none()
}

/// [`fold`] into `out`, which is cleared first: the index folds millions of words,
/// and most need no new allocation this way.
pub fn fold_into(out: &mut String, word: &str) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
    } else {
        out.push_str(&fold(word));
    }
}

/// `word` as the index keeps it: lowercase, without diacritics (`Nicolás` is
/// `nicolas`), and a few letters that have no decomposition spelled as their
/// plain equivalents (`Straße` is `strasse`).
pub fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let decomposed = normalize(&word.to_lowercase(), Form::Decomposed);
    let mut plain = String::with_capacity(decomposed.len());
    for c in decomposed.chars() {
        match c {
            c if is_diacritic(c) => {}
            'ß' => plain.push_str("ss"),
            'æ' => plain.push_str("ae"),
            'œ' => plain.push_str("oe"),
            'þ' => plain.push_str("th"),
            'ø' => plain.push('o'),
            'đ' | 'ð' => plain.push('d'),
            'ł' => plain.push('l'),
            'ı' => plain.push('i'),
            c => plain.push(c),
        }
    }
    // Composed again, so that Hangul syllables stay syllables.
    normalize(&plain, Form::Composed)
}

/// The combining marks that are accents on Latin, Greek and Cyrillic letters. Only
/// these go: marks that are letters' vowels in other scripts stay.
fn is_diacritic(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Whether `c` is written without spaces between words: Han, kana.
pub fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF // hiragana, katakana
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xF900..=0xFAFF // compatibility ideographs
        | 0x20000..=0x3134F) // extensions B to G
}

enum Form {
    Decomposed,
    Composed,
}

#[cfg(not(target_arch = "wasm32"))]
fn normalize(text: &str, form: Form) -> String {
    use unicode_normalization::UnicodeNormalization;
    match form {
        Form::Decomposed => text.nfd().collect(),
        Form::Composed => text.nfc().collect(),
    }
}

#[cfg(target_arch = "wasm32")]
fn normalize(text: &str, form: Form) -> String {
    let form = match form {
        Form::Decomposed => "NFD",
        Form::Composed => "NFC",
    };
    js_sys::JsString::from(text)
        .normalize(form)
        .as_string()
        .unwrap_or_else(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> Vec<String> {
        tokens(text).map(|t| t.folded).collect()
    }

    #[test]
    fn words_are_split_at_unicode_boundaries_and_folded() {
        assert_eq!(
            folded("Nicolás Maduro's NATO-summit, 3.5% in Zürich."),
            ["nicolas", "maduro's", "nato", "summit", "3.5", "in", "zurich"]
        );
        assert_eq!(
            folded("Straße, Øresund, Łódź, ÆON"),
            ["strasse", "oresund", "lodz", "aeon"]
        );
        assert_eq!(folded("Ελλάδα ΑΘΗΝΑ Москва́"), ["ελλαδα", "αθηνα", "москва"]);
        assert_eq!(folded("한국의 수도"), ["한국의", "수도"]);
    }

    #[test]
    fn ideographs_and_kana_are_words_of_their_own() {
        assert_eq!(folded("東京の天気"), ["東", "京", "の", "天", "気"]);
        assert!("東".chars().all(is_unspaced));
        assert!(!"a".chars().all(is_unspaced));
    }

    /// The fast reading of ASCII gives exactly the words Unicode's rules give, on
    /// texts made of the characters those rules treat differently.
    #[test]
    fn ascii_is_read_as_unicode_segmentation_reads_it() {
        let alphabet: Vec<char> = "aZ9_0 .:,;'\"-!?\t\n\r\x0b\x0c\x01()/@#é’東ßΩ\u{a0}"
            .chars()
            .collect();
        let mut seed = 0x2545_f491_u32;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed
        };
        for _ in 0..20_000 {
            let len = next() % 14;
            let text: String = (0..len)
                .map(|_| alphabet[(next() as usize) % alphabet.len()])
                .collect();
            let fast: Vec<(usize, &str)> = words(&text).collect();
            let unicode: Vec<(usize, &str)> = text.unicode_word_indices().collect();
            assert_eq!(fast, unicode, "{text:?}");
        }
        let long = format!("{} b", "a".repeat(MAX_WORD_CHARS + 1));
        assert_eq!(
            words(&long).collect::<Vec<_>>(),
            [(MAX_WORD_CHARS + 2, "b")]
        );
    }

    #[test]
    fn tokens_know_where_they_are_and_skip_what_nobody_types() {
        let text = "Go to https://example.org/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa now";
        let words: Vec<&str> = tokens(text).map(|t| &text[t.start..t.end]).collect();
        assert_eq!(words.first(), Some(&"Go"));
        assert_eq!(words.last(), Some(&"now"));
        assert!(words.iter().all(|w| w.chars().count() <= MAX_WORD_CHARS));
    }
}
