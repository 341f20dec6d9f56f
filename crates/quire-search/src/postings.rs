//! How a term's postings are written in a chunk: delta-coded numbers, so they stay
//! small, [packed](pack) into a string of URL-safe base64 digits, five bits of a
//! number to a digit, so that a small number is one character and the chunk is
//! still JSON the browser parses natively.
//!
//! A word's postings are two columns, one after the other, each in post order:
//! for each post that has the word, `post - (previous post + 1)`; then for each,
//! `count × 4 + fields` (a count under 8 shares its digit with the fields). Kept
//! apart, each column repeats itself more than the two interleaved did, and a
//! chunk compresses about an eighth smaller. A post's length is the same in every
//! list it is in, so it is written once, in the manifest ([`encode_lengths`]).
//! Where the word stands in each post is written apart, in the positions chunk of
//! the same number, since only a phrase needs it and it is most of the index's
//! size: for each post in the same order, `[n, positions…]`, at most
//! [`MAX_POSITIONS`] positions, each as its distance from the one before. A
//! filter's postings (`#label:…`, `#year:…`) are only the first column.

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

/// The value of a digit [`pack`] writes.
fn digit(byte: u8) -> Option<u8> {
    Some(match byte {
        b'A'..=b'Z' => byte - b'A',
        b'a'..=b'z' => byte - b'a' + 26,
        b'0'..=b'9' => byte - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    })
}

/// The numbers [`pack`] wrote.
pub fn unpack(text: &str) -> Result<Vec<u32>, Damaged> {
    let mut numbers = Vec::with_capacity(text.len());
    let (mut n, mut shift) = (0u32, 0u32);
    for byte in text.bytes() {
        let digit = digit(byte).ok_or(Damaged)?;
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

/// Appends to `deltas` the distance of `post` from `after`, the number after the
/// post written before it (0 for the first): the one column a filter has.
pub fn pack_post(deltas: &mut String, after: u32, post: u32) {
    pack_into(deltas, post - after);
}

/// Appends `posting` to the two columns of a word's postings (see the module),
/// `after` as for [`pack_post`].
pub fn pack_posting(deltas: &mut String, counts: &mut String, after: u32, posting: &Posting) {
    pack_post(deltas, after, posting.post);
    pack_into(
        counts,
        posting.count.saturating_mul(4) | (posting.fields & 3),
    );
}

/// Appends, packed, where a word stands in one post (ascending; at most
/// [`MAX_POSITIONS`] are kept).
pub fn pack_positions(out: &mut String, positions: &[u32]) {
    let kept = &positions[..positions.len().min(MAX_POSITIONS)];
    pack_into(out, kept.len() as u32);
    let mut last = 0;
    for &position in kept {
        pack_into(out, position - last);
        last = position;
    }
}

/// The first number packed in `text`, and the digits of the rest.
pub fn split_first(text: &str) -> Result<(u32, &str), Damaged> {
    let end = text
        .bytes()
        .position(|b| digit(b).is_some_and(|d| d & MORE == 0))
        .ok_or(Damaged)?;
    let (first, rest) = text.split_at(end + 1);
    match unpack(first)?.as_slice() {
        [n] => Ok((*n, rest)),
        _ => Err(Damaged),
    }
}

/// The postings of a word, as [`pack_posting`] wrote them (unpacked).
pub fn decode(data: &[u32]) -> Result<Vec<Posting>, Damaged> {
    if !data.len().is_multiple_of(2) {
        return Err(Damaged);
    }
    let (deltas, counts) = data.split_at(data.len() / 2);
    let mut next_post = 0u32;
    deltas
        .iter()
        .zip(counts)
        .map(|(&delta, &count)| {
            let post = next_post.checked_add(delta).ok_or(Damaged)?;
            next_post = post.checked_add(1).ok_or(Damaged)?;
            Ok(Posting {
                post,
                fields: count & 3,
                count: count >> 2,
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

/// Where a word stands in each of its posts, as [`pack_positions`] wrote it
/// (unpacked).
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

/// A filter's posts, as [`pack_post`] wrote them (unpacked).
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
        let (mut deltas, mut counts) = (String::new(), String::new());
        pack_posting(&mut deltas, &mut counts, 0, &postings[0]);
        pack_posting(&mut deltas, &mut counts, 4, &postings[1]);
        let data = unpack(&(deltas + &counts));
        // The posts' distances, then each count and fields in one number: 2 × 4 + IN_TITLE.
        assert_eq!(data, Ok(vec![3, 0, 9, 4]));
        assert_eq!(decode(&data.unwrap_or_default()), Ok(postings));
        let mut positions = String::new();
        pack_positions(&mut positions, &[0, 40]);
        pack_positions(&mut positions, &[7]);
        let positions = unpack(&positions).unwrap_or_default();
        assert_eq!(positions, [2, 0, 40, 1, 7]);
        assert_eq!(decode_positions(&positions), Ok(vec![vec![0, 40], vec![7]]));
        let mut posts = String::new();
        for (after, post) in [(0, 0), (1, 5), (6, 6)] {
            pack_post(&mut posts, after, post);
        }
        assert_eq!(
            decode_posts(&unpack(&posts).unwrap_or_default()),
            Ok(vec![0, 5, 6])
        );
        assert_eq!(split_first(&pack(&[1000, 3, 4])), Ok((1000, "DE")));
        assert_eq!(split_first("g"), Err(Damaged));
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
        assert_eq!(decode(&[u32::MAX, u32::MAX, 0, 0]), Err(Damaged));
        assert_eq!(decode_lengths("g"), Err(Damaged));
        assert_eq!(decode_positions(&[5, 1]), Err(Damaged));
        assert_eq!(decode_positions(&[u32::MAX]), Err(Damaged));
        assert_eq!(decode_positions(&[2, u32::MAX, u32::MAX]), Err(Damaged));
        assert_eq!(decode_posts(&[u32::MAX, 1]), Err(Damaged));
    }
}
