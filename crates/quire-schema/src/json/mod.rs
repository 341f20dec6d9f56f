//! Reading a bundle's JSON into its type, for the browser app.
//!
//! The bundle types' own `Deserialize` (serde's derive, the one definition of the
//! format) does the work; this is only the JSON under it. The app used
//! `serde-wasm-bindgen` over the browser's `JSON.parse`, whose errors are
//! formatted messages. Nothing shows them (every failure is "damaged" to a reader),
//! yet formatting them kept float printing and serde's descriptions of unexpected
//! values in the wasm. Here an error is [`Unreadable`], which formats nothing, so
//! the compiler drops all of it: about 6 KB brotli of a wasm that every reader
//! fetches.
//!
//! The JSON is what `serde_json` reads for these types (tests hold the two to the
//! same answers), except numbers: bundles hold only whole numbers, so a fraction or
//! an exponent is unreadable here.

use serde::de::value::{MapDeserializer, SeqDeserializer};
use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};
use std::fmt;

/// Why a bundle could not be read: no more than that it could not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unreadable;

impl fmt::Display for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a readable bundle")
    }
}

impl std::error::Error for Unreadable {}

impl de::Error for Unreadable {
    // The message is dropped unformatted: that is the point of this module.
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unreadable
    }
}

/// Nesting deeper than any bundle's, refused before it can exhaust the stack.
const MAX_DEPTH: usize = 64;

