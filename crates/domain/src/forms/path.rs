//! Where a value lives in a form: `group.field`, `group[i].field`, or a whole block or slot.
//! The same paths name problems, so a message finds its field.

use super::FormData;

/// The address of one value in [`FormData`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FieldPath {
    /// `group.field` of a non-repeatable group.
    Field {
        /// Group id.
        group: String,
        /// Field id.
        field: String,
    },
    /// `group[index].field` of a repeatable group.
    Block {
        /// Group id.
        group: String,
        /// Block number, from 0.
        index: usize,
        /// Field id.
        field: String,
    },
}

impl FieldPath {
    /// `group.field`.
    pub fn field(group: &str, field: &str) -> FieldPath {
        FieldPath::Field {
            group: group.to_owned(),
            field: field.to_owned(),
        }
    }

    /// `group[index].field`.
    pub fn block(group: &str, index: usize, field: &str) -> FieldPath {
        FieldPath::Block {
            group: group.to_owned(),
            index,
            field: field.to_owned(),
        }
    }

    /// Reads a path as problems write it; `None` for anything else.
    pub fn parse(text: &str) -> Option<FieldPath> {
        let (head, field) = text.split_once('.')?;
        if field.is_empty() || field.contains('.') {
            return None;
        }
        match head.split_once('[') {
            None => Some(FieldPath::field(head, field)),
            Some((group, rest)) => {
                let index = rest.strip_suffix(']')?.parse().ok()?;
                Some(FieldPath::block(group, index, field))
            }
        }
    }

    /// The value at this path (empty when absent).
    pub fn get<'d>(&self, data: &'d FormData) -> &'d str {
        match self {
            FieldPath::Field { group, field } => data.value(group, field),
            FieldPath::Block {
                group,
                index,
                field,
            } => data
                .blocks
                .get(group)
                .and_then(|blocks| blocks.get(*index))
                .and_then(|block| block.get(field))
                .map_or("", String::as_str),
        }
    }

    /// Sets the value at this path; a block that does not exist is left alone.
    pub fn set(&self, data: &mut FormData, value: &str) {
        match self {
            FieldPath::Field { group, field } => data.set(group, field, value),
            FieldPath::Block {
                group,
                index,
                field,
            } => {
                if let Some(block) = data.blocks.get_mut(group).and_then(|b| b.get_mut(*index)) {
                    block.insert(field.clone(), value.to_owned());
                }
            }
        }
    }
}

impl std::fmt::Display for FieldPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FieldPath::Field { group, field } => write!(f, "{group}.{field}"),
            FieldPath::Block {
                group,
                index,
                field,
            } => write!(f, "{group}[{index}].{field}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_round_trip_and_address_their_values() {
        for text in ["uk.bin", "shareholders[1].share"] {
            assert_eq!(FieldPath::parse(text).expect("parses").to_string(), text);
        }
        assert_eq!(FieldPath::parse("documents"), None);
        assert_eq!(FieldPath::parse("shareholders[x].share"), None);
        let mut data = FormData::default();
        data.blocks
            .insert("shareholders".into(), vec![Default::default()]);
        let share = FieldPath::block("shareholders", 0, "share");
        share.set(&mut data, "60");
        assert_eq!(share.get(&data), "60");
        FieldPath::block("shareholders", 3, "share").set(&mut data, "1");
        assert_eq!(data.blocks["shareholders"].len(), 1);
    }
}
