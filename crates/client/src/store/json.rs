//! JSON columns: typed values in, typed values out, a malformed row an SQLite conversion error.

use crate::error::{ClientError, Result};

/// `value` as a JSON column.
pub fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<String> {
    serde_json::to_string(value)
        .map_err(|e| ClientError::Sqlite(rusqlite::Error::ToSqlConversionFailure(Box::new(e))))
}

/// Column `index` read back from JSON.
pub fn parse<T: serde::de::DeserializeOwned>(index: usize, text: &str) -> rusqlite::Result<T> {
    serde_json::from_str(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e))
    })
}
