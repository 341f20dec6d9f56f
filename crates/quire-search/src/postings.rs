//! How a term's postings are written in a chunk: delta-coded numbers, so they stay
//! small, [packed](pack) into a string of URL-safe base64 digits, five bits of a
//! number to a digit, so that a small number is one character and the chunk is
//! still JSON the browser parses natively.
//!
//! A word's postings are, for each post that has it, in post order:
//! `[post - previous post, count × 4 + fields]`: a count under 8 shares its
//! digit with the fields. A post's length is the same in every list it is in,
//! so it is written once, in the manifest ([`encode_lengths`]). Where the word
//! stands in each post is written apart, in the positions chunk of the same number,
//! since only a phrase needs it and it is most of the index's size: for each post
//! in the same order, `[n, positions…]`, at most [`MAX_POSITIONS`] positions, each
//! as its distance from the one before. A filter's postings (`#label:…`,
//! `#year:…`) are only the post deltas, with no positions.

/// The word is in the post's title.
pub const IN_TITLE: u32 = 1;
/// The word is one of the post's labels.
pub const IN_LABELS: u32 = 2;
/// Positions kept per post and word: enough to find a phrase in all but the
/// longest posts, where the first few dozen uses of a word are kept.
pub const MAX_POSITIONS: usize = 32;
/// Lengths are kept to the nearest 16 words above, which ranking does not feel.
const WORDS_UNIT: u32 = 16;

/// One post's use of a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posting {
    pub post: u32,
    pub fields: u32,
    /// How many times the word is used.
    pub count: u32,
}

/// A chunk that does not decode: its file was damaged or tampered with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damaged;

const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/// A digit's sixth bit: more digits of the same number follow.
const MORE: u8 = 32;

/// `numbers` as digits: each number's five-bit groups, lowest first.
pub fn pack(numbers: &[u32]) -> String {
    let mut out = String::with_capacity(numbers.len() * 2);
    for &n in numbers {
        pack_into(&mut out, n);
    }
    out
}

/// Appends `n`'s digits to `out`, as [`pack`] writes them.
pub fn pack_into(out: &mut String, mut n: u32) {
    loop {
        let low = (n & 31) as u8;
        n >>= 5;
        if n == 0 {
            out.push(char::from(DIGITS[usize::from(low)]));
            return;
        }
        out.push(char::from(DIGITS[usize::from(low | MORE)]));
    }
}

/// The numbers [`pack`] wrote.
pub fn unpack(text: &str) -> Result<Vec<u32>, Damaged> {
    let mut numbers = Vec::with_capacity(text.len());
    let (mut n, mut shift) = (0u32, 0u32);
    for byte in text.bytes() {
        let digit = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return Err(Damaged),
        };
        let low = u32::from(digit & 31);
        n |= low
            .checked_shl(shift)
            .filter(|v| v >> shift == low)
            .ok_or(Damaged)?;
        if digit & MORE == 0 {
            numbers.push(n);
            (n, shift) = (0, 0);
        } else {
            shift += 5;
        }
    }
    if shift != 0 {
        return Err(Damaged);
    }
    Ok(numbers)
}

/// Appends `posting`, which comes after `previous` (the last post written, if any).
pub fn push(out: &mut Vec<u32>, previous: Option<u32>, posting: &Posting) {
    out.push(posting.post - previous.map_or(0, |p| p + 1));
    out.push(posting.count.saturating_mul(4) | (posting.fields & 3));
}

/// Appends where a word stands in one post (ascending; at most [`MAX_POSITIONS`]
/// are kept).
pub fn push_positions(out: &mut Vec<u32>, positions: &[u32]) {
    let kept = &positions[..positions.len().min(MAX_POSITIONS)];
    out.push(kept.len() as u32);
    let mut last = 0;
    for &position in kept {
        out.push(position - last);
        last = position;
    }
}

/// The postings of a word, as [`push`] wrote them.
pub fn decode(data: &[u32]) -> Result<Vec<Posting>, Damaged> {
    if !data.len().is_multiple_of(2) {
        return Err(Damaged);
    }
    let mut next_post = 0u32;
    data.chunks_exact(2)
        .map(|entry| {
            let post = next_post.checked_add(entry[0]).ok_or(Damaged)?;
            next_post = post.checked_add(1).ok_or(Damaged)?;
            Ok(Posting {
                post,
                fields: entry[1] & 3,
                count: entry[1] >> 2,
            })
        })
        .collect()
}

