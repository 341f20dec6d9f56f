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
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    text.unicode_word_indices()
        .filter(|(_, word)| word.chars().nth(MAX_WORD_CHARS).is_none())
}

/// [`fold`] into `out`, which is cleared first: the index folds millions of words,
/// and most need no new allocation this way.
pub fn fold_into(out: &mut String, word: &str) {
    out.clear();
    if word.is_ascii() {
        out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
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

    #[test]
    fn tokens_know_where_they_are_and_skip_what_nobody_types() {
        let text = "Go to https://example.org/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa now";
        let words: Vec<&str> = tokens(text).map(|t| &text[t.start..t.end]).collect();
        assert_eq!(words.first(), Some(&"Go"));
        assert_eq!(words.last(), Some(&"now"));
        assert!(words.iter().all(|w| w.chars().count() <= MAX_WORD_CHARS));
    }
}