/// A JSON value, as [`parse`] reads it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Unsigned(u64),
    Negative(i64),
    Text(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

impl Value {
    /// The member `name` of an object.
    pub fn get(&self, name: &str) -> Option<&Value> {
        match self {
            Value::Object(members) => members.iter().find(|(key, _)| key == name).map(|m| &m.1),
            _ => None,
        }
    }
}

/// `text` as a `T`.
pub fn read<T: DeserializeOwned>(text: &str) -> Result<T, Unreadable> {
    from_value(parse(text)?)
}

/// A value already parsed, as a `T`.
pub fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, Unreadable> {
    T::deserialize(value)
}

/// The one JSON value `text` holds, with nothing but whitespace around it.
pub fn parse(text: &str) -> Result<Value, Unreadable> {
    let mut parser = Parser { text, at: 0 };
    let value = parser.value(0)?;
    parser.skip_whitespace();
    if parser.at == text.len() {
        Ok(value)
    } else {
        Err(Unreadable)
    }
}

struct Parser<'a> {
    text: &'a str,
    at: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.skip_whitespace();
        let found = self.peek() == Some(byte);
        if found {
            self.at += 1;
        }
        found
    }

    fn expect(&mut self, byte: u8) -> Result<(), Unreadable> {
        self.eat(byte).then_some(()).ok_or(Unreadable)
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Value, Unreadable> {
        let rest = self.text.get(self.at..).ok_or(Unreadable)?;
        if rest.starts_with(word) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(Unreadable)
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, Unreadable> {
        if depth > MAX_DEPTH {
            return Err(Unreadable);
        }
        self.skip_whitespace();
        match self.peek().ok_or(Unreadable)? {
            b'n' => self.word("null", Value::Null),
            b't' => self.word("true", Value::Bool(true)),
            b'f' => self.word("false", Value::Bool(false)),
            b'"' => self.string().map(Value::Text),
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                if !self.eat(b']') {
                    loop {
                        items.push(self.value(depth + 1)?);
                        if self.eat(b']') {
                            break;
                        }
                        self.expect(b',')?;
                    }
                }
                Ok(Value::Array(items))
            }
            b'{' => {
                self.at += 1;
                let mut members = Vec::new();
                if !self.eat(b'}') {
                    loop {
                        self.skip_whitespace();
                        let key = self.string()?;
                        self.expect(b':')?;
                        members.push((key, self.value(depth + 1)?));
                        if self.eat(b'}') {
                            break;
                        }
                        self.expect(b',')?;
                    }
                }
                Ok(Value::Object(members))
            }
            _ => self.number(),
        }
    }

    /// A whole number, as JSON writes one: no leading zeros, no `+`.
    fn number(&mut self) -> Result<Value, Unreadable> {
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        let start = self.at;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
        let digits = self.text.get(start..self.at).ok_or(Unreadable)?;
        let leading_zero = digits.len() > 1 && digits.starts_with('0');
        if digits.is_empty() || leading_zero || matches!(self.peek(), Some(b'.' | b'e' | b'E')) {
            return Err(Unreadable);
        }
        let magnitude: u64 = digits.parse().map_err(|_| Unreadable)?;
        if !negative {
            Ok(Value::Unsigned(magnitude))
        } else if magnitude == 0 {
            // serde_json reads `-0` as the float -0.0, which no bundle holds.
            Err(Unreadable)
        } else {
            // -9223372036854775808 is the most negative that fits.
            let below = i64::try_from(magnitude - 1).map_err(|_| Unreadable)?;
            Ok(Value::Negative(-below - 1))
        }
    }

    /// A string, its escapes undone; the parser stands on its opening quote.
    fn string(&mut self) -> Result<String, Unreadable> {
        if self.peek() != Some(b'"') {
            return Err(Unreadable);
        }
        self.at += 1;
        let mut out = String::new();
        loop {
            let rest = self.text.get(self.at..).ok_or(Unreadable)?;
            // Copy the plain run up to the next quote, escape or control character.
            let run = rest
                .bytes()
                .position(|b| b == b'"' || b == b'\\' || b < 0x20)
                .ok_or(Unreadable)?;
            out.push_str(rest.get(..run).ok_or(Unreadable)?);
            self.at += run;
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    out.push(self.escape()?);
                }
                // A raw control character, which JSON must escape.
                _ => return Err(Unreadable),
            }
        }
    }

    /// The character an escape stands for; the parser stands after its backslash.
    fn escape(&mut self) -> Result<char, Unreadable> {
        let letter = self.peek().ok_or(Unreadable)?;
        self.at += 1;
        Ok(match letter {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                if (0xDC00..0xE000).contains(&first) {
                    return Err(Unreadable);
                }
                if !(0xD800..0xDC00).contains(&first) {
                    return char::from_u32(first).ok_or(Unreadable);
                }
                // A leading surrogate: its trailing half must follow at once.
                let rest = self.text.get(self.at..).ok_or(Unreadable)?;
                if !rest.starts_with("\\u") {
                    return Err(Unreadable);
                }
                self.at += 2;
                let second = self.hex4()?;
                if !(0xDC00..0xE000).contains(&second) {
                    return Err(Unreadable);
                }
                let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                char::from_u32(code).ok_or(Unreadable)?
            }
            _ => return Err(Unreadable),
        })
    }

    fn hex4(&mut self) -> Result<u32, Unreadable> {
        let digits = self.text.get(self.at..self.at + 4).ok_or(Unreadable)?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(Unreadable);
        }
        self.at += 4;
        u32::from_str_radix(digits, 16).map_err(|_| Unreadable)
    }
}

impl<'de> de::Deserializer<'de> for Value {
    type Error = Unreadable;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unreadable> {
        match self {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Unsigned(n) => visitor.visit_u64(n),
            Value::Negative(n) => visitor.visit_i64(n),
            Value::Text(s) => visitor.visit_string(s),
            Value::Array(items) => {
                let mut seq = SeqDeserializer::new(items.into_iter());
                let value = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(value)
            }
            Value::Object(members) => {
                let mut map = MapDeserializer::new(members.into_iter());
                let value = visitor.visit_map(&mut map)?;
                map.end()?;
                Ok(value)
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Unreadable> {
        match self {
            Value::Null => visitor.visit_none(),
            other => visitor.visit_some(other),
        }
    }

    // As serde_json: a unit variant is its name as a string.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Unreadable> {
        match self {
            Value::Text(variant) => visitor.visit_enum(variant.into_deserializer()),
            _ => Err(Unreadable),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Unreadable> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct
        identifier ignored_any
    }
}

impl IntoDeserializer<'_, Unreadable> for Value {
    type Deserializer = Value;

    fn into_deserializer(self) -> Value {
        self
    }
}

#[cfg(test)]
mod tests;