/// Each post's length in words (post `n`'s at `n`), packed for the manifest.
pub fn encode_lengths(words: &[u32]) -> String {
    let mut out = String::with_capacity(words.len() * 2);
    for &n in words {
        pack_into(&mut out, n.div_ceil(WORDS_UNIT));
    }
    out
}

/// The lengths [`encode_lengths`] wrote, to the nearest [`WORDS_UNIT`] above.
pub fn decode_lengths(text: &str) -> Result<Vec<u32>, Damaged> {
    Ok(unpack(text)?
        .into_iter()
        .map(|n| n.saturating_mul(WORDS_UNIT))
        .collect())
}

/// Where a word stands in each of its posts, as [`push_positions`] wrote it.
pub fn decode_positions(data: &[u32]) -> Result<Vec<Vec<u32>>, Damaged> {
    let mut each = Vec::new();
    let mut numbers = data.iter().copied();
    while let Some(kept) = numbers.next() {
        let kept = kept as usize;
        if kept > MAX_POSITIONS {
            return Err(Damaged);
        }
        let mut positions = Vec::with_capacity(kept);
        let mut at = 0u32;
        for _ in 0..kept {
            at = at
                .checked_add(numbers.next().ok_or(Damaged)?)
                .ok_or(Damaged)?;
            positions.push(at);
        }
        each.push(positions);
    }
    Ok(each)
}

/// A filter's posts, delta-coded.
pub fn encode_posts(posts: &[u32]) -> Vec<u32> {
    let mut next = 0;
    posts
        .iter()
        .map(|&post| {
            let delta = post - next;
            next = post + 1;
            delta
        })
        .collect()
}

/// A filter's posts, as [`encode_posts`] wrote them.
pub fn decode_posts(data: &[u32]) -> Result<Vec<u32>, Damaged> {
    let mut next = 0u32;
    data.iter()
        .map(|&delta| {
            let post = next.checked_add(delta).ok_or(Damaged)?;
            next = post.checked_add(1).ok_or(Damaged)?;
            Ok(post)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_and_positions_come_back_as_they_went_in() {
        let postings = vec![
            Posting {
                post: 3,
                fields: IN_TITLE,
                count: 2,
            },
            Posting {
                post: 4,
                fields: 0,
                count: 1,
            },
        ];
        let mut data = Vec::new();
        push(&mut data, None, &postings[0]);
        push(&mut data, Some(3), &postings[1]);
        // A count and the fields share one number: 2 × 4 + IN_TITLE.
        assert_eq!(data, [3, 9, 0, 4]);
        assert_eq!(decode(&data), Ok(postings));
        let mut positions = Vec::new();
        push_positions(&mut positions, &[0, 40]);
        push_positions(&mut positions, &[7]);
        assert_eq!(positions, [2, 0, 40, 1, 7]);
        assert_eq!(decode_positions(&positions), Ok(vec![vec![0, 40], vec![7]]));
        assert_eq!(decode_posts(&encode_posts(&[0, 5, 6])), Ok(vec![0, 5, 6]));
        assert_eq!(
            decode_lengths(&encode_lengths(&[1, 16, 17, 900])),
            Ok(vec![16, 16, 32, 912])
        );
    }

    #[test]
    fn numbers_pack_into_few_characters_and_back() {
        let numbers = [0, 1, 31, 32, 1000, 70, u32::MAX];
        let packed = pack(&numbers);
        assert_eq!(&packed[..3], "ABf", "one character each below 32");
        assert_eq!(unpack(&packed), Ok(numbers.to_vec()));
        assert_eq!(unpack(""), Ok(vec![]));
        assert_eq!(unpack("g"), Err(Damaged), "cut short");
        assert_eq!(unpack("A,"), Err(Damaged));
        assert_eq!(unpack("gggggggggggggA"), Err(Damaged), "too large");
    }

    #[test]
    fn a_damaged_chunk_is_an_error_not_a_panic() {
        assert_eq!(decode(&[3, 1, 10]), Err(Damaged));
        assert_eq!(decode(&[u32::MAX, 0, u32::MAX, 0]), Err(Damaged));
        assert_eq!(decode_lengths("g"), Err(Damaged));
        assert_eq!(decode_positions(&[5, 1]), Err(Damaged));
        assert_eq!(decode_positions(&[u32::MAX]), Err(Damaged));
        assert_eq!(decode_positions(&[2, u32::MAX, u32::MAX]), Err(Damaged));
        assert_eq!(decode_posts(&[u32::MAX, 1]), Err(Damaged));
    }
}
